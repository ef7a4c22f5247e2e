from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.admin_language import yes_no_column

from .models import Unit


class UnitViewSet(SnippetViewSet):
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
