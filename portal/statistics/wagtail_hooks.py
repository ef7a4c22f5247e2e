"""The 统计 menu in the Wagtail admin, its views and viewsets, and the dashboard panel.

The figures entered by hand are per site (站群): the listings show the rows of the user's
sites only, and another site's row is refused (403) in every view that names it by id."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core import clock
from portal.core.sites import site_ids_for_user

from . import views
from .models import AnnualFormInput, ReviewLitigationRecord
from .monitor import column_health
from .permissions import StatisticsPermissionPolicy, can_view_statistics, chosen_site

admin_urls = [
    path("", views.overview, name="overview"),
    path("<int:year>/<str:kind>", views.download, name="download"),
    path("monitor/", views.monitor, name="monitor"),
]


@hooks.register("register_admin_urls")
def register_statistics_urls():
    return [
        path("statistics/", include((admin_urls, "statistics_admin"), namespace="statistics_admin"))
    ]


class SiteScopedObject:
    """A view of one row: refused unless the row belongs to one of the user's sites."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.site_id not in site_ids_for_user(self.request.user):
            raise PermissionDenied
        return obj


class SiteScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(site_id__in=site_ids_for_user(self.request.user))
            .select_related("site")
        )


class SiteScopedEditView(SiteScopedObject, generic.EditView):
    pass


class SiteScopedDeleteView(SiteScopedObject, generic.DeleteView):
    pass


class SiteScopedCopyView(SiteScopedObject, generic.CopyView):
    pass


class SiteScopedHistoryView(SiteScopedObject, generic.HistoryView):
    pass


class SiteScopedUsageView(SiteScopedObject, generic.UsageView):
    pass


class SiteScopedInspectView(SiteScopedObject, generic.InspectView):
    pass


class SiteScopedViewSet(ModelViewSet):
    index_view_class = SiteScopedIndexView
    edit_view_class = SiteScopedEditView
    delete_view_class = SiteScopedDeleteView
    copy_view_class = SiteScopedCopyView
    history_view_class = SiteScopedHistoryView
    usage_view_class = SiteScopedUsageView
    inspect_view_class = SiteScopedInspectView


class AnnualFormInputViewSet(SiteScopedViewSet):
    model = AnnualFormInput
    icon = "form"
    menu_label = "年度报表填报项"
    add_to_admin_menu = False
    name = "annual_form_inputs"
    list_display = ["year", "site", "unique_visitors", "total_visits", "filled_by", "filled_on"]
    exclude_form_fields = []  # the form is laid out by AnnualFormInput.panels

    @property
    def permission_policy(self):
        return StatisticsPermissionPolicy(self.model)


class ReviewLitigationRecordViewSet(SiteScopedViewSet):
    model = ReviewLitigationRecord
    icon = "doc-full"
    menu_label = "复议诉讼记录"
    add_to_admin_menu = False
    name = "review_litigation_records"
    list_display = ["year", "site", "proceeding", "outcome", "case_number", "received_on"]
    list_filter = ["year", "proceeding", "outcome"]
    exclude_form_fields = []

    @property
    def permission_policy(self):
        return StatisticsPermissionPolicy(self.model)


annual_input_viewset = AnnualFormInputViewSet()
review_record_viewset = ReviewLitigationRecordViewSet()


@hooks.register("register_admin_viewset")
def register_statistics_viewsets():
    return [annual_input_viewset, review_record_viewset]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_statistics(request.user)


class StatisticsSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_view_statistics(request.user)


@hooks.register("register_admin_menu_item")
def register_statistics_menu():
    items = [
        StatisticsMenuItem(
            "年度统计",
            reverse("statistics_admin:overview"),
            name="statistics-overview",
            icon_name="table",
            order=100,
        ),
        StatisticsMenuItem(
            "栏目监测",
            reverse("statistics_admin:monitor"),
            name="statistics-monitor",
            icon_name="time",
            order=110,
        ),
        StatisticsMenuItem(
            "年度报表填报项",
            reverse(annual_input_viewset.get_url_name("index")),
            name="statistics-inputs",
            icon_name="form",
            order=120,
        ),
        StatisticsMenuItem(
            "复议诉讼记录",
            reverse(review_record_viewset.get_url_name("index")),
            name="statistics-reviews",
            icon_name="doc-full",
            order=130,
        ),
    ]
    return StatisticsSubmenu(
        "统计", Menu(items=items), name="statistics", icon_name="table", order=260
    )


class ColumnHealthPanel(Component):
    name = "column_health"
    order = 150
    template_name = "statistics/admin/monitor_panel.html"

    def __init__(self, site):
        self.site = site

    def get_context_data(self, parent_context):
        key = f"statistics:column_health:{self.site.pk}:{clock.today().isoformat()}"
        health = cache.get(key)
        if health is None:
            health = column_health(site=self.site)
            cache.set(key, health, 600)
        return {
            "health": health,
            "site_name": self.site.site_name or self.site.hostname,
            "monitor_url": reverse("statistics_admin:monitor") + f"?site={self.site.pk}",
        }


@hooks.register("construct_homepage_panels")
def add_column_health_panel(request, panels):
    if can_view_statistics(request.user):
        try:
            site, _sites = chosen_site(request)
        except (PermissionDenied, Http404):
            return
        panels.append(ColumnHealthPanel(site))
