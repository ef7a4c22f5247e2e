"""Delete login records (django-axes AccessLog and AccessFailureLog) older than a number of
days, never fewer than 183: 等保 2.0 (GB/T 22239-2019, 8.1.4.3 安全审计) and 网络安全法 第二十一条
ask for these records to be kept at least six months. Run it monthly from cron; axes' own
``axes_reset_logs`` (30 days by default) must not be used."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.review.retention import RETENTION_DAYS


class Command(BaseCommand):
    help = "删除早于指定天数的登录记录（不少于 183 天，即六个月）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=190,
            help=f"删除多少天以前的登录记录，至少 {RETENTION_DAYS} 天（默认 190）",
        )

    def handle(self, *args, older_than_days, **options):
        from axes.models import AccessFailureLog, AccessLog

        if older_than_days < RETENTION_DAYS:
            raise CommandError(
                f"登录记录至少保存六个月：--older-than-days 不能小于 {RETENTION_DAYS}。"
            )
        cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
        total = 0
        for model in (AccessLog, AccessFailureLog):
            count, _ = model.objects.filter(attempt_time__lt=cutoff).delete()
            total += count
        self.stdout.write(f"已删除 {total} 条 {cutoff:%Y-%m-%d} 以前的登录记录。")
