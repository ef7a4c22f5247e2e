"""Setting an item's 置顶 / 头条 / 轮播 / manual order (portal.core.models.PagePlacement).

Presentation flags, not content: no revision, no review, nothing published — a change only
reorders listings and the home page (the page cache is purged, portal/pagecache/signals.py).
Who may: the column's editors and reviewers (``core.set_page_placement`` and the right to
edit the page) for 置顶 and order; 首页头条 and 轮播 show on the county's home page, so they
need ``core.feature_on_home`` too. Every change is logged (审核发布日志)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

from portal.core.models import PagePlacement
from portal.core.permissions import has_permission

SET_PLACEMENT = "core.set_page_placement"
FEATURE_ON_HOME = "core.feature_on_home"
ACTION_PLACEMENT = "desk.placement"


def _can_edit(user, page):
    return user.is_superuser or page.permissions_for_user(user).can_edit()


def can_set_placement(user, page):
    return (
        not getattr(page, "is_column", False)
        and page.depth > 2
        and has_permission(user, SET_PLACEMENT)
        and _can_edit(user, page)
    )


def can_feature(user, page):
    return can_set_placement(user, page) and has_permission(user, FEATURE_ON_HOME)


def describe(placement):
    parts = [
        f"置顶至 {placement.pinned_until:%Y-%m-%d}" if placement.pinned_until else "不置顶",
        f"栏目内排序值 {placement.sort_order}",
        f"首页头条：{'是' if placement.headline else '否'}",
        f"首页轮播：{'是' if placement.carousel else '否'}",
    ]
    return "；".join(parts)


@transaction.atomic
def set_placement(page, user, pinned_until=None, sort_order=0, headline=None, carousel=None):
    """Save the flags of ``page``; ``headline``/``carousel`` None = unchanged. Returns the
    PagePlacement, or None when nothing changed."""
    if not can_set_placement(user, page):
        raise PermissionDenied
    placement, _ = PagePlacement.objects.select_for_update().get_or_create(page_id=page.pk)
    before = describe(placement)
    placement.pinned_until = pinned_until
    placement.sort_order = sort_order or 0
    if headline is not None or carousel is not None:
        if not can_feature(user, page):
            raise PermissionDenied
        placement.headline = bool(headline)
        placement.carousel = bool(carousel)
    after = describe(placement)
    if before == after:
        return None
    placement.updated_by = user
    placement.save()
    log(instance=page, action=ACTION_PLACEMENT, user=user, data={"comment": after})
    return placement
