from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "门户核心"

    def ready(self):
        from . import auth, cache  # noqa: F401  (signal receivers)
