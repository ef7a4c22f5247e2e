from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.admin_language import yes_no_column
from portal.core.site_admin import SiteScopedViewSetMixin

from . import views
from .models import Unit
from .roles import ACTION_ASSIGN, ACTION_REVOKE, can_assign_roles


class UnitViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    """Units of the user's own sites only (a forged id of another site's unit: 404)."""

    model = Unit
    icon = "group"
    menu_label = "单位"
    menu_name = "units"
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "name",
        "kind",
        "code",
        "phone",
        "sort_order",
        yes_no_column("is_active", Unit),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "id"]


register_snippet(UnitViewSet)


# --- 人员与角色 -------------------------------------------------------------------------------
class RolesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_assign_roles(request.user)


@hooks.register("register_admin_urls")
def roles_urls():
    return [path("units/roles/", views.roles_view, name="units_roles")]


@hooks.register("register_settings_menu_item")
def roles_menu_item():
    return RolesMenuItem(
        "人员与角色", reverse("units_roles"), name="units-roles", icon_name="group", order=150
    )


@hooks.register("register_log_actions")
def register_role_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    for action, label, verb in (
        (ACTION_ASSIGN, "分配角色", "授予"),
        (ACTION_REVOKE, "撤销角色", "撤销"),
    ):

        class RoleFormatter(LogFormatter):
            def format_message(self, log_entry, _verb=verb):
                data = log_entry.data or {}
                return f"{_verb}{data.get('username', '')}的“{data.get('role_label', '')}”角色"

        RoleFormatter.label = label
        actions.register_action(action)(RoleFormatter)
