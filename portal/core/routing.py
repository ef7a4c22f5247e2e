"""A route cache: URL path → page, so that serving a page deep in the column tree costs one
query instead of Wagtail's two per URL level (a 4-level article URL: 8 queries, most of the
time of an uncached article view; docs/performance.md).

Wagtail routes a request by walking from the site's root page down, one child lookup and
one ``.specific`` per path component. ``HomePage.route`` (home/models.py) asks
``cached_route`` first: a hit fetches the page by primary key from its own model and lets it
answer for an empty path (so the page's own ``route`` still decides, e.g. 404 when it is not
live); a miss walks as Wagtail does and remembers plain results (the page found at exactly
that path, no view arguments).

Entries are keyed by the publication generation (portal.core.cache): every publish,
unpublish, move, slug change or delete bumps it, so no entry outlives a change of the tree.
Privacy (view restrictions) is not part of routing: Wagtail checks it after, on each request.
Each gunicorn worker keeps its own small table in memory, and the page objects of its
``PAGE_OBJECTS`` most recently served routes: a hit on one of those costs no query (each
request gets its own shallow copy, sharing the parsed body); a page changes only by being
published, moved or deleted, which bump the generation (a change of the row without that,
e.g. a script's ``save()``, shows within ``WORKER_MEMO_SECONDS``).

``SiteCacheMiddleware`` does the same for Wagtail's site lookup (one query whose
construction costs more than the page's own queries): the Site for a host and port, per
worker, under the generation, which a change of a Site bumps too (portal.core.cache); and
Wagtail's site root paths (read from the shared cache by the first ``{% pageurl %}`` of
each request). ``install()`` remembers Wagtail's locale lookup by language code (a query on
every page view: routing starts from the site root in the active language), per worker
under the generation, which saving or deleting a Locale bumps.
"""

import contextvars
import copy
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port
from django.utils.html import escape
from wagtail.models import Site
from wagtail.rich_text.pages import PageLinkHandler

from portal.core.cache import worker_memo


def site_for_request(request):
    """Wagtail's ``Site.find_for_request``, remembered per host and port."""
    key = ("site", split_domain_port(request._get_raw_host())[0], request.get_port())
    entries = worker_memo()
    if key not in entries:
        entries[key] = Site._find_for_request(request)
    return entries[key]


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths()``, remembered in this worker."""
    entries = worker_memo()
    if "site-root-paths" not in entries:
        entries["site-root-paths"] = Site.get_site_root_paths()
    return entries["site-root-paths"]


class SiteCacheMiddleware:
    """Sets the request's Wagtail site (``request._wagtail_site``, which
    ``Site.find_for_request`` reads) and site root paths (which ``Page.get_url_parts``
    reads) from this worker's table."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for_request(request)
        if not hasattr(request, "_wagtail_cached_site_root_paths"):
            request._wagtail_cached_site_root_paths = site_root_paths()
        token = CURRENT_SITE.set(request._wagtail_site)
        try:
            return self.get_response(request)
        finally:
            CURRENT_SITE.reset(token)


#: the site of the request being answered (rich text links are rendered without a request)
CURRENT_SITE = contextvars.ContextVar("portal_current_site", default=None)


class SiteRelativePageLinkHandler(PageLinkHandler):
    """Rich text links to pages: relative on the page's own site. Wagtail's handler has no
    request, so with more than one site (站群) every internal link came out absolute, on the
    site's stored hostname and port — not where a visitor of a county reached it."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        current = CURRENT_SITE.get()
        return [
            '<a href="{}">'.format(escape(page.localized.get_url(current_site=current) or ""))
            if page
            else "<a>"
            for page in cls.get_many(attrs_list)
        ]


def install():
    """Wagtail's ``Locale.objects.get_for_language`` (``Locale.get_active`` and
    ``get_default``) remembered per worker; a language without a locale is asked again."""
    from wagtail.models.i18n import LocaleManager

    if getattr(LocaleManager.get_for_language, "portal_remembered", False):
        return
    original = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        entries = worker_memo()
        key = ("locale", language_code)
        locale = entries.get(key)
        if locale is None:
            locale = entries[key] = original(self, language_code)
        return locale

    get_for_language.portal_remembered = True
    LocaleManager.get_for_language = get_for_language


def cached_route(root, request, path_components, walk):
    """The RouteResult for ``path_components`` under ``root``; ``walk`` is Wagtail's own
    routing (called on a miss)."""
    if not path_components:
        return walk(request, path_components)
    entries = worker_memo()
    key = ("route", root.pk, "/".join(path_components))
    hit = entries.get(key)
    if hit is not None:
        # a logged-in user (an editor) always gets the page as it is in the database now,
        # not the object this worker remembered for anonymous visitors
        page = _fresh_page(*hit) if _logged_in(request) else _page(entries, *hit)
        if page is not None and page.url_path == f"{root.url_path}{key[2]}/":
            return page.route(request, [])
        entries.pop(key, None)  # gone or elsewhere: walk the tree
    result = walk(request, path_components)
    page, args, kwargs = result
    if not args and not kwargs and page.url_path == f"{root.url_path}{key[2]}/":
        entries[key] = (page.pk, page.content_type_id)
        _keep_page(entries, copy.copy(page))  # before this request sets anything on it
    return result


PAGE_OBJECTS = 200


def _pages(entries):
    pages = entries.get("pages")
    if pages is None:
        pages = entries["pages"] = OrderedDict()
    return pages


def _keep_page(entries, page):
    pages = _pages(entries)
    pages[page.pk] = page
    pages.move_to_end(page.pk)
    while len(pages) > PAGE_OBJECTS:
        pages.popitem(last=False)


def remembered_pages(page_ids):
    """``{pk: copy}`` of the page objects this worker keeps (of routes served and search
    results shown) among ``page_ids``: a page changes only by a publication, a move or a
    deletion, which start a new table (see the module's docstring)."""
    entries = worker_memo()
    pages = _pages(entries)
    found = {}
    for pk in page_ids:
        page = pages.get(pk)
        if page is not None:
            pages.move_to_end(pk)
            found[pk] = copy.copy(page)
    return found


def keep_pages(found):
    """Remember these page objects (their own types, as fetched: before anything is set on
    them) for ``remembered_pages``."""
    entries = worker_memo()
    for page in found:
        _keep_page(entries, copy.copy(page))


def _logged_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _fresh_page(page_id, content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model.objects.filter(pk=page_id).first() if model else None


def _page(entries, page_id, content_type_id):
    """A copy of the remembered page object, or the page from the database (then kept)."""
    pages = _pages(entries)
    page = pages.get(page_id)
    if page is None:
        page = _fresh_page(page_id, content_type_id)
        if page is None:
            return None
    _keep_page(entries, page)
    return copy.copy(page)
