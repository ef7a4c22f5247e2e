"""The public search: query cleaning, filters, exact 文号/索引号 matches, snippets,
popular searches and suggestions. The view (views.py) only reads the request and renders."""

import datetime
import hashlib
import hmac
import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail.models import Page, get_page_models

from .segmentation import segmenter

logger = logging.getLogger(__name__)

#: longest query searched; longer input is cut (and the page says so)
MAX_QUERY_LENGTH = 60
PAGE_SIZE = 10
#: results counted at most; beyond it the page says "约有 1000 条以上" and pages stop at 100
COUNT_CAP = 1000
SNIPPET_LENGTH = 120
POPULAR_DAYS = 90
POPULAR_MIN_CLIENTS = 3  # different visitors before a query shows in 热门搜索
SORTS = {"relevance": "相关度", "newest": "最新发布"}

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_TAG_RE = re.compile(r"<[^>]+>")
# 文号: 机关代字 + 〔年份〕 + 序号 + 号; people also type [ ] ( ) ［ ］ （ ） 【 】
_DOCNUM_RE = re.compile(
    r"^\s*(?P<prefix>[^\s〔〕\[\]()（）［］【】]{1,20}?)\s*[〔\[(（［【]\s*(?P<year>\d{4})\s*"
    r"[〕\])）］】]\s*(?P<serial>\d{1,5})\s*号?\s*$"
)
# 索引号: {统一社会信用代码}/{YYYY}-{NNNNN} (disclosure_catalog.index_numbers)
_INDEXNUM_RE = re.compile(r"^\s*([0-9A-Z]{18}/\d{4}-\d{5})\s*$")


def clean_query(raw):
    """(query, was_cut): control characters removed, spaces collapsed, length capped."""
    text = _CONTROL_RE.sub(" ", raw or "")
    text = " ".join(text.split())
    cut = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].strip(), cut


def normalise_document_number(text):
    """榕府办发[2019]12号 / 榕府办发（2019）12号 → 榕府办发〔2019〕12号; None if not a 文号."""
    match = _DOCNUM_RE.match(unicodedata.normalize("NFKC", text or "").replace(" ", ""))
    if not match:
        # NFKC turns （） into (): the pattern accepts both, try the raw text too
        match = _DOCNUM_RE.match(text or "")
    if not match:
        return None
    return f"{match['prefix']}〔{match['year']}〕{int(match['serial'])}号"


def normalise_index_number(text):
    match = _INDEXNUM_RE.match(unicodedata.normalize("NFKC", text or "").upper())
    return match.group(1) if match else None


# --- what can be filtered -------------------------------------------------------------------
def item_page_models():
    """Concrete page types that carry content (BasePage subclasses that are not columns)."""
    from portal.core.models import BasePage

    return [
        m
        for m in get_page_models()
        if issubclass(m, BasePage)
        and not m._meta.abstract
        and not getattr(m, "is_column", False)
        and m.__name__ != "HomePage"
    ]


def type_choices():
    """(key, label) for the type filter, from each page type's ``type_label``."""
    return [(m._meta.model_name, m.type_label) for m in item_page_models()]


def top_columns(site=None):
    """The columns directly under ``site``'s home page (top-level 栏目; default: the default
    site), in menu order (their keys remembered under the publication generation: one
    query)."""
    from home.models import ColumnPage
    from portal.core.cache import cached_fragment, remembered
    from portal.core.sites import default_site

    site = site or default_site()
    site_id = getattr(site, "pk", None)

    def build():
        ids = cached_fragment(f"search:top-columns:{site_id}", lambda: _top_column_ids(site))
        return list(ColumnPage.objects.filter(pk__in=ids).order_by("path"))

    # the pages themselves remembered in this worker too (read only: never change them)
    return remembered(("search:top-columns", site_id), build)


def _top_column_ids(site=None):
    from home.models import ColumnPage, HomePage

    # Home pages and columns are a few hundred rows among (say) 100,000 pages: find them by
    # their own tables' keys, or SQLite walks every page in tree order to join them
    # (~40 ms at 100,000 pages)
    homes = Page.objects.filter(
        pk__in=list(HomePage.objects.order_by().values_list("pk", flat=True))
    )
    if site is not None:
        homes = homes.filter(pk=site.root_page_id)
    home = homes.live().order_by("depth", "path").first()
    if home is None:
        return []
    columns = list(ColumnPage.objects.order_by().values_list("pk", flat=True))
    children = Page.objects.filter(pk__in=columns).child_of(home).live().public()
    return list(children.values_list("pk", flat=True))


