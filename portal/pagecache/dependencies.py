"""Which public URLs show a page: the URLs to purge from a front-end cache when it changes.

A page appears on its own URL, on the listings of every column above it (all pages of each
listing: an item published on top pushes every older item one place down), on the topic
pages and the home page above it (home sections and topic pages list the items below them),
on its translations, and on the site-wide URLs of ``PAGECACHE_SITE_WIDE_PATHS``.
"""

import math
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page

from portal.publicsite.feeds import feed_urls

#: bound on the listing pages purged per column (older pages expire with the cache time)
MAX_LISTING_PAGES = 200


def _full_url(page, cache_object):
    try:
        return page.get_full_url(cache_object)
    except Exception:  # noqa: BLE001 - a page without a site has no public URL
        return None


def listing_urls(column, url):
    """The column's URL and every page of its listing (``?page=1`` … one past the last, so
    that the page an item just left is refreshed too)."""
    from home.listing import items_below
    from home.models import LISTING_PAGE_SIZE

    pages = max(1, math.ceil(items_below(column).count() / LISTING_PAGE_SIZE))
    urls = [url]
    urls += [f"{url}?page={n}" for n in range(1, min(pages + 1, MAX_LISTING_PAGES) + 1)]
    return urls


def _page_urls(page, cache_object):
    """The page's own URLs (with Wagtail's ``get_cached_paths``) and its ancestors' URLs."""
    from home.models import ColumnPage

    urls = set()
    own = _full_url(page, cache_object)
    if own:
        for path in page.specific_deferred.get_cached_paths():
            urls.add(own + path.lstrip("/"))
    column_ids = set(
        ColumnPage.objects.filter(path__in=_ancestor_paths(page) + [page.path]).values_list(
            "pk", flat=True
        )
    )
    chain = list(Page.objects.ancestor_of(page, inclusive=True).filter(depth__gt=1))
    for node in chain:
        url = _full_url(node, cache_object)
        if not url:
            continue
        if node.pk in column_ids:
            urls.update(listing_urls(node, url))
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
            urls.update(origin + path for path in feed_urls(node))  # its RSS and Atom
        else:
            urls.add(url)  # the home page, topic pages: they show the items below them
    site_root = _full_url(chain[0], cache_object) if chain else None
    if site_root:
        for path in getattr(settings, "PAGECACHE_SITE_WIDE_PATHS", ()):
            urls.add(site_root.rstrip("/") + path)
    return urls


def _ancestor_paths(page):
    step = page.steplen
    return [page.path[:n] for n in range(step, len(page.path), step)]


def dependent_urls(page, cache_object=None):
    """Every public URL that shows ``page``, for it and for its translations."""
    if cache_object is None:
        cache_object = type("UrlCache", (), {})()
    urls = _page_urls(page, cache_object)
    for translation in Page.objects.translation_of(page).filter(depth__gt=1):
        urls |= _page_urls(translation, cache_object)
    return urls


def descendant_urls(page, limit=500, cache_object=None):
    """The URLs of the live pages below ``page`` (a moved column takes them with it)."""
    urls = set()
    for child in page.get_descendants().live()[:limit]:
        url = _full_url(child, cache_object)
        if url:
            urls.add(url)
    return urls
