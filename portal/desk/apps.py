from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "portal.desk"
    label = "desk"
    verbose_name = "编辑工作台"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