def units(sites=None):
    """Active units (of ``sites``, when given: each site has its own), remembered in this
    worker for the generation (saving a unit bumps it: search/apps.py). Read only."""
    from portal.core.cache import remembered
    from portal.units.models import Unit

    site_ids = None if sites is None else tuple(sorted(site.pk for site in sites))

    def build():
        qs = Unit.objects.filter(is_active=True)
        if site_ids is not None:
            qs = qs.filter(site__in=site_ids)
        return list(qs.order_by("sort_order", "name"))

    return remembered(("search:units", site_ids), build)


# --- which sites a search covers (站群) --------------------------------------------------
#: ``?site=all``: every site of the platform (统一搜索)
ALL_SITES = "all"


def request_site(request):
    """The site the visitor is on (Wagtail's own lookup by host and port)."""
    from wagtail.models import Site

    return Site.find_for_request(request)


def platform_sites():
    """Every site, with its key and name, in a stable order (the default site first)."""
    from wagtail.models import Site

    return list(Site.objects.select_related("portal").order_by("-is_default_site", "pk"))


def searched_sites(request, params):
    """The sites a search covers: the visitor's site by default; every site for
    ``site=all`` (the platform page defaults to it); one site for ``site=KEY``; none for an
    unknown key."""
    if params.site == ALL_SITES:
        return platform_sites()
    if params.site:
        from portal.core.sites import site_by_key

        site = site_by_key(params.site)
        return [site] if site is not None else []
    site = request_site(request)
    return [site] if site is not None else []


def sites_filter(sites, prefix=""):
    """A ``Q`` selecting the pages of ``sites`` (their trees and translations)."""
    from portal.core.sites import site_page_filter

    q = Q(pk__in=[])
    for site in sites:
        q |= site_page_filter(site, prefix)
    return q


def filter_choices():
    """``{"column": [(slug, title)], "unit": […], "type": […]}`` for the filter form,
    remembered in each worker for the publication generation (a unit saved bumps it:
    search/apps.py), so the form costs no query."""
    from portal.core.cache import remembered

    def build():
        return {
            "column": [(c.slug, c.title) for c in top_columns()],
            "unit": [(u.slug, u.name) for u in units()],
            "type": type_choices(),
        }

    return remembered("search:filter-choices", build)


def options_html(choices, selected, empty_label=None):
    """The ``<option>`` elements of a filter (the template looped over model objects:
    a tenth of the page's time for 50 units)."""
    out = [f'<option value="">{html.escape(empty_label)}</option>'] if empty_label else []
    for value, label in choices:
        mark = " selected" if value == selected else ""
        out.append(f'<option value="{html.escape(value)}"{mark}>{html.escape(label)}</option>')
    return mark_safe("".join(out))  # noqa: S308 - every value and label is escaped above


def restricted_paths():
    """Tree paths of the pages with a view restriction (the portal usually has none),
    remembered per worker for the generation (a restriction saved or deleted bumps it)."""
    from wagtail.models import PageViewRestriction

    from portal.core.cache import remembered

    def build():
        ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
        return list(Page.objects.filter(pk__in=ids).values_list("path", flat=True)) if ids else []

    return remembered("search:restricted-paths", build)


