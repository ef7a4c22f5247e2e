"""统一监管 in the Wagtail admin: its URLs and a menu item shown to platform administrators."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.sites import is_platform_admin

from . import push_views, views

admin_urls = [
    path("", views.desk, name="desk"),
    path("export.<str:fmt>", views.export, name="export"),
    path("push/<int:page_id>/", push_views.push_view, name="push"),
    path("push/inbox/", push_views.inbox_view, name="push_inbox"),
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


# --- 信息推送 ------------------------------------------------------------------------------
class PushInboxMenuItem(MenuItem):
    def is_shown(self, request):
        from .push import ACCEPT_PUSH, has_permission

        return has_permission(request.user, ACCEPT_PUSH)


@hooks.register("register_admin_menu_item")
def register_push_inbox_menu():
    return PushInboxMenuItem(
        "推送待审",
        reverse("platform_desk:push_inbox"),
        name="push-inbox",
        icon_name="site",
        order=251,
    )


@hooks.register("register_page_header_buttons")
def push_button(page, user, view_name, next_url=None):
    from wagtail.admin.widgets import Button

    from .push import may_push, receiving_columns

    if view_name == "edit" and may_push(user, page) and receiving_columns(page):
        yield Button(
            "推送到其他站点",
            reverse("platform_desk:push", args=[page.pk]),
            icon_name="site",
            priority=60,
        )
