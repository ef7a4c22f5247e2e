from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "portal.desk"
    label = "desk"
    verbose_name = "栏目操作"
    default_auto_field = "django.db.models.BigAutoField"
