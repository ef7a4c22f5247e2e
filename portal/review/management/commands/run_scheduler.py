"""Scheduled publishing (定时发布), started by ``make run`` / ``make serve`` next to gunicorn.

Every ``--interval`` seconds (default 30, so a page goes live within a minute of its time) it
publishes revisions whose approved go-live time has passed and unpublishes expired pages,
through portal.review.services.publish_due (Wagtail's publish_scheduled plus 三同步). In
production run it from a systemd timer or cron with ``--once`` (docs/review.md).
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from portal.core import clock

#: daily alert commands; each sends at most once per day, so running them every round of a
#: long-lived scheduler is safe (statistics: 栏目监测; participation: deadlines and 留言;
#: desk: the 回收站's pages older than 30 days are purged, the 待办 digest and overdue reminders)
DAILY_COMMANDS = (
    "send_column_alerts",
    "participation_alerts",
    "purge_recycle_bin",
    "send_todo_digest",
)


class Command(BaseCommand):
    help = "定时发布：每隔一段时间发布到期的页面、下线过期的页面"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="间隔秒数，默认 30")
        parser.add_argument("--once", action="store_true", help="只运行一次（cron/systemd 使用）")
        parser.add_argument("--no-inspection", action="store_true", help="不运行每晚的全站巡检")
        parser.add_argument(
            "--no-alerts",
            action="store_true",
            help="不发送每日提醒邮件（栏目监测、依申请公开和留言到期提醒）",
        )

    def handle(self, *args, interval=30, once=False, **options):
        from portal.review.services import publish_due

        last_alerts = None
        last_inspection = None
        while True:
            try:
                published, expired = publish_due()
                if published or expired or options.get("verbosity", 1) > 1:
                    self.stdout.write(f"定时发布：发布 {published} 个页面，下线 {expired} 个页面")
            except Exception as exc:  # noqa: BLE001 - keep running; the next round retries
                self.stderr.write(f"定时发布出错：{exc}")
                if once:
                    raise
            # the alert commands send once a day; looking once an hour is plenty
            if not options.get("no_alerts") and (
                last_alerts is None or time.monotonic() - last_alerts > 3600
            ):
                self.run_daily_alerts()
                last_alerts = time.monotonic()
            if not options.get("no_inspection") and self.inspection_due(last_inspection):
                self.run_inspection()
                last_inspection = clock.now()
            if once:
                return
            time.sleep(max(1, interval))
            # a long-running process: drop connections the database may have closed meanwhile
            close_old_connections()

    def inspection_due(self, last):
        """The nightly 全站巡检: once a day, in the night window INSPECTION_HOURS (北京时间,
        default 1:00–6:00) when the site is quiet."""
        from django.conf import settings

        from portal.review.models import InspectionRun

        now = clock.now()
        first, last_hour = getattr(settings, "INSPECTION_HOURS", (1, 6))
        if not first <= timezone.localtime(now).hour < last_hour:
            return False
        today = timezone.localtime(now).date()
        if last is not None and timezone.localtime(last).date() == today:
            return False
        latest = InspectionRun.objects.order_by("-started_at").first()
        return latest is None or timezone.localtime(latest.started_at).date() < today

    def run_inspection(self):
        try:
            call_command("inspect_site", verbosity=0)
        except Exception as exc:  # noqa: BLE001 - an inspection failure never stops publishing
            self.stderr.write(f"全站巡检出错：{exc}")

    def run_daily_alerts(self):
        for name in DAILY_COMMANDS:
            try:
                call_command(name, verbosity=0)
            except Exception as exc:  # noqa: BLE001 - an alert failure never stops publishing
                self.stderr.write(f"每日提醒 {name} 出错：{exc}")
