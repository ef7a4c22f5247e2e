"""Who may see the statistics and enter the yearly figures: whoever holds
``statistics.view_statistics`` (the 站点管理员 group is granted it by bootstrap_portal)."""

from wagtail.permission_policies import ModelPermissionPolicy

from portal.core.permissions import has_permission

VIEW_STATISTICS = "statistics.view_statistics"


def can_view_statistics(user):
    return has_permission(user, VIEW_STATISTICS)


class StatisticsPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus full access for whoever may see the statistics."""

    def user_has_permission(self, user, action):
        return can_view_statistics(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return can_view_statistics(user) or super().user_has_any_permission(user, actions)


def chosen_site(request):
    """The site the statistics views show (站群): ``?site=ID`` among the sites the user works
    on (``portal.core.sites.sites_for_user``), else the default site if the user works on
    it, else their first site. A site the user may not see is refused: 404 for an id that is
    no site, 403 for another site's (the same answer for a forged id as for a listed one)."""
    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    from wagtail.models import Site

    from portal.core.sites import default_site_id, sites_for_user

    allowed = list(sites_for_user(request.user).order_by("-is_default_site", "pk"))
    raw = request.GET.get("site", "")
    if raw:
        try:
            site_id = int(raw)
        except ValueError:
            raise Http404("没有该站点") from None
        site = next((s for s in allowed if s.pk == site_id), None)
        if site is None:
            if Site.objects.filter(pk=site_id).exists():
                raise PermissionDenied("无权查看该站点的统计")
            raise Http404("没有该站点")
        return site, allowed
    if not allowed:
        raise PermissionDenied("没有可查看的站点")
    default = default_site_id()
    site = next((s for s in allowed if s.pk == default), allowed[0])
    return site, allowed