def public_pages(qs):
    """``qs.public()`` without its query per search: Wagtail's reads every restriction
    joined to its page (33 ms at 100,000 pages on SQLite, the planner walking the pages)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return qs.exclude(private) if private else qs


#: dates a filter may name; beyond them the day-boundary arithmetic (and the database's
#: time zone conversion) overflows
MIN_DATE, MAX_DATE = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)


def parse_date(value):
    try:
        return datetime.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def date_in_range(value):
    return value is None or MIN_DATE <= value <= MAX_DATE


@dataclass
class SearchParams:
    q: str = ""
    cut: bool = False
    column: str = ""
    unit: str = ""
    type: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    page: str = "1"
    date_error: bool = False
    #: "" (the visitor's site), "all" (every site) or a site's key
    site: str = ""

    @classmethod
    def from_querydict(cls, data, default_site=""):
        q, cut = clean_query(data.get("q", ""))
        sort = data.get("sort", "relevance")
        date_from, date_to = parse_date(data.get("from")), parse_date(data.get("to"))
        date_error = not (date_in_range(date_from) and date_in_range(date_to))
        if date_error:
            date_from = date_from if date_in_range(date_from) else None
            date_to = date_to if date_in_range(date_to) else None
        return cls(
            date_error=date_error,
            q=q,
            cut=cut,
            column=(data.get("column") or "")[:60],
            unit=(data.get("unit") or "")[:60],
            type=(data.get("type") or "")[:60],
            date_from=date_from,
            date_to=date_to,
            sort=sort if sort in SORTS else "relevance",
            page=(data.get("page") or "1")[:10],
            site=(data.get("site") or default_site)[:40],
        )

    @property
    def has_filters(self):
        return bool(self.column or self.unit or self.type or self.date_from or self.date_to)


def active_locale_id():
    """The locale of the active language (the default locale for any other language)."""
    from portal.core.cache import remembered

    language = translation.get_language() or ""
    return remembered(f"search:locale:{language}", lambda: _locale_for(language))


def _locale_for(language):
    from wagtail.models import Locale

    try:
        return Locale.get_active().pk
    except Locale.DoesNotExist:
        return Locale.get_default().pk


def base_queryset(params, sites=None):
    """Live public pages below the home pages of ``sites`` (default: the default site),
    narrowed by the filters."""
    from portal.core.sites import default_site

    if sites is None:
        sites = [site for site in [default_site()] if site is not None]
    qs = public_pages(Page.objects.live()).filter(depth__gt=2).filter(sites_filter(sites))
    # the pages of the visitor's language: /search/ the Chinese ones, /en/search/ English
    qs = qs.filter(locale_id=active_locale_id())
    if params.column:
        paths = [
            column.path
            for site in sites
            for column in top_columns(site)
            if column.slug == params.column
        ]
        column_q = Q(pk__in=[])
        for path in paths:
            column_q |= Q(path__startswith=path)
        qs = qs.filter(column_q)
    if params.type:
        models = {m._meta.model_name: m for m in item_page_models()}
        model = models.get(params.type)
        if model is None:
            qs = qs.none()
        else:
            # the type and its subtypes (a 政策文件 is also a 信息公开 item)
            qs = qs.filter(id__in=model.objects.values("pk"))
    if params.unit:
        # the unit of that slug in each searched site (县财政局 is czj in every county)
        found = [unit for unit in units(sites) if unit.slug == params.unit]
        if not found:
            qs = qs.none()
        else:
            owned = Q()
            for model in item_page_models():
                if model._meta.get_field("unit").model is model:  # not again for subtypes
                    owned |= Q(id__in=model.objects.filter(unit__in=found).values("pk"))
            qs = qs.filter(owned)
    tz = timezone.get_current_timezone()
    if params.date_from:
        start = datetime.datetime.combine(params.date_from, datetime.time.min, tzinfo=tz)
        qs = qs.filter(first_published_at__gte=start)
    if params.date_to:
        end = datetime.datetime.combine(
            params.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        qs = qs.filter(first_published_at__lt=end)
    return qs


def exact_matches(params, base):
    """Pages whose 文号 or 索引号 is exactly the query (any bracket style)."""
    from disclosure_catalog.models import CatalogItemPage

    docnum = normalise_document_number(params.q)
    index_number = normalise_index_number(params.q)
    if not docnum and not index_number:
        return []
    items = CatalogItemPage.objects.live().public().filter(id__in=base.values("pk"))
    found = []
    if index_number:
        found.extend(items.filter(index_number=index_number))
    if docnum:
        match = _DOCNUM_RE.match(docnum)
        candidates = items.filter(document_number__contains=match["year"])
        found.extend(
            p for p in candidates if normalise_document_number(p.document_number) == docnum
        )
    seen, unique = set(), []
    for page in found:
        if page.pk not in seen:
            seen.add(page.pk)
            unique.append(page)
    return unique


def run_search(params, base):
    """Wagtail search results (lazy) for the query, sorted as asked."""
    # the results as their own page types straight away (present() needs them so)
    if params.sort == "newest":
        return (
            base.order_by("-first_published_at", "-id")
            .specific()
            .search(params.q, operator="and", order_by_relevance=False)
        )
    return base.specific().search(params.q, operator="and")


class CappedPaginator(Paginator):
    """A paginator that counts at most ``COUNT_CAP`` results (``results.count_capped``):
    a very common word matches most pages, and counting them all is the slowest part of a
    search. ``capped`` says whether there are more than ``count`` results."""

    capped = False

    @cached_property
    def count(self):
        count_capped = getattr(self.object_list, "count_capped", None)
        if count_capped is None:
            return super().count
        count, self.capped = count_capped(COUNT_CAP)
        return count


# --- presenting results -----------------------------------------------------------------------
def _stream_text(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("type", "id", "format"):
                yield from _stream_text(item)
    elif isinstance(value, list):
        for item in value:
            yield from _stream_text(item)


def page_text(page):
    """Plain text of a page for snippets: summary, then body (no rendering, no HTML)."""
    parts = []
    for name in ("summary", "intro", "search_description"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value:
            parts.append(value)
    body_field = getattr(page, "body_field", None)
    if body_field:
        stream = getattr(page, body_field, None)
        raw = getattr(stream, "raw_data", None)
        if raw is not None:
            parts.extend(_stream_text(list(raw)))
    text = html.unescape(_TAG_RE.sub(" ", " ".join(parts)))
    return " ".join(text.split())


def highlight_pattern(words):
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def highlight(text, pattern):
    """HTML with each match in <mark>; everything else escaped."""
    if not pattern:
        return html.escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text, pattern, length=SNIPPET_LENGTH):
    """``length`` characters centred on the best match: the longest matched word (the
    query's phrase before its single words), its first occurrence."""
    match = None
    if pattern:
        for found in pattern.finditer(text):
            if match is None or len(found.group(0)) > len(match.group(0)):
                match = found
    if match is None:
        piece = text[:length]
        return highlight(piece, pattern) + ("…" if len(text) > length else "")
    start = max(0, min(match.start() - (length - len(match.group(0))) // 2, len(text) - length))
    piece = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return prefix + highlight(piece, pattern) + suffix


@dataclass
class Result:
    page: Page
    title_html: str
    snippet_html: str
    column: Page | None = None
    unit: object = None
    date: datetime.datetime | None = None
    type_label: str = ""
    exact: bool = False
    extra: dict = field(default_factory=dict)
    site_name: str = ""  # a platform search names each hit's site


def _specific_with_units(pages):
    """The pages as their own types, with their units: a query per page type and one for
    the units, not two per result."""
    from portal.core.cache import worker_memo
    from portal.units.models import Unit

    pages = list(pages)
    generic = [page.pk for page in pages if type(page) is Page]
    if generic:  # not yet as their own types (run_search asks for them so)
        specific = {page.pk: page for page in Page.objects.filter(pk__in=generic).specific()}
        pages = [specific.get(page.pk, page) for page in pages]
    columns = _attach_columns(pages)
    # units are remembered per worker under the generation, as a page view does
    # (BasePage._remember_view_facts; saving a unit bumps the generation)
    memo = worker_memo()
    unit_ids = {getattr(page, "unit_id", None) for page in [*pages, *columns]} - {None}
    missing = [pk for pk in unit_ids if ("unit", pk) not in memo]
    if missing:
        for pk, unit in Unit.objects.in_bulk(missing).items():
            memo[("unit", pk)] = unit
    for page in [*pages, *columns]:
        unit = memo.get(("unit", getattr(page, "unit_id", None)))
        if unit is not None and not type(page).unit.is_cached(page):
            type(page).unit.field.set_cached_value(page, unit)
    return pages


def _attach_columns(pages):
    """Each page's nearest column (``BasePage.get_column``), for all the results at once:
    a query per column type instead of one per parent. Returns the columns found."""
    from portal.core.cache import worker_memo
    from portal.core.models import column_models

    def ancestor_paths(page):
        step = page.steplen
        return [page.path[:i] for i in range(step, len(page.path), step)]

    items = [
        page
        for page in pages
        if hasattr(page, "get_column")
        and not getattr(page, "is_column", False)
        and page.path
        and (page.depth or 0) >= 2
    ]
    # each parent's column is remembered per worker under the generation, shared with
    # the page views (BasePage._remember_view_facts): only the parents not seen yet cost
    # a query (one per column type, for all of them at once)
    memo = worker_memo()

    def memo_key(page):
        return ("parent-column", page.path[: -page.steplen])

    unseen = [page for page in items if memo_key(page) not in memo]
    wanted = {path for page in unseen for path in ancestor_paths(page)}
    by_path = {}
    if wanted:
        for model in column_models():
            for column in model.objects.filter(path__in=wanted):
                by_path[column.path] = column
    for page in unseen:
        found = [by_path[path] for path in ancestor_paths(page) if path in by_path]
        memo[memo_key(page)] = found[-1] if found else None  # the deepest
    columns = {}
    for page in items:
        column = page.__dict__["_parent_column"] = memo[memo_key(page)]
        if column is not None:
            columns[column.pk] = column
    return list(columns.values())


def present(pages, pattern, exact=False):
    results = []
    columns = {}  # results often share a parent column: look it up once
    for page in _specific_with_units(pages):
        parent_path = page.path[: -page.steplen]
        if getattr(page, "is_column", False) or not hasattr(page, "get_column"):
            column = None  # a column found by its own name: no "栏目" line
        elif parent_path in columns:
            column = columns[parent_path]
        else:
            column = columns[parent_path] = page.get_column()
        unit = page.unit if getattr(page, "unit_id", None) else None
        if unit is None and column is not None and hasattr(column, "get_owner_unit"):
            unit = column.get_owner_unit()
        results.append(
            Result(
                page=page,
                title_html=highlight(page.title, pattern),
                snippet_html=snippet(page_text(page), pattern),
                column=column,
                unit=unit,
                date=page.first_published_at,
                type_label=getattr(page, "type_label", ""),
                exact=exact,
                extra={k: getattr(page, k, "") for k in ("document_number", "index_number")},
            )
        )
    return results


# --- platform search: which site each hit is on ------------------------------------------
def site_facets(sites, results, total_capped, extra=()):
    """``[(site, key, count)]`` of the searched sites that have hits, most hits first: the
    hits are bucketed by their site's root path (one query over at most COUNT_CAP hits;
    beyond it, ``total_capped``, the counts are of the first COUNT_CAP by relevance)."""
    from portal.core.sites import site_id_for_path

    counts = {}
    for page in [*extra, *results[:COUNT_CAP]]:
        site_id = site_id_for_path(page.path)
        counts[site_id] = counts.get(site_id, 0) + 1
    rows = [(site, site_key_of(site), counts[site.pk]) for site in sites if counts.get(site.pk)]
    return sorted(rows, key=lambda row: -row[2])


def site_key_of(site):
    portal = getattr(site, "portal", None)
    return getattr(portal, "key", "") or ""


def site_names(pages):
    """{page id: its site's name} (for the hits of a platform search)."""
    from wagtail.models import Site

    from portal.core.sites import site_id_for_path

    names = dict(Site.objects.values_list("pk", "site_name"))
    return {page.pk: names.get(site_id_for_path(page.path), "") for page in pages}


# --- popular searches, promotions, suggestions -----------------------------------------------
_JUNK_RE = re.compile(
    r"[<>{}\[\]\\;=*%$#@^~`|\"']|https?:|www\.|select |union |\bor\b", re.IGNORECASE
)


def is_presentable(query_string):
    """A past query fit to show as a popular search: short, real words, no syntax/links."""
    text = query_string.strip()
    if not 2 <= len(text) <= 20 or _JUNK_RE.search(text) or _CONTROL_RE.search(text):
        return False
    if text.isdigit():
        return False
    return bool(re.search(r"[\u4e00-\u9fff]", text)) or text.isalpha()


def for_site(rows, site):
    """The platform-wide rows (site empty) and ``site``'s own."""
    return rows.filter(Q(site__isnull=True) | Q(site=site))


def popular_counts(limit, site=None):
    """``[(query, visitors, visitor-days)]`` on ``site`` (default: the default site) in the
    last POPULAR_DAYS, most searched first: one count per visitor, query and day; only
    queries at least POPULAR_MIN_CLIENTS different visitors searched, never a term an
    administrator hid (on the platform or on that site), only presentable ones."""
    from django.conf import settings
    from django.db.models import Count

    from portal.core.sites import default_site

    from .models import HiddenSearchTerm, PopularSearchHit

    site = site or default_site()
    since = timezone.localdate() - datetime.timedelta(days=POPULAR_DAYS)
    min_clients = getattr(settings, "PORTAL_POPULAR_MIN_CLIENTS", POPULAR_MIN_CLIENTS)
    rows = (
        PopularSearchHit.objects.filter(day__gte=since, site=site)
        .exclude(query__in=for_site(HiddenSearchTerm.objects, site).values("query"))
        .values("query")
        .annotate(clients=Count("client", distinct=True), hits=Count("id"))
        .filter(clients__gte=min_clients)
        .order_by("-hits", "-clients", "query")[: limit * 5]
    )
    found = []
    for row in rows:
        if is_presentable(row["query"]):
            found.append((row["query"], row["clients"], row["hits"]))
        if len(found) >= limit:
            break
    return found


def popular_searches(limit=8, site=None):
    """热门搜索 of ``site``: the terms its visitors searched most (``popular_counts``) that
    an administrator approved for the platform or that site (``ApprovedSearchTerm``) and
    that pass the wording rules (search/popular.py)."""
    import time

    from portal.core.cache import worker_memo

    memo = worker_memo()
    key = ("search:popular", getattr(site, "pk", None), limit)
    kept = memo.get(key)
    if kept is not None and time.monotonic() - kept[0] < POPULAR_MEMO_SECONDS:
        return kept[1]
    shown = _popular_searches(limit, site)
    memo[key] = (time.monotonic(), shown)
    return shown


#: how long a worker shows the popular searches it counted (a new visitor's search in this
#: worker, or a moderation, which bumps the generation, shows at once; another worker's
#: within this time)
POPULAR_MEMO_SECONDS = 60


def _forget_popular(memo, site):
    for key in [k for k in memo if isinstance(k, tuple) and k[0] == "search:popular"]:
        if key[1] in (getattr(site, "pk", None), None):
            del memo[key]


def _popular_searches(limit, site):
    from .models import ApprovedSearchTerm
    from .popular import passes_wording

    site = site or _default_site()
    rows = popular_counts(limit * 3, site)
    approved = set(
        for_site(ApprovedSearchTerm.objects, site)
        .filter(query__in=[q for q, _c, _h in rows])
        .values_list("query", flat=True)
    )
    shown = [q for q, _c, _h in rows if q in approved and passes_wording(q, site)]
    return shown[:limit]


def _default_site():
    from portal.core.sites import default_site

    return default_site()


def visitor_key(request):
    """A keyed hash of the client address: counts visitors without storing addresses."""
    from django.conf import settings

    from portal.participation.protection import client_ip

    message = f"popular-search:{client_ip(request)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def record_hit(query_string, request):
    """Count a search that found something (the source of popular searches): once per
    visitor, query and day, for the site the visitor is on."""
    from wagtail.search.utils import normalise_query_string

    from .models import PopularSearchHit

    query = normalise_query_string(query_string)
    site = request_site(request)
    if not is_presentable(query) or site is None:
        return
    from portal.core.cache import worker_memo

    today = timezone.localdate()
    client = visitor_key(request)
    # a visitor's query of the day counts once: this worker remembers the ones it wrote
    # (no write for a repeated search) and forgets its popular searches on a new one
    memo = worker_memo()
    recorded = memo.setdefault("search:recorded-hits", set())
    hit = (query[:50], today, client, site.pk)
    if hit in recorded:
        return
    if len(recorded) > 10_000:
        recorded.clear()
    PopularSearchHit.objects.bulk_create(
        [PopularSearchHit(query=query[:50], day=today, client=client, site=site)],
        ignore_conflicts=True,
    )
    recorded.add(hit)
    _forget_popular(memo, site)
    if cache.add(f"search:popular-cleanup:{today}", 1, 24 * 3600):  # once a day
        PopularSearchHit.objects.filter(
            day__lt=today - datetime.timedelta(days=POPULAR_DAYS)
        ).delete()


def promotions(query_string, sites=None):
    """Wagtail's promoted results for the query: those pointing at a page of ``sites``
    (default: the default site) and the external links (Wagtail's promotions carry no site)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    from portal.core.cache import remembered

    # most sites promote nothing: no query per search then (saving a promotion bumps the
    # generation, search/apps.py)
    if not remembered("search:any-promotion", SearchPromotion.objects.exists):
        return []
    if sites is None:
        sites = [site for site in [_default_site()] if site is not None]
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query_string))
        .filter(Q(page__isnull=True) | sites_filter(sites, "page__"))
        .select_related("page")
        .order_by("sort_order")
    )


def suggestions(params, base, limit=3, tries=4):
    """Shorter queries that do find something: the query minus one word, then single words
    (at most ``tries`` searches, so a hopeless query stays cheap)."""
    words = segmenter.query_words(params.q)
    if not 2 <= len(words) <= 6:
        return []
    candidates = []
    for i in range(len(words)):
        candidates.append("".join(words[:i] + words[i + 1 :]))
    candidates.extend(sorted(words, key=len, reverse=True))
    found, seen = [], set()
    for candidate in candidates:
        if candidate in seen or len(candidate) < 2:
            continue
        seen.add(candidate)
        try:
            if base.search(candidate, operator="and", order_by_relevance=False)[:1]:
                found.append(candidate)
        except Exception:  # noqa: BLE001 - a suggestion must never break the page
            logger.exception("suggestion search failed")
        if len(found) >= limit or len(seen) >= tries:
            break
    return found
