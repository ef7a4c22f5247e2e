"""``manage.py send_column_alerts`` — daily email to admins about columns within 3 days of
their freshness limit; at most once per day (run it from cron or the scheduler)."""

from django.core.management.base import BaseCommand

from portal.statistics.monitor import send_column_alerts


class Command(BaseCommand):
    help = "栏目监测提醒：向管理员发送临近更新期限栏目的邮件（每天最多一次）"

    def handle(self, *args, **options):
        _sent, message = send_column_alerts()
        self.stdout.write(message)
