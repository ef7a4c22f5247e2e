"""The public search page, /search/?q= (filters, sort, pagination, exact 文号/索引号 first)."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.template.response import TemplateResponse

from portal.core.db import statement_timeout
from portal.pagecache import middleware as pagecache

from . import didyoumean, entries, services
from .segmentation import segmenter

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
    }
    data.update(changes)
    return urlencode({k: v for k, v in data.items() if v})


def search(request):
    params = services.SearchParams.from_querydict(request.GET)
    choices = services.filter_choices()
    context = {
        "params": params,
        "query": params.q,
        "sorts": services.SORTS,
        "column_options": services.options_html(choices["column"], params.column, "全部栏目"),
        "unit_options": services.options_html(choices["unit"], params.unit, "全部单位"),
        "type_options": services.options_html(choices["type"], params.type, "全部类型"),
        "sort_options": services.options_html(list(services.SORTS.items()), params.sort),
        "popular": services.popular_searches(),
        "page_obj": None,
        "results": [],
        "exact": [],
        "promoted": [],
        "suggestions": [],
        "failed": False,
    }
    if params.date_error:
        # a date no filter can mean: say so (400) rather than search with half a filter
        return TemplateResponse(request, "search/search.html", context, status=400)
    if not params.q:
        return TemplateResponse(request, "search/search.html", context)

    record_on_hit = False
    context["entries"] = entries.matching_entries(params.q)
    pattern = services.highlight_pattern(segmenter.highlight_words(params.q))
    try:
        with statement_timeout(settings.PORTAL_SEARCH_TIMEOUT_MS):
            record_on_hit = _run(request, params, pattern, context)
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
        request, "search/search.html", context, status=503 if context["failed"] else 200
    )
    if context["failed"]:
        response["Retry-After"] = "30"
    if record_on_hit:  # a copy served from the page cache counts as a search too
        pagecache.on_hit(response, "search.services.record_hit", params.q)
    return response


def _run(request, params, pattern, context):
    """Search and fill ``context``; True when the visit counts as a hit of the query."""
    record_on_hit = False
    base = services.base_queryset(params)
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
        promoted=services.promotions(params.q) if first_page else [],
    )
    if total == 0:
        context["suggestions"] = services.suggestions(params, base)
    elif first_page:
        services.record_hit(params.q, request)
        record_on_hit = True
    if total <= didyoumean.LOW_RESULTS and first_page:
        context["did_you_mean"] = didyoumean.did_you_mean(params.q, base)
    return record_on_hit
