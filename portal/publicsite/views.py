"""robots.txt, the favicon and the HTML 网站地图."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

# paths no crawler needs: the admin, per-query search pages, citizens' forms and the API
DISALLOWED = ("/admin/", "/search/", "/participation/", "/api/", "/review/", "/stats/")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(staticfiles_storage.url("favicon.ico"))


def column_tree(root, depth=3):
    """The live columns below ``root`` as nested (page, children) pairs, ``depth`` levels."""
    from home.models import ColumnPage, TopicPage

    pages = list(
        root.get_descendants()
        .live()
        .public()
        .type(ColumnPage, TopicPage)
        .filter(depth__lte=root.depth + depth)
        .filter(locale_id=root.locale_id)
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path", "slug", "locale_id")
    )
    nodes = {p.path: (p, []) for p in pages}
    tree = []
    for page in pages:
        parent = nodes.get(page.path[: -root.steplen])
        (parent[1] if parent else tree).append(nodes[page.path])
    return tree


@require_GET
def site_map(request):
    site = Site.find_for_request(request)
    root = site.root_page.localized if site else None
    tree = column_tree(root.specific_deferred) if root else []
    return TemplateResponse(
        request,
        "publicsite/site_map.html",
        {"tree": tree, "page": None},
    )
