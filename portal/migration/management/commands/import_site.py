"""manage.py import_site DIR [--dry-run] [--url-map FILE] [--under PAGE]."""

from django.core.management.base import BaseCommand, CommandError

from portal.migration.bundle import BundleError
from portal.migration.importer import Importer


class Command(BaseCommand):
    help = "导入迁移包：先校验全部文件，再在一个事务中全部导入（出错则全部不导入）"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="迁移包目录")
        parser.add_argument(
            "--dry-run", action="store_true", help="只校验并报告将要发生的变化，不写入数据库"
        )
        parser.add_argument("--url-map", metavar="FILE", help="把旧网址与新网址的对照写入 CSV 文件")
        parser.add_argument(
            "--under",
            metavar="PAGE",
            help="把迁移包的首页放在本站某页面之下（页面ID或路径），旧网址自动永久重定向到新网址",
        )
        parser.add_argument(
            "--as-site", metavar="KEY", help="作为站群中的新站点导入（站点代号），不改动其他站点"
        )
        parser.add_argument("--hostname", help="新站点的主机名（与 --as-site 一起使用）")
        parser.add_argument("--name", help="新站点名称（默认取迁移包中的网站名称）")
        parser.add_argument("--quiet-progress", action="store_true", help="不显示进度")

    def handle(
        self, directory, dry_run=False, url_map=None, under=None, quiet_progress=False, **options
    ):
        if options.get("as_site") and under:
            raise CommandError("--as-site 与 --under 不能同时使用。")
        if (options.get("hostname") or options.get("name")) and not options.get("as_site"):
            raise CommandError("--hostname 和 --name 需与 --as-site 一起使用。")
        try:
            Importer(
                directory,
                dry_run=dry_run,
                url_map=url_map,
                under=under,
                stdout=self.stdout,
                progress_stream=False if quiet_progress else None,
                as_site=options.get("as_site"),
                hostname=options.get("hostname"),
                site_name=options.get("name"),
            ).run()
        except BundleError as e:
            raise CommandError(f"导入失败，数据库未作任何修改。{e}")
