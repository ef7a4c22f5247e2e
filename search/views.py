"""The public search page, /search/?q= (filters, sort, pagination, exact 文号/索引号 first).

Each site searches itself (the visitor's site, Wagtail's ``Site.find_for_request``);
``?site=all`` or ``?site=KEY`` — and the platform page /search/platform/ (统一搜索), which
defaults to every site — search the platform with a site filter and per-site counts."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.template.response import TemplateResponse

from portal.core.db import statement_timeout
from portal.pagecache import middleware as pagecache

from . import didyoumean, entries, services
from .segmentation import segmenter
from .synonyms import for_sites

logger = logging.getLogger(__name__)


def _query_string(params, **changes):
    data = {
        "q": params.q,
        "column": params.column,
        "unit": params.unit,
        "type": params.type,
        "from": params.date_from.isoformat() if params.date_from else "",
        "to": params.date_to.isoformat() if params.date_to else "",
        "sort": params.sort,
        "site": params.site,
    }
    data.update(changes)
    return urlencode({k: v for k, v in data.items() if v})


def platform_search(request):
    """统一搜索: the search page over every site of the platform by default."""
    return search(request, platform=True)


def _unit_choices(sites, platform):
    found = list(services.units(sites))
    if not platform:
        return found
    # a platform search filters by slug in every site (县财政局 is czj in each county):
    # one choice per slug, by its short name
    by_slug = {}
    for unit in found:
        by_slug.setdefault(unit.slug, unit)
    return [
        type("UnitChoice", (), {"slug": u.slug, "name": u.short_name or u.name})
        for u in by_slug.values()
    ]


def _template(request):
    """The English pages' search page at /en/search/ (DESIGN §11), else the Chinese one."""
    english = (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en")
    return "search/search_en.html" if english else "search/search.html"


def search(request, platform=False):
    params = services.SearchParams.from_querydict(
        request.GET, default_site=services.ALL_SITES if platform else ""
    )
    here = services.request_site(request)
    sites = services.searched_sites(request, params)
    platform = bool(params.site)
    context = {
        "params": params,
        "query": params.q,
        "sorts": services.SORTS,
        "columns": services.top_columns(here or (sites[0] if sites else None)),
        "units": _unit_choices(sites, platform),
        "types": services.type_choices(),
        "popular": services.popular_searches(site=here),
        "platform": platform,
        "platform_sites": services.platform_sites() if platform else [],
        "searched_sites": sites,
        "page_obj": None,
        "results": [],
        "exact": [],
        "promoted": [],
        "suggestions": [],
        "failed": False,
    }
    if params.date_error:
        # a date no filter can mean: say so (400) rather than search with half a filter
        return TemplateResponse(request, _template(request), context, status=400)
    if not params.q:
        return TemplateResponse(request, _template(request), context)

    record_on_hit = False
    with for_sites(sites):  # the platform's synonyms and the searched sites' own
        context["entries"] = entries.matching_entries(params.q, site=here, request=request)
        pattern = services.highlight_pattern(segmenter.highlight_words(params.q))
        try:
            with statement_timeout(settings.PORTAL_SEARCH_TIMEOUT_MS):
                record_on_hit = _run(request, params, pattern, context, sites)
        except DatabaseError:
            # a citizen always gets a page (搜索繁忙); the error goes to the log for the
            # administrators, and the worker is free again within the timeout
            logger.exception("search failed")
            context["failed"] = True
    context["page_query"] = _query_string(params)
    context["sort_links"] = [
        (key, label, _query_string(params, sort=key)) for key, label in services.SORTS.items()
    ]
    response = TemplateResponse(
        request, _template(request), context, status=503 if context["failed"] else 200
    )
    if context["failed"]:
        response["Retry-After"] = "30"
    if record_on_hit:  # a copy served from the page cache counts as a search too
        pagecache.on_hit(response, "search.services.record_hit", params.q)
    return response


def _run(request, params, pattern, context, sites):
    """Search and fill ``context``; True when the visit counts as a hit of the query."""
    record_on_hit = False
    base = services.base_queryset(params, sites)
    exact_pages = services.exact_matches(params, base)
    if exact_pages:
        base = base.exclude(id__in=[p.pk for p in exact_pages])
    paginator = services.CappedPaginator(services.run_search(params, base), services.PAGE_SIZE)
    page_obj = paginator.get_page(params.page)
    first_page = page_obj.number == 1
    # more than COUNT_CAP results: "约有 1000 条以上" (the exact matches are among them)
    total = paginator.count + (0 if paginator.capped else len(exact_pages))
    context.update(
        page_obj=page_obj,
        total=total,
        total_capped=paginator.capped,
        results=services.present(page_obj.object_list, pattern),
        exact=services.present(exact_pages, pattern, exact=True) if first_page else [],
        promoted=services.promotions(params.q, sites) if first_page else [],
    )
    if context["platform"]:
        hits = [r.page for r in context["exact"] + context["results"]]
        names = services.site_names(hits)
        for result in context["exact"] + context["results"]:
            result.site_name = names.get(result.page.pk, "")
        _site_facets(params, context, sites, exact_pages)
    if total == 0:
        context["suggestions"] = services.suggestions(params, base)
    elif first_page:
        services.record_hit(params.q, request)
        record_on_hit = True
    if total <= didyoumean.LOW_RESULTS and first_page:
        context["did_you_mean"] = didyoumean.did_you_mean(params.q, base, sites)
    return record_on_hit


def _site_facets(params, context, sites, exact_pages):
    """Hits per site, for the site facet: over every site (a search limited to one site
    still shows how many the others have)."""
    every = services.platform_sites()
    if len(sites) == len(every):
        results, capped = context["page_obj"].paginator.object_list, context["total_capped"]
        extra = exact_pages
    else:  # the base of this search kept its exact matches
        base = services.base_queryset(params, every)
        results, capped, extra = services.run_search(params, base), False, []
    facets = services.site_facets(every, results, capped, extra)
    context["site_facets"] = [
        (site, key, count, _query_string(params, site=key, page="")) for site, key, count in facets
    ]
    context["all_sites_query"] = _query_string(params, site=services.ALL_SITES)
