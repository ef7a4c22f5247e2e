from django.apps import AppConfig


class GovernmentConfig(AppConfig):
    name = "government"
    verbose_name = "政府概况与服务"

    def ready(self):
        from . import signals

        signals.connect()
