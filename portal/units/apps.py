from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "portal.units"
    label = "units"
    verbose_name = "单位管理"

    def ready(self):
        from . import signals  # noqa: F401
