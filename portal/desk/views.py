"""Admin views of the column desk: 置顶与推荐, delete into the 回收站, the 回收站 itself.

The 待办中心 page: everything waiting on the signed-in user (portal/desk/todo.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.models import Page

from portal.core.placement import placement_of

from . import placement, recycle
from .forms import PlacementForm, RestoreForm
from .models import RecycledPage
from .todo import grouped, request_items


def placement_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not placement.can_set_placement(request.user, page):
        raise PermissionDenied
    can_feature = placement.can_feature(request.user, page)
    current = placement_of(page)
    initial = {
        "pinned_until": getattr(current, "pinned_until", None),
        "sort_order": getattr(current, "sort_order", 0),
        "headline": getattr(current, "headline", False),
        "carousel": getattr(current, "carousel", False),
    }
    form = PlacementForm(request.POST or None, initial=initial, can_feature=can_feature)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {"pinned_until": data["pinned_until"], "sort_order": data["sort_order"]}
        if can_feature:
            values.update(headline=data["headline"], carousel=data["carousel"])
        changed = placement.set_placement(page, request.user, **values)
        if changed is None:
            messages.info(request, "置顶与推荐没有变化。")
        else:
            messages.success(
                request,
                f"已保存《{page.title}》的置顶与推荐：{placement.describe(changed)}。"
                "无需重新审核，页面内容未改变。",
            )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "desk/admin/placement_form.html", {"page": page, "form": form})


def recycle_view(request, page_id):
    """Replaces Wagtail's delete view (for pages that are not live, see
    portal/review/views.delete_page_guard): the page goes to the 回收站."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_delete():
        raise PermissionDenied
    parent = page.get_parent()
    if request.method == "POST":
        try:
            recycle.move_to_bin(page, request.user)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("wagtailadmin_pages:edit", page.pk)
        messages.success(
            request,
            f"已将《{page.title}》移入回收站，{recycle.RETENTION_DAYS} 天内可由站点管理员恢复。",
        )
        return redirect("wagtailadmin_explore", parent.pk)
    return TemplateResponse(
        request,
        "desk/admin/recycle_confirm.html",
        {
            "page": page,
            "descendant_count": page.get_descendant_count(),
            "retention_days": recycle.RETENTION_DAYS,
        },
    )


def _manager(request):
    if not recycle.can_manage(request.user):
        raise PermissionDenied


def bin_index(request):
    _manager(request)
    entries = RecycledPage.objects.select_related("deleted_by", "page", "former_parent")
    return TemplateResponse(
        request,
        "desk/admin/recycle_bin.html",
        {"entries": entries, "retention_days": recycle.RETENTION_DAYS},
    )


def bin_restore(request, entry_id):
    _manager(request)
    entry = get_object_or_404(RecycledPage, pk=entry_id)
    former = recycle.restore_targets(entry)
    form = RestoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            page = recycle.restore(entry, request.user, parent=form.cleaned_data["parent"])
        except ValidationError as error:
            form.add_error("parent", "；".join(error.messages))
        else:
            messages.success(request, f"已恢复《{page.title}》（草稿），如需发布请提交审核。")
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "desk/admin/recycle_restore.html",
        {"entry": entry, "former": former, "form": form},
    )


def bin_purge(request, entry_id):
    _manager(request)
    entry = get_object_or_404(RecycledPage, pk=entry_id)
    if request.method == "POST":
        title = entry.title
        recycle.purge(entry, request.user)
        messages.success(request, f"已彻底删除《{title}》。")
        return redirect("desk_recycle_bin")
    return TemplateResponse(request, "desk/admin/recycle_purge.html", {"entry": entry})


def todo_view(request):
    items = request_items(request)
    return TemplateResponse(
        request,
        "desk/admin/todo.html",
        {
            "page_title": "待办中心",
            "header_title": "待办中心",
            "header_icon": "tasks",
            "groups": grouped(items),
            "total": len(items),
            "overdue": sum(1 for item in items if item.overdue),
        },
    )
