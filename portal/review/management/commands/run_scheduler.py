"""Runs Wagtail's scheduled publishing every 30 seconds (started by `make run` next to
gunicorn). In production use the systemd timer or cron entry in docs/deployment.md."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "定时发布：每隔一段时间发布到期的页面（开发与小型部署使用）"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="间隔秒数，默认 30")
        parser.add_argument("--once", action="store_true", help="只运行一次")

    def handle(self, *args, interval=30, once=False, **options):
        while True:
            try:
                call_command("publish_scheduled", verbosity=0)
            except Exception as exc:  # keep running; the next round retries
                self.stderr.write(f"定时发布出错：{exc}")
            if once:
                return
            time.sleep(interval)
