from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "门户核心"

    def ready(self):
        from . import admin_language, auth, cache, csp, exports, routing  # noqa: F401  (auth, cache: signals)

        exports.install()  # 北京时间 and a BOM in Wagtail's CSV/XLSX downloads
        csp.install()  # the nonce on the inline script of Wagtail's choosers
        routing.install()  # locales by language code remembered per worker
        admin_language.import_translated()
        # after every app's migrations (and permission creation): Chinese permission names
        post_migrate.connect(
            admin_language.chinese_permission_names, dispatch_uid="portal_permission_names"
        )
