"""Full-page cache for anonymous visitors (in the application's cache: file cache or Redis).

A response is stored only when every rule below holds, so a visitor never receives a page
that was made for somebody else:

- GET or HEAD, on a public path (not ``PAGECACHE_EXCLUDED_PREFIXES``: admin, review, forms …);
- the request carries no session cookie (a logged-in editor, or a visitor who passed a page
  password, always gets a freshly rendered page) and no ``Authorization`` header;
- the query string has only the parameters listed for the path (``?page=`` on listings,
  ``q``/``page``/``sort`` on the search page); any other parameter bypasses the cache;
- the response is a 200, not streamed, sets no cookie, used no CSRF token (a page with a
  form is never shared) and did not ask for ``private``/``no-cache``/``no-store``.

Keys hold the host, the active language, the path, the normalised query string and the
publication generation (portal.core.cache): a publish, unpublish, 撤稿, move or delete bumps
the generation, so no entry rendered before it is read again. The generation is read when
the request arrives, so a page rendered during a publication is stored under the old
generation and never served after it.

Cacheable responses say ``Cache-Control: public, max-age=<PAGECACHE_BROWSER_MAX_AGE>,
s-maxage=<PAGECACHE_SHARED_MAX_AGE>`` with an ``ETag`` (a revalidation answers 304), and
``X-Accel-Expires`` for nginx's proxy cache (0 where nginx must ask the app every time, e.g.
search, whose result URLs cannot be listed for a purge). Other public responses say
``private, no-cache``.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from portal.core import clock
from portal.core.cache import generation

logger = logging.getLogger(__name__)

EXCLUDED_PREFIXES = (
    "/admin/",
    "/review/",
    "/stats/",
    "/participation/",
    "/api/",
    "/health/",
    "/documents/",
    "/media/",
    "/static/",
)
#: query parameters that may be part of a cached URL, by path prefix (longest first wins)
QUERY_PARAMS = {"/search/": ("q", "page", "sort"), "": ("page",)}
#: nginx's proxy cache time by path prefix; the rest get PAGECACHE_SHARED_MAX_AGE
SHARED_MAX_AGE_BY_PREFIX = {"/search/": 0}
MAX_QUERY_LENGTH = 200
#: answers nginx keeps briefly, so that a refresh after an unpublish or move replaces the page
GONE_STATUSES = (301, 302, 404, 410)
HEADER = "X-Page-Cache"  # HIT / MISS / BYPASS, for operators and tests


def _setting(name, default):
    return getattr(settings, name, default)


def _prefixed(table, path):
    for prefix in sorted(table, key=len, reverse=True):
        if path.startswith(prefix):
            return table[prefix]
    return None


def shared_max_age(path):
    by_prefix = _setting("PAGECACHE_SHARED_MAX_AGE_BY_PREFIX", SHARED_MAX_AGE_BY_PREFIX)
    value = _prefixed(by_prefix, path)
    return _setting("PAGECACHE_SHARED_MAX_AGE", 600) if value is None else value


def is_public_path(path):
    return not path.startswith(_setting("PAGECACHE_EXCLUDED_PREFIXES", EXCLUDED_PREFIXES))


def cache_key(request):
    """The cache key of ``request``, or None when the request must not use the cache."""
    if request.method not in ("GET", "HEAD") or not _setting("PAGECACHE_ENABLED", True):
        return None
    path = request.path
    if not is_public_path(path):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    allowed = _prefixed(_setting("PAGECACHE_QUERY_PARAMS", QUERY_PARAMS), path) or ()
    params = []
    for name in sorted(request.GET):
        values = request.GET.getlist(name)
        if name not in allowed or len(values) != 1:
            return None
        params.append(f"{name}={values[0]}")
    digest = hashlib.sha256(
        "\n".join(
            [request.get_host().lower(), get_language() or "", path, "&".join(params)]
        ).encode()
    ).hexdigest()
    # the day is in the key: 置顶 ends with a date (portal/core/placement.py), so listings
    # rendered yesterday are not served today
    return f"portal:page:{generation()}:{clock.today():%Y%m%d}:{digest}"


def is_storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a form's CSRF token
        return False
    if getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def on_hit(response, function, *args):
    """Ask for ``function(*args, request)`` (a dotted path) to run whenever the cached copy of
    this response is served (the search page counts popular searches this way)."""
    response._pagecache_on_hit = (function, args)


def _public_headers(response, path):
    browser = _setting("PAGECACHE_BROWSER_MAX_AGE", 0)
    shared = shared_max_age(path)
    # X-Accel-Expires before Cache-Control: nginx 1.22 reads them in order
    del response["Cache-Control"]
    response["X-Accel-Expires"] = str(shared)
    response["Cache-Control"] = f"public, max-age={browser}, s-maxage={shared}"


def _gone_headers(response):
    """A 404, a 410 (撤稿) or a redirect (a moved page) for an anonymous visitor: nginx
    keeps it for a short while, so that a refresh after an unpublish or a move replaces the
    page it had stored."""
    gone = _setting("PAGECACHE_GONE_MAX_AGE", 60)
    del response["Cache-Control"]
    response["X-Accel-Expires"] = str(gone)
    response["Cache-Control"] = f"public, max-age=0, s-maxage={gone}"


class PageCacheMiddleware:
    """Sits after LocaleMiddleware (the key holds the language) and before the CSRF,
    authentication and message middleware (which a cached page does not need)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is None:
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and is_public_path(request.path):
                if "Cache-Control" not in response:
                    add_never_cache_headers(response)
                response[HEADER] = "BYPASS"
            return response

        entry = cache.get(key)
        if entry is not None:
            return self._from_entry(request, entry)

        response = self.get_response(request)
        if hasattr(response, "render") and callable(response.render):
            response = response.render() or response
        if response.status_code in GONE_STATUSES and not response.cookies:
            _gone_headers(response)
            response[HEADER] = "BYPASS"
            return response
        if not is_storable(request, response):
            if "Cache-Control" not in response:
                add_never_cache_headers(response)
            response[HEADER] = "BYPASS"
            return response
        _public_headers(response, request.path)
        if not response.has_header("ETag"):
            response["ETag"] = f'"{hashlib.md5(response.content).hexdigest()}"'  # noqa: S324
        headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
        entry = {
            "content": response.content,
            "headers": headers,
            "on_hit": getattr(response, "_pagecache_on_hit", None),
        }
        cache.set(key, entry, _setting("PAGECACHE_TIMEOUT", 3600))
        response[HEADER] = "MISS"
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def _from_entry(self, request, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HEADER] = "HIT"
        if entry.get("on_hit"):
            function, args = entry["on_hit"]
            try:
                import_string(function)(*args, request)
            except Exception:  # noqa: BLE001 - a counter must never break the page
                logger.exception("page cache: on-hit call %s failed", function)
        return get_conditional_response(request, etag=response["ETag"], response=response)
