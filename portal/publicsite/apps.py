from django.apps import AppConfig


class PublicSiteConfig(AppConfig):
    name = "portal.publicsite"
    label = "publicsite"
    verbose_name = "网站标识与导航"
