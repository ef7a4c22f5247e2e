from django.apps import AppConfig


class DisclosureCatalogConfig(AppConfig):
    name = "disclosure_catalog"
    verbose_name = "政府信息公开目录"
