from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "portal.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        from . import signals  # noqa: F401  (publication receivers)
