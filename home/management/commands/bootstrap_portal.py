from django.core.management.base import BaseCommand

from home.bootstrap import Bootstrapper
from portal.core.db import analyze


class Command(BaseCommand):
    help = "创建默认栏目树、单位、用户组、权限和语言（可重复运行）；--demo 另加演示内容和演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="添加演示内容和演示账号")
        parser.add_argument("--units-file", help="单位数据文件（JSON），默认使用项目自带文件")

    def handle(self, *args, demo=False, units_file=None, **options):
        kwargs = {"stdout": self.stdout, "progress_stream": self.stderr}
        if units_file:
            kwargs["units_file"] = units_file
        bootstrapper = Bootstrapper(**kwargs)
        bootstrapper.run()
        if not bootstrapper.created:
            self.stdout.write("栏目树、单位和权限已是最新，无需改动。")
        if demo:
            from home.demo import DemoBuilder

            DemoBuilder(stdout=self.stdout).run()
        # a fresh load leaves PostgreSQL planning with the statistics of empty tables
        analyze()
