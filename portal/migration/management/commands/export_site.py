"""manage.py export_site DIR [--since DATE]: write a migration bundle (docs/migration.md)."""

from django.core.management.base import BaseCommand, CommandError

from portal.migration.exporter import Exporter, parse_since


class Command(BaseCommand):
    help = "导出整个网站（或某日期以来的变更）为迁移包"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="迁移包目录（必须不存在或为空）")
        parser.add_argument("--since", help="只导出此时间以后发布或修改的页面，如 2026-01-01")
        parser.add_argument("--quiet-progress", action="store_true", help="不显示进度")

    def handle(self, directory, since=None, quiet_progress=False, **options):
        try:
            since = parse_since(since) if since else None
            Exporter(
                directory,
                since=since,
                stdout=self.stdout,
                progress_stream=False if quiet_progress else None,
            ).run()
        except (FileExistsError, ValueError) as e:
            raise CommandError(str(e))
