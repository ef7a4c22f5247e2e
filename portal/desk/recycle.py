"""回收站: deleting a page moves it (and what is below it) under a hidden root page instead of
deleting it; it can be restored for ``RETENTION_DAYS`` days, then ``purge_recycle_bin``
deletes it for good.

Why a move, not a snapshot: the page keeps its row, its revisions, its 索引号 (never reused,
disclosure_catalog/index_numbers.py) and its statistics rows; the hidden root is outside
every site, so the page has no public URL and is in no listing, search or sitemap. Only pages
that are not live can be deleted (a live page goes through 撤稿 first,
portal/review/permissions.py), and a scheduled publication of a deleted page is cancelled,
so nothing in the bin is ever live or counted again.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.actions.move_page import MovePageAction
from wagtail.log_actions import log
from wagtail.models import Page, Revision

from portal.core import clock
from portal.core.permissions import has_permission

from .models import RecycledPage

RETENTION_DAYS = 30
BIN_SLUG = "portal-recycle-bin"
BIN_TITLE = "回收站"
MANAGE_RECYCLE_BIN = "desk.manage_recycle_bin"

ACTION_RECYCLE = "desk.recycle"
ACTION_RESTORE = "desk.restore"
ACTION_PURGE = "desk.purge"


def bin_root(create=True):
    """The hidden root page holding deleted pages (a child of the tree root, not a site)."""
    root = Page.get_first_root_node()
    found = root.get_children().filter(slug=BIN_SLUG).first()
    if found is None and create:
        found = root.add_child(instance=Page(title=BIN_TITLE, slug=BIN_SLUG, live=False))
    return found


def in_bin(page):
    root = bin_root(create=False)
    return root is not None and page.path.startswith(root.path) and page.pk != root.pk


def can_manage(user):
    return has_permission(user, MANAGE_RECYCLE_BIN)


def _bin_slug(page):
    return f"p{page.pk}"


def _cancel_schedules_and_reviews(page, user):
    pages = Page.objects.filter(path__startswith=page.path)
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    Revision.page_revisions.filter(
        object_id__in=page_ids, approved_go_live_at__isnull=False
    ).update(approved_go_live_at=None)
    for each in pages:
        state = each.current_workflow_state
        if state is not None:
            state.cancel(user=user)


@transaction.atomic
def move_to_bin(page, user):
    """Delete ``page`` into the 回收站. Returns the RecycledPage record."""
    from portal.review.permissions import DELETE_LIVE_REFUSED, has_live_pages

    page = Page.objects.select_for_update().get(pk=page.pk)
    if in_bin(page):
        raise ValidationError("该页面已在回收站中。")
    if page.depth <= 2:
        raise ValidationError("站点首页不能删除。")
    if has_live_pages(page):
        raise ValidationError(DELETE_LIVE_REFUSED)
    parent = page.get_parent()
    entry = RecycledPage.objects.create(
        page=page,
        title=page.title,
        former_parent=parent,
        former_parent_title=parent.title,
        former_slug=page.slug,
        former_url_path=page.url_path,
        descendant_count=page.get_descendant_count(),
        deleted_by=user if user and user.is_authenticated else None,
        deleted_at=clock.now(),
    )
    _cancel_schedules_and_reviews(page, user)
    # slugs are unique among siblings: in the bin each page is named after its id
    Page.objects.filter(pk=page.pk).update(slug=_bin_slug(page))
    page.slug = _bin_slug(page)
    MovePageAction(page, bin_root(), pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    log(
        instance=page,
        action=ACTION_RECYCLE,
        user=user,
        data={"comment": f"移入回收站（原位置：{parent.title}）"},
    )
    return entry


def restore_targets(entry):
    """Where the page may go back: its former parent if it is still in the tree."""
    parent = entry.former_parent
    if parent is None or in_bin(parent):
        return None
    return parent


def _free_slug(slug, parent, page):
    candidate, n = slug, 1
    while not Page._slug_is_available(candidate, parent, page=page):
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


@transaction.atomic
def restore(entry, user, parent=None):
    """Put the page back under its former parent (or ``parent``) as a draft."""
    if not can_manage(user):
        raise PermissionDenied
    target = parent or restore_targets(entry)
    if target is None:
        raise ValidationError("原上级页面已不存在，请选择恢复到的位置。")
    target = target.specific_deferred
    if in_bin(target) or target.pk == entry.page_id:
        raise ValidationError("不能恢复到回收站中的页面下。")
    page = entry.page.specific
    if not page.can_move_to(target):
        raise ValidationError(f"该页面不能放在“{target.title}”下，请另选位置。")
    slug = _free_slug(entry.former_slug, target, page)
    Page.objects.filter(pk=page.pk).update(slug=slug)
    page.slug = slug
    MovePageAction(page, target, pos="last-child", user=user).execute(skip_permission_checks=True)
    log(
        instance=page,
        action=ACTION_RESTORE,
        user=user,
        data={"comment": f"从回收站恢复到“{target.title}”下（草稿）"},
    )
    entry.delete()
    return Page.objects.get(pk=page.pk).specific


@transaction.atomic
def purge(entry, user=None):
    """Delete the page (and what is below it) for good."""
    from wagtail.actions.delete_page import DeletePageAction

    page = entry.page
    log(
        instance=page,
        action=ACTION_PURGE,
        user=user,
        data={"comment": f"从回收站彻底删除（{entry.deleted_at:%Y-%m-%d} 删除）"},
    )
    DeletePageAction(page, user=user).execute(skip_permission_checks=True)


def expired(now=None):
    now = now or clock.now()
    return RecycledPage.objects.filter(deleted_at__lt=now - timedelta(days=RETENTION_DAYS))


def purge_expired(now=None):
    """Purge what has been in the bin longer than RETENTION_DAYS. Returns the count."""
    count = 0
    for entry in expired(now).select_related("page"):
        purge(entry)
        count += 1
    return count
