"""Delete audit log entries older than a number of days (never fewer than 183: the audit log
is kept at least six months)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.review.retention import RETENTION_DAYS


class Command(BaseCommand):
    help = "删除早于指定天数的审计日志（不少于 183 天，即六个月）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            required=True,
            help=f"删除多少天以前的日志，至少 {RETENTION_DAYS} 天",
        )
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除")

    def handle(self, *args, older_than_days, dry_run=False, **options):
        from wagtail.models import ModelLogEntry, PageLogEntry

        if older_than_days < RETENTION_DAYS:
            raise CommandError(
                f"审计日志至少保存六个月：--older-than-days 不能小于 {RETENTION_DAYS}。"
            )
        cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
        total = 0
        for model in (PageLogEntry, ModelLogEntry):
            old = model.objects.filter(timestamp__lt=cutoff)
            count = old.count()
            if not dry_run and count:
                old.delete()
            total += count
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(f"{verb} {total} 条 {cutoff:%Y-%m-%d} 以前的审计日志。")
