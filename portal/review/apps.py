from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "portal.review"
    label = "review"
    verbose_name = "审核发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import retention, signals  # noqa: F401

        retention.connect()
