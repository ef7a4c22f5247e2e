"""Admin views of 全站巡检: the report (per unit and column, filters, CSV/XLSX export) and
marking a finding 误报. Rules live in inspection.py and inspection_access.py."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from portal.core.sites import site_ids_for_user, user_page_filter
from portal.units.models import Unit

from . import inspection, inspection_access
from .models import FindingStatus, InspectionFinding, InspectionKind, Severity


class InspectionFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="单位",
        queryset=lambda request: Unit.objects.filter(site_id__in=site_ids_for_user(request.user)),
        empty_label="全部单位",
    )
    column = django_filters.ModelChoiceFilter(
        label="栏目",
        queryset=lambda request: Page.objects.filter(
            user_page_filter(request.user),
            pk__in=InspectionFinding.objects.exclude(column=None).values("column"),
        ).order_by("path"),
        empty_label="全部栏目",
    )
    kind = django_filters.ChoiceFilter(label="检查项", choices=InspectionKind.choices)
    severity = django_filters.ChoiceFilter(label="处理方式", choices=Severity.choices)
    status = django_filters.ChoiceFilter(label="状态", choices=FindingStatus.choices)
    category = django_filters.ChoiceFilter(
        label="类别",
        choices=[(v, v) for v in ("严重表述错误", "错别字", "敏感词", "规范表述")],
    )

    class Meta:
        model = InspectionFinding
        fields = ["unit", "column", "kind", "category", "severity", "status"]


class InspectionReportView(ReportView):
    page_title = "全站巡检"
    header_icon = "site"
    template_name = "review/admin/inspection_report.html"
    results_template_name = "review/admin/inspection_report_results.html"
    index_url_name = "review_inspection_report"
    index_results_url_name = "review_inspection_report_results"
    filterset_class = InspectionFilterSet
    paginate_by = 50
    list_export = [
        "page_title",
        "unit_name",
        "column_title",
        "kind_label",
        "category",
        "severity_label",
        "location",
        "text",
        "context",
        "explanation",
        "suggestion",
        "status_label",
        "first_seen",
        "page_url",
    ]
    export_headings = {
        "page_title": "页面",
        "unit_name": "单位",
        "column_title": "栏目",
        "kind_label": "检查项",
        "category": "类别",
        "severity_label": "处理方式",
        "location": "位置",
        "text": "问题内容",
        "context": "上下文",
        "explanation": "说明",
        "suggestion": "建议",
        "status_label": "状态",
        "first_seen": "发现时间",
        "page_url": "页面地址",
    }

    def dispatch(self, request, *args, **kwargs):
        if not inspection_access.can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):
        return inspection_access.can_view_report(self.request.user)

    def get_queryset(self):
        findings = inspection_access.visible_findings(self.request.user)
        if "status" not in self.request.GET:
            findings = findings.filter(status=FindingStatus.OPEN)
        return findings.select_related("page", "unit", "column").order_by(
            "-severity", "unit__name", "page__path", "pk"
        )

    def get_filename(self):
        return "site-inspection-{}".format(datetime.date.today().strftime("%Y-%m-%d"))

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for f in rows:
            f.page_title = f.page.title
            f.unit_name = f.unit.name if f.unit else ""
            f.column_title = f.column.title if f.column else ""
            f.kind_label = f.get_kind_display()
            f.severity_label = f.get_severity_display()
            f.status_label = f.get_status_display()
            f.page_url = f.page.url or ""
            f.edit_url = reverse("wagtailadmin_pages:edit", args=(f.page_id,))
            f.can_dismiss = f.status != FindingStatus.FALSE_ALARM and (
                inspection_access.can_dismiss(self.request.user, f)
            )
        return rows

    def to_row_dict(self, item):
        for name in ("page_title", "unit_name"):
            if not hasattr(item, name):
                self.decorate_paginated_queryset([item])
                break
        return super().to_row_dict(item)


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="误报理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写误报理由"},
    )


def dismiss_view(request, finding_id):
    finding = get_object_or_404(
        InspectionFinding.objects.select_related("page", "unit"), pk=finding_id
    )
    if not inspection_access.can_dismiss(request.user, finding):
        raise PermissionDenied
    form = DismissForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        inspection.dismiss(finding, request.user, form.cleaned_data["reason"].strip())
        messages.success(request, f"已将“{finding.text}”标记为误报，以后的巡检不再报告")
        return redirect("review_inspection_report")
    return TemplateResponse(
        request,
        "review/admin/inspection_dismiss.html",
        {"finding": finding, "form": form, "page_title": "标记为误报", "header_icon": "site"},
    )


def open_counts(user):
    """Open findings the user sees, by severity (the dashboard panel)."""
    from django.db.models import Count

    findings = inspection_access.visible_findings(user).filter(status=FindingStatus.OPEN)
    counts = dict(findings.values_list("severity").annotate(n=Count("id")))
    return {
        "block": counts.get(Severity.BLOCK, 0),
        "warn": counts.get(Severity.WARN, 0),
        "by_kind": list(findings.values("kind").annotate(n=Count("id")).order_by("kind")),
    }
