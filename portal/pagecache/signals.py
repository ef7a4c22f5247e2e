"""Purge on publication: every publish, unpublish, 撤稿 (withdrawal, an unpublish in
portal.review.services.withdraw), move or delete of a page

1. bumps the publication generation once more after the transaction commits (it was bumped
   already by portal.core.cache when the event happened; a page rendered in between from
   the not-yet-committed state is stored under the old generation, see middleware.py), which
   invalidates the in-app page cache, the search results and the cached fragments at once;
2. sends the page's dependent URLs (dependencies.py) to the front-end caches configured in
   ``WAGTAILFRONTENDCACHE`` (nginx, Cloudflare, CloudFront …) through Wagtail's
   ``wagtail.contrib.frontend_cache`` (``purge_urls_from_cache``), after commit, so that the fresh copy
   nginx fetches is the committed one.

URLs of one transaction (a withdrawal that takes interpretations with it, a deleted subtree)
go out in one batch.
"""

import logging
import time

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from portal.core.cache import bump_generation

from .dependencies import dependent_urls, descendant_urls

logger = logging.getLogger(__name__)

#: URLs sent by the last flush, and when it started and ended (tests and benchmarks read it)
last_purged = []
last_flush = {}


class _Batch:
    def __init__(self):
        self.urls = set()

    def __call__(self):
        connection = transaction.get_connection()
        if getattr(connection, "_pagecache_batch", None) is self:
            connection._pagecache_batch = None
        flush(self.urls)


def _priority(url):
    """Most-read first: pages without a query (the page, home, column first pages, by
    depth), then listing pages in page order."""
    path, _, query = url.partition("?")
    number = int(query.rpartition("=")[2]) if query.rpartition("=")[2].isdigit() else 0
    return (bool(query), number, path.count("/"), url)


def flush(urls):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    started = time.time()
    bump_generation()
    urls = sorted(urls, key=_priority)
    last_purged[:] = urls
    if urls:
        try:
            purge_urls_from_cache(urls)  # in this order (a PurgeBatch is a set)
        except Exception:  # noqa: BLE001 - a failed purge must not undo a publication
            logger.exception("front-end cache purge failed for %d URLs", len(urls))
    last_flush.update(started=started, finished=time.time(), urls=len(urls))


def schedule(urls):
    """Purge ``urls`` when the current transaction commits (now, outside a transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        flush(set(urls))
        return
    batch = getattr(connection, "_pagecache_batch", None)
    # a rolled-back transaction drops its callbacks: start a new batch then
    if batch is None or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = _Batch()
        connection._pagecache_batch = batch
        transaction.on_commit(batch)
    batch.urls.update(urls)


def _urls(page):
    try:
        return dependent_urls(page)
    except Exception:  # noqa: BLE001
        logger.exception("could not list the URLs showing page %s", page.pk)
        return set()


def on_published(sender, instance, **kwargs):
    schedule(_urls(instance))


def on_unpublished(sender, instance, **kwargs):
    schedule(_urls(instance))


def on_pre_move(sender, instance, **kwargs):
    # where the page (and everything below it) was shown before the move
    schedule(_urls(instance) | descendant_urls(instance))


def on_post_move(sender, instance, **kwargs):
    schedule(_urls(instance) | descendant_urls(instance))


def on_pre_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and instance.depth > 1:
        schedule(_urls(instance))


page_published.connect(on_published, dispatch_uid="pagecache.published")
page_unpublished.connect(on_unpublished, dispatch_uid="pagecache.unpublished")
pre_page_move.connect(on_pre_move, dispatch_uid="pagecache.pre_move")
post_page_move.connect(on_post_move, dispatch_uid="pagecache.post_move")
pre_delete.connect(on_pre_delete, dispatch_uid="pagecache.pre_delete")


def on_setting_saved(sender, instance, **kwargs):
    """Site settings (site name, footer …), sites and redirects show on every page: the
    in-app cache starts afresh (front-end caches keep pages for PAGECACHE_SHARED_MAX_AGE)."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Site

    if isinstance(instance, (BaseSiteSetting, BaseGenericSetting, Site, Redirect)):
        transaction.on_commit(bump_generation)


post_save.connect(on_setting_saved, dispatch_uid="pagecache.setting_saved")
post_delete.connect(on_setting_saved, dispatch_uid="pagecache.setting_deleted")


def on_placement_saved(sender, instance, **kwargs):
    """置顶/头条/轮播/order changed: the listings and the home page showing the page."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None and page.live:
        bump_generation()  # now, as a publication does (portal/core/cache.py), and after commit
        schedule(_urls(page))


post_save.connect(
    on_placement_saved, sender="core.PagePlacement", dispatch_uid="pagecache.placement"
)
