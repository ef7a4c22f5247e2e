"""A publication generation number for caching page-derived fragments.

Any publish, unpublish, move or delete of a page bumps the generation; fragments cached under
a key that includes it (menus, language links) are therefore never stale after a publication,
in every gunicorn worker when the cache is shared (Redis), without tracking dependencies.

Within one request the generation is read from the cache once (the first time it is asked
for) and kept until the request ends, so that a page is rendered from one generation and the
dozen readers of a page view (routes, site, menus, fragments) cost one cache read; a bump
during the request is seen at once.
"""

import hashlib
import re
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

GENERATION_KEY = "portal:publication-generation"
FRAGMENT_TTL = 600


_request = threading.local()  # .active: inside a request; .generation: read in it


def _request_started(**kwargs):
    _request.active = True
    _request.generation = None


def _request_finished(**kwargs):
    _request.active = False
    _request.generation = None


request_started.connect(_request_started, dispatch_uid="core.cache.request_started")
request_finished.connect(_request_finished, dispatch_uid="core.cache.request_finished")


def generation():
    value = getattr(_request, "generation", None)
    if value is not None:
        return value
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def bump_generation(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    _request.generation = None  # read again: this request sees its own publication


_worker_memo = {}
_worker_generation = None
_worker_since = 0.0
WORKER_MEMO_ENTRIES = 5000
#: no entry outlives this, even without a publication: some remembered values (a unit's
#: name, an image) change without bumping the generation; the page cache and fragments
#: keep theirs as long (FRAGMENT_TTL)
WORKER_MEMO_SECONDS = FRAGMENT_TTL


def worker_memo():
    """This process's own table for the current generation (emptied when it moves, or
    after WORKER_MEMO_SECONDS): for small values read on every request (routes, sites,
    settings), without the cache read and unpickling of ``cached_fragment``. Values in it
    are shared by the requests of the worker: never change them."""
    global _worker_generation, _worker_since
    current = generation()
    now = time.monotonic()
    if (
        current != _worker_generation
        or len(_worker_memo) >= WORKER_MEMO_ENTRIES
        or now - _worker_since > WORKER_MEMO_SECONDS
    ):
        _worker_memo.clear()
        _worker_generation = current
        _worker_since = now
    return _worker_memo


def remembered(name, builder):
    """``builder()``, remembered in this worker for the current generation."""
    memo = worker_memo()
    if name not in memo:
        memo[name] = builder()
    return memo[name]


#: fragments this worker keeps in memory too (the most recently used), so that the menu,
#: the home sections or a listing seen before cost no cache read and unpickling
LOCAL_FRAGMENTS = 300
#: what every cache backend takes in a key (memcached: no spaces or control characters,
#: at most 250 bytes); a fragment name with anything else (a visitor's query in a listing's
#: filter, Chinese text) is stored under its digest
_SAFE_KEY = re.compile(r"[!-~]{1,180}")


def fragment_key(name):
    """The shared cache's key of fragment ``name`` in the current generation."""
    if not _SAFE_KEY.fullmatch(name):
        name = "sha1:" + hashlib.sha1(name.encode("utf-8")).hexdigest()
    return f"portal:fragment:{generation()}:{name}"


def cached_fragment(name, builder):
    """``builder()`` for the current generation: built once for all workers (shared cache)
    and kept by this one for its most recent LOCAL_FRAGMENTS. The value is shared by the
    requests of the worker: never change it."""
    key = fragment_key(name)
    memo = worker_memo()
    local = memo.get("fragments")
    if local is None:
        local = memo["fragments"] = OrderedDict()
    value = local.get(key)
    if value is not None:
        local.move_to_end(key)
        return value
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, FRAGMENT_TTL)
    if value is not None:
        local[key] = value
        while len(local) > LOCAL_FRAGMENTS:
            local.popitem(last=False)
    return value


page_published.connect(bump_generation, dispatch_uid="core.cache.published")
page_unpublished.connect(bump_generation, dispatch_uid="core.cache.unpublished")
post_page_move.connect(bump_generation, dispatch_uid="core.cache.moved")
page_slug_changed.connect(bump_generation, dispatch_uid="core.cache.slug")


# sites and the site identity are remembered per worker (portal/core/routing.py, models.py)
post_save.connect(bump_generation, sender="wagtailcore.Site", dispatch_uid="core.cache.site")
post_save.connect(bump_generation, sender="core.SiteIdentity", dispatch_uid="core.cache.identity")
# locales are remembered per worker by language code (portal/core/routing.py)
for _signal in (post_save, post_delete):
    _signal.connect(
        bump_generation,
        sender="wagtailcore.Locale",
        dispatch_uid=f"core.cache.locale.{_signal is post_save}",
    )
# a page made private (or public again): no cached copy or fragment made before may be reused
for _signal in (post_save, post_delete):
    _signal.connect(
        bump_generation,
        sender="wagtailcore.PageViewRestriction",
        dispatch_uid=f"core.cache.restriction.{_signal is post_save}",
    )


@receiver(post_delete, dispatch_uid="core.cache.deleted")
def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page, Site

    if isinstance(instance, (Page, Site)):
        bump_generation()
