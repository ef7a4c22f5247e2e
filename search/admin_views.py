"""热门搜索审核 (admin): terms many visitors searched, waiting for approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from portal.core.permissions import has_permission

from . import popular
from .models import ApprovedSearchTerm, HiddenSearchTerm

PERMISSION = "portal_search.add_approvedsearchterm"


def _site(request):
    """The site under review: ``site`` (an id) among the reviewer's sites, else the first
    of them (the default site first)."""
    from portal.core.sites import sites_for_user

    sites = list(sites_for_user(request.user).order_by("-is_default_site", "pk"))
    wanted = request.POST.get("site") or request.GET.get("site")
    if wanted:
        chosen = [site for site in sites if str(site.pk) == wanted]
        if not chosen:
            raise PermissionDenied  # another site's id
        return chosen[0], sites
    if not sites:
        raise PermissionDenied
    return sites[0], sites


@require_http_methods(["GET", "POST"])
def review(request):
    if not has_permission(request.user, PERMISSION):
        raise PermissionDenied
    site, sites = _site(request)
    if request.method == "POST":
        query = (request.POST.get("query") or "").strip()[:50]
        action = request.POST.get("action")
        if not query or action not in {"approve", "hide"}:
            messages.error(request, "请求无效，请重新选择要审核的搜索词。")
        elif action == "approve":
            if popular.wording_findings(query, site):
                messages.error(request, f"“{query}”不符合用语规则，不能显示在热门搜索中。")
            else:
                ApprovedSearchTerm.objects.get_or_create(
                    query=query,
                    site=site,
                    defaults={"approved_by": request.user.get_username()},
                )
                messages.success(request, f"已同意在热门搜索中显示“{query}”。")
        else:
            HiddenSearchTerm.objects.get_or_create(query=query, site=site)
            messages.success(request, f"已屏蔽“{query}”，它不会出现在热门搜索中。")
        return redirect(f"{reverse('portal_search_popular_review')}?site={site.pk}")
    context = {
        "candidates": popular.candidates(site=site),
        "page_title": "热门搜索审核",
        "site": site,
        "sites": sites,
    }
    return TemplateResponse(request, "search/admin/popular_review.html", context)
