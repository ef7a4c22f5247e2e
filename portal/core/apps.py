from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "门户核心"

    def ready(self):
        from . import auth, cache, exports  # noqa: F401  (auth, cache: signal receivers)

        exports.install()  # 北京时间 and a BOM in Wagtail's CSV/XLSX downloads
