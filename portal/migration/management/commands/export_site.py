"""manage.py export_site DIR [--since DATE] [--site KEY]: write a migration bundle (docs/migration.md)."""

from django.core.management.base import BaseCommand, CommandError

from portal.migration.exporter import Exporter, parse_since


class Command(BaseCommand):
    help = "导出整个网站（或某日期以来的变更）为迁移包"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="迁移包目录（必须不存在或为空）")
        parser.add_argument("--since", help="只导出此时间以后发布或修改的页面，如 2026-01-01")
        parser.add_argument("--site", dest="site_key", help="只导出站群中的这个站点（站点代号）")
        parser.add_argument("--quiet-progress", action="store_true", help="不显示进度")

    def handle(self, directory, since=None, quiet_progress=False, site_key=None, **options):
        site = None
        if site_key:
            from portal.core.sites import site_by_key

            site = site_by_key(site_key)
            if site is None:
                raise CommandError(f"没有代号为“{site_key}”的站点。")
        try:
            since = parse_since(since) if since else None
            Exporter(
                directory,
                site=site,
                since=since,
                stdout=self.stdout,
                progress_stream=False if quiet_progress else None,
            ).run()
        except (FileExistsError, ValueError) as e:
            raise CommandError(str(e))
