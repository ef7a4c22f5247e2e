from django.core.management.base import BaseCommand, CommandError

from home.bootstrap import BootstrapError, Bootstrapper
from portal.core.db import analyze


class Command(BaseCommand):
    help = (
        "创建默认栏目树、单位、用户组、权限和语言（可重复运行）；--demo 另加演示内容和演示账号"
        "（以及第二个演示县站点）；--site 创建或更新站群中的一个站点。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="添加演示内容和演示账号")
        parser.add_argument(
            "--units-file", "--units", dest="units_file", help="单位数据文件（JSON）"
        )
        parser.add_argument("--site", dest="site_key", help="站点代号（字母、数字、连字符）")
        parser.add_argument("--hostname", help="站点主机名，如 congjiang.example.gov.cn")
        parser.add_argument("--name", help="站点名称，如 从江县人民政府")

    def handle(self, *args, demo=False, units_file=None, site_key=None, **options):
        kwargs = {"stdout": self.stdout, "progress_stream": self.stderr}
        if units_file:
            kwargs["units_file"] = units_file
        if site_key:
            kwargs.update(site_key=site_key, hostname=options["hostname"], name=options["name"])
        elif options["hostname"] or options["name"]:
            raise CommandError("--hostname 和 --name 需与 --site 一起使用。")
        bootstrapper = Bootstrapper(**kwargs)
        try:
            bootstrapper.run()
        except BootstrapError as error:
            raise CommandError(str(error)) from error
        if not bootstrapper.created:
            self.stdout.write("栏目树、单位和权限已是最新，无需改动。")
        if demo:
            from home.demo import DemoBuilder

            if site_key:
                DemoBuilder(stdout=self.stdout, site=bootstrapper.site, small=True).run()
            else:
                DemoBuilder(stdout=self.stdout).run()
                from home.demo_sites import build_second_demo_county

                build_second_demo_county(stdout=self.stdout, progress_stream=self.stderr)
        # a fresh load leaves PostgreSQL planning with the statistics of empty tables
        analyze()
