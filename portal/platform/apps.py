from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "portal.platform"
    label = "platform_desk"
    verbose_name = "统一监管"
    default_auto_field = "django.db.models.BigAutoField"
