"""Remove a user's authenticator app (lost phone); the user enrols again at the next login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "重置用户的双因素认证（删除其身份验证器，下次登录时重新设置）"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在。")
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"已删除用户 {username} 的 {count} 个身份验证器。")
