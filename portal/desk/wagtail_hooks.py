"""Admin integration of the desk: the 待办中心 page with its menu count, the dashboard panel,
the todo sources of review / 依申请公开 / 留言, and the reviewer's comparison links."""

from django.urls import path, re_path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from . import sources, views
from .chooser import policy_search
from .compare import ReviewCompare, review_preview, show_compare_links
from .todo import HOOK_NAME, grouped, request_items

hooks.register(HOOK_NAME, sources.review_todos)
hooks.register(HOOK_NAME, sources.application_todos)
hooks.register(HOOK_NAME, sources.message_todos)


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [
        path("desk/todo/", views.todo_view, name="desk_todo"),
        re_path(
            r"^desk/review/(\d+)/compare/(live|earliest|\d+)\.\.\.(live|latest|\d+)/$",
            ReviewCompare.as_view(),
            name="desk_review_compare",
        ),
        path("desk/review/<int:page_id>/preview/", review_preview, name="desk_review_preview"),
        path("desk/policies/search/", policy_search, name="desk_policy_search"),
    ]


class TodoMenuItem(MenuItem):
    """待办中心 with the number of waiting items in its label."""

    def render_component(self, request):
        count = len(request_items(request))
        label = f"{self.label}（{count}）" if count else self.label
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs={**(self.attrs or {}), "data-todo-count": str(count)},
        )


@hooks.register("register_admin_menu_item")
def register_todo_menu_item():
    return TodoMenuItem(
        "待办中心", reverse("desk_todo"), name="desk-todo", icon_name="tasks", order=5
    )


class TodoPanel(Component):
    """Dashboard: counts of what is waiting on the user, by kind."""

    name = "desk_todo"
    order = 30
    template_name = "desk/admin/todo_panel.html"

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {
            "groups": [(category, len(items)) for category, items in grouped(self.items)],
            "total": len(self.items),
            "overdue": sum(1 for item in self.items if item.overdue),
        }


@hooks.register("construct_homepage_panels")
def add_todo_panel(request, panels):
    panels.append(TodoPanel(request_items(request)))


@hooks.register("before_edit_page")
def reviewer_compare_links(request, page):
    if request.method == "GET":
        show_compare_links(request, page)
