"""Scheduled publishing (定时发布), started by ``make run`` / ``make serve`` next to gunicorn.

Every ``--interval`` seconds (default 30, so a page goes live within a minute of its time) it
publishes revisions whose approved go-live time has passed and unpublishes expired pages,
through portal.review.services.publish_due (Wagtail's publish_scheduled plus 三同步). In
production run it from a systemd timer or cron with ``--once`` (docs/review.md).
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = "定时发布：每隔一段时间发布到期的页面、下线过期的页面"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="间隔秒数，默认 30")
        parser.add_argument("--once", action="store_true", help="只运行一次（cron/systemd 使用）")

    def handle(self, *args, interval=30, once=False, **options):
        from portal.review.services import publish_due

        while True:
            try:
                published, expired = publish_due()
                if published or expired or options.get("verbosity", 1) > 1:
                    self.stdout.write(f"定时发布：发布 {published} 个页面，下线 {expired} 个页面")
            except Exception as exc:  # noqa: BLE001 - keep running; the next round retries
                self.stderr.write(f"定时发布出错：{exc}")
                if once:
                    raise
            if once:
                return
            time.sleep(max(1, interval))
            # a long-running process: drop connections the database may have closed meanwhile
            close_old_connections()
