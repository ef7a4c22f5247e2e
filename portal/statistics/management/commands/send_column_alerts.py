"""``manage.py send_column_alerts [--site KEY]`` — daily email to each site's admins about its
columns within 3 days of their freshness limit; at most once per day and site (run it from
cron or the scheduler)."""

from django.core.management.base import BaseCommand, CommandError

from portal.core.sites import site_by_key
from portal.statistics.monitor import send_all_column_alerts, send_column_alerts


class Command(BaseCommand):
    help = "栏目监测提醒：向各站点管理员发送临近更新期限栏目的邮件（每站每天最多一次）"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="只发送该站点（站点代号）的提醒")

    def handle(self, *args, site=None, **options):
        if site:
            site_obj = site_by_key(site)
            if site_obj is None:
                raise CommandError(f"找不到站点代号为 {site} 的站点。")
            results = [(site_obj, *send_column_alerts(site=site_obj))]
        else:
            results = send_all_column_alerts()
        for site_obj, _sent, message in results:
            self.stdout.write(f"{site_obj.site_name or site_obj.hostname}：{message}")
