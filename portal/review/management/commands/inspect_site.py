"""``manage.py inspect_site [--all] [--no-external] [--no-mail]`` — 全站巡检 (portal/review/
inspection.py). Without --all only pages published since their last inspection are rescanned;
the scheduler (run_scheduler) runs it once a night."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "全站巡检：检查已发布页面及其附件的错别字和错误表述、链接、图片替代文字和发布时间"

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="检查全部页面（默认只查有变化的）")
        parser.add_argument("--no-external", action="store_true", help="不检查外部链接")
        parser.add_argument("--no-mail", action="store_true", help="不发送通知邮件")

    def handle(self, *args, **options):
        from portal.review.inspection import run_inspection

        run_inspection(
            whole_site=options["all"],
            check_external_links=not options["no_external"],
            notify=not options["no_mail"],
            stdout=self.stdout if options.get("verbosity", 1) > 0 else None,
        )
