"""Batch operations on items of a column (site admins): copy, 撤稿 — one service call per
item, so each is checked and logged on its own (move is Wagtail's page move, to the 回收站
see recycle.py)."""

from django.core.exceptions import ValidationError
from wagtail.models import Page

from portal.core.forms import generated_slug
from portal.core.permissions import has_permission

BATCH_PAGES = "desk.batch_pages"


def can_batch(user):
    return has_permission(user, BATCH_PAGES)


def copy_page(page, destination, user):
    """A draft copy of ``page`` under ``destination``: never live, no revisions, no 索引号 (it
    gets its own when published), the unit of its new column, a fresh slug."""
    page = page.specific
    if getattr(page, "dated_slug", False):
        slug = generated_slug(destination)
    else:
        slug, n = page.slug, 1
        while not Page._slug_is_available(slug, destination):
            n += 1
            slug = f"{page.slug}-{n}"
    update_attrs = {"slug": slug}
    if hasattr(page, "unit_id"):
        update_attrs["unit"] = None  # BasePage.save: the unit of the new column
    return page.copy(
        to=destination,
        update_attrs=update_attrs,
        copy_revisions=False,
        keep_live=False,
        user=user,
    )


def withdraw_pages(pages, user, reason, public_notice=""):
    """撤稿 of each page through portal.review.services.withdraw (its reason, its notice,
    三同步). Returns (withdrawn pages, [(page, error message)])."""
    from portal.review import services

    withdrawn, failed = [], []
    for page in pages:
        page = Page.objects.get(pk=page.pk).specific
        if not page.live:
            if any(p.pk == page.pk for p in withdrawn):
                continue  # taken down with its policy document (三同步)
            failed.append((page, "该页面未发布，无需撤稿。"))
            continue
        try:
            withdrawn += services.withdraw(page, user, reason, public_notice)
        except ValidationError as error:
            failed.append((page, "；".join(error.messages)))
    return withdrawn, failed
