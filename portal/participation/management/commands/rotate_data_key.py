"""Re-encrypt personal data with the current key (portal/participation/crypto.py).

Rotation: generate a new key (``--generate``), set it as ``PORTAL_DATA_KEY`` and the previous
one in ``PORTAL_DATA_OLD_KEYS``, run this command, then remove the old key.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from portal.participation import crypto
from portal.participation.fields import EncryptedTextField, protected_fields, reencrypt


class Command(BaseCommand):
    help = "用当前密钥（PORTAL_DATA_KEY）重新加密全部个人信息，并重新计算查找用的密钥散列。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--generate", action="store_true", help="只生成一个新密钥并输出，不修改数据"
        )

    def handle(self, *args, generate=False, **options):
        if generate:
            self.stdout.write(crypto.generate_key())
            return
        key = crypto.current_key()
        models = [
            m for m in apps.get_app_config("participation").get_models() if protected_fields(m)
        ]
        try:
            with transaction.atomic():
                for model in models:
                    count = reencrypt(model)
                    self.stdout.write(
                        f"{model._meta.verbose_name}：{count} 条已用密钥 {key.id} 重新加密"
                    )
                self._verify(models, key)
        except crypto.DecryptionError as error:
            raise CommandError(str(error))
        self.stdout.write(self.style.SUCCESS(f"完成：全部个人信息均由密钥 {key.id} 加密。"))

    def _verify(self, models, key):
        """Read the raw columns (no decryption) and check every value is under ``key``."""
        for model in models:
            fields = [f for f in protected_fields(model) if isinstance(f, EncryptedTextField)]
            table = connection.ops.quote_name(model._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns} FROM {table}")
                for row in cursor.fetchall():
                    if any(value and crypto.key_id_of(value) != key.id for value in row):
                        raise CommandError(
                            f"{model._meta.verbose_name}中仍有未用当前密钥加密的数据。"
                        )
