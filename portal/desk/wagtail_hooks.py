"""Admin integration of the column desk: 置顶与推荐, batch actions, the 回收站.

Admin integration of the desk: the 待办中心 page with its menu count, the dashboard panel,
the todo sources of review / 依申请公开 / 留言, and the reviewer's comparison links.
"""

from django.shortcuts import redirect
from django.urls import path, re_path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.widgets import Button

from portal.review.wagtail_hooks import LinkMenuItem

from . import bulk_actions, placement, recycle, sources, views
from .chooser import policy_search
from .compare import ReviewCompare, review_preview, show_compare_links
from .todo import HOOK_NAME, grouped, request_items


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [
        path("desk/placement/<int:page_id>/", views.placement_view, name="desk_placement"),
        path("desk/recycle/<int:page_id>/", views.recycle_view, name="desk_recycle"),
        path("recycle-bin/", views.bin_index, name="desk_recycle_bin"),
        path("recycle-bin/<int:entry_id>/restore/", views.bin_restore, name="desk_recycle_restore"),
        path("recycle-bin/<int:entry_id>/purge/", views.bin_purge, name="desk_recycle_purge"),
    ]


# Wagtail registers its own page bulk actions later (wagtail.admin comes after the portal's
# apps); a higher order makes these replace its move and delete.
for action_class in (
    bulk_actions.BatchMoveBulkAction,
    bulk_actions.CopyBulkAction,
    bulk_actions.WithdrawBulkAction,
    bulk_actions.RecycleBulkAction,
):
    hooks.register("register_bulk_action", action_class, order=100)


@hooks.register("portal_delete_page")
def delete_into_recycle_bin(request, page_id):
    return views.recycle_view(request, page_id)


@hooks.register("portal_export_excluded_paths")
def recycle_bin_not_exported():
    root = recycle.bin_root(create=False)
    return [root.path] if root is not None else []


@hooks.register("before_edit_page")
def no_editing_in_the_bin(request, page):
    # a page in the 回收站 is restored first: edited and approved there, it would go live
    # outside every site
    if recycle.in_bin(page):
        messages.error(request, "该页面在回收站中，请先恢复后再编辑。")
        return redirect("desk_recycle_bin")
    return None


@hooks.register("before_create_page")
def no_creating_in_the_bin(request, parent_page, page_class):
    if parent_page.slug == recycle.BIN_SLUG or recycle.in_bin(parent_page):
        messages.error(request, "不能在回收站中新建页面。")
        return redirect("desk_recycle_bin")
    return None


class RecycleBinMenuItem(MenuItem):
    def is_shown(self, request):
        return recycle.can_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_recycle_bin_menu_item():
    return RecycleBinMenuItem("回收站", reverse("desk_recycle_bin"), icon_name="bin", order=830)


@hooks.register("construct_page_action_menu")
def placement_action_menu(menu_items, request, context):
    page = context.get("page")
    if context.get("view") != "edit" or page is None or not page.pk:
        return
    if placement.can_set_placement(request.user, page):
        menu_items.append(
            LinkMenuItem("desk-placement", "置顶与推荐", "desk_placement", "pick", order=905)
        )


@hooks.register("register_page_listing_more_buttons")
def placement_listing_button(page, user, next_url=None):
    if placement.can_set_placement(user, page):
        yield Button(
            "置顶与推荐",
            reverse("desk_placement", args=(page.pk,)),
            icon_name="pick",
            priority=25,
        )


@hooks.register("register_log_actions")
def register_desk_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    class CommentFormatter(LogFormatter):
        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    for action, label in (
        (placement.ACTION_PLACEMENT, "设置置顶与推荐"),
        (recycle.ACTION_RECYCLE, "移入回收站"),
        (recycle.ACTION_RESTORE, "从回收站恢复"),
        (recycle.ACTION_PURGE, "从回收站彻底删除"),
    ):
        actions.register_action(action)(
            type("DeskFormatter", (CommentFormatter,), {"label": label, "message": label})
        )


hooks.register(HOOK_NAME, sources.review_todos)
hooks.register(HOOK_NAME, sources.application_todos)
hooks.register(HOOK_NAME, sources.message_todos)


@hooks.register("register_admin_urls")
def register_todo_urls():
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
