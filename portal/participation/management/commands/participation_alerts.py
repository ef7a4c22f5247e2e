from django.core.management.base import BaseCommand

from portal.participation.alerts import send_daily_alerts


class Command(BaseCommand):
    help = (
        "发送依申请公开超期/即将到期提醒和留言即将满3个月未答复提醒（每天最多一次；"
        "建议每天早上由 cron 或 systemd timer 运行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="今天已发送过也再发送一次")

    def handle(self, *args, force=False, **options):
        sent = send_daily_alerts(force=force)
        if sent:
            self.stdout.write("已发送提醒：" + "、".join(sent))
        else:
            self.stdout.write("没有需要发送的提醒（或今天已发送）。")
