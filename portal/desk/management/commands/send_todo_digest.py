"""Daily 待办 mails: the digest of everything waiting on each user and, separately, the
reminder of overdue items. Each goes out at most once a day per user, so the scheduler
(portal/review/management/commands/run_scheduler.py) runs this every hour safely."""

from django.core.management.base import BaseCommand

from portal.desk.reminders import send_digests, send_overdue_reminders


class Command(BaseCommand):
    help = "发送每日待办汇总和超时提醒（每人每天各一封）"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="今天已发送的也重新发送")
        parser.add_argument("--no-digest", action="store_true", help="只发送超时提醒")
        parser.add_argument("--no-overdue", action="store_true", help="只发送待办汇总")

    def handle(self, *args, force=False, **options):
        if not options.get("no_digest"):
            told = send_digests(force=force)
            self.stdout.write(f"待办汇总：发送给 {len(told)} 人")
        if not options.get("no_overdue"):
            told = send_overdue_reminders(force=force)
            self.stdout.write(f"超时提醒：发送给 {len(told)} 人")
