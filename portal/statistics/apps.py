from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "portal.statistics"
    label = "statistics"
    verbose_name = "统计"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
