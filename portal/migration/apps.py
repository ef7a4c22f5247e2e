from django.apps import AppConfig


class MigrationConfig(AppConfig):
    name = "portal.migration"
    label = "site_migration"
    verbose_name = "站点迁移"
