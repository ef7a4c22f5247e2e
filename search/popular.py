"""热门搜索 moderation: what visitors typed is shown only when

1. enough different visitors searched it (``PORTAL_POPULAR_MIN_CLIENTS``, counted per
   visitor and day in ``PopularSearchHit``, see services.popular_counts);
2. it passes the portal's wording and sensitive-word rules (portal/review's
   ``check_wording``, the same rules editors' pages are checked against);
3. an administrator approved it (``ApprovedSearchTerm``, the allow-list: 设置 → 热门搜索审核)
   and did not hide it (``HiddenSearchTerm``).

Per site (站群): hits are counted per site; an approval or a hidden term with no site
applies to every site, one with a site to that site only. The review page works on one of
the reviewer's sites (``sites_for_user``) at a time.
"""

from types import SimpleNamespace


def wording_findings(query, site=None):
    """The wording rules' findings for a search term on ``site`` (站群: the platform-wide
    rules plus that site's own; default the default site). Empty: it may be shown."""
    from portal.review.checks import check_wording

    return check_wording(None, SimpleNamespace(texts=[("搜索词", query)]), site=site)


def passes_wording(query, site=None):
    return not wording_findings(query, site)


def candidates(limit=50, site=None):
    """Terms popular enough on ``site`` and acceptable in wording, not yet approved (for
    the platform or that site) nor hidden: ``[(query, visitors, visitor-days, findings)]``
    for the review page."""
    from .models import ApprovedSearchTerm
    from .services import _default_site, for_site, popular_counts

    site = site or _default_site()
    approved = set(for_site(ApprovedSearchTerm.objects, site).values_list("query", flat=True))
    rows = []
    for query, clients, hits in popular_counts(limit * 3, site):
        if query in approved:
            continue
        rows.append((query, clients, hits, wording_findings(query, site)))
        if len(rows) >= limit:
            break
    return rows
