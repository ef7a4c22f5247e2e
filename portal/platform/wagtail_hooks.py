"""统一监管 in the Wagtail admin: its URLs and a menu item shown to platform administrators."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.sites import is_platform_admin

from . import views

admin_urls = [
    path("", views.desk, name="desk"),
    path("export.<str:fmt>", views.export, name="export"),
]


@hooks.register("register_admin_urls")
def register_platform_urls():
    return [path("platform/", include((admin_urls, "platform_desk"), namespace="platform_desk"))]


class PlatformMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_platform_menu():
    return PlatformMenuItem(
        "统一监管", reverse("platform_desk:desk"), name="platform-desk", icon_name="site", order=250
    )
