"""Admin views: force-publish (superuser, with reason), withdraw (撤稿, with reason), the
automatic check's findings, and the audit report."""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry

from portal.core.permissions import has_permission
from portal.core.sites import is_platform_admin, site_ids_for_user, user_page_filter
from portal.units.models import Unit

from . import services
from .models import CheckResult


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "请填写理由。"},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("请填写理由。")
        return reason


class WithdrawForm(ReasonForm):
    """撤稿: the internal reason, and what the old URL tells the public."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "撤稿原因（内部留存）"
        self.fields["reason"].help_text = "记入审计日志，不在网站上显示。"

    public_notice = forms.CharField(
        label="对外说明（可选）",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text="显示在原网址的“该信息已撤销”提示页上，如“该通知已被新通知替代”。",
    )


WITHDRAW_PAGE = "review.withdraw_page"
VIEW_REVIEW_AUDIT = "review.view_review_audit"


def can_withdraw(user, page):
    """撤稿 is done by 终审 (the portal's final reviewers), site admins and superusers."""
    if not has_permission(user, WITHDRAW_PAGE):
        return False
    return user.is_superuser or page.permissions_for_user(user).can_edit()


def _reason_action_view(request, page, action, done_message, context, form_class=ReasonForm):
    """The shared shape of 强制发布 and 撤稿: a required reason, the service call, a message
    naming every page it touched (三同步 partners included), back to the editor."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pages = action(page, request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            titles = "、".join(f"《{p.title}》" for p in pages)
            messages.success(request, done_message.format(titles=titles))
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "review/admin/reason_form.html",
        {"page": page, "form": form, "header_icon": "warning", **context},
    )


def force_publish_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not request.user.is_superuser:
        raise PermissionDenied
    return _reason_action_view(
        request,
        page,
        services.force_publish,
        "已强制发布{titles}，理由已记入审计日志。",
        {
            "page_title": "强制发布",
            "intro": "强制发布会跳过审核流程直接发布当前最新版本，并记入审计日志。"
            "仅在紧急情况下使用，必须填写理由。",
            "submit_label": "强制发布",
        },
    )


def withdraw_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_withdraw(request.user, page):
        raise PermissionDenied
    return _reason_action_view(
        request,
        page,
        services.withdraw,
        "已撤稿{titles}，原网址将提示信息已撤销。",
        {
            "page_title": "撤稿",
            "intro": "撤稿后页面下线，原网址显示“该信息已撤销”的提示（HTTP 410）。"
            "撤稿原因只记入审计日志；对外说明（如填写）显示在提示页上。",
            "submit_label": "确认撤稿",
            "also_withdrawn": services.interpretations_withdrawn_with(page),
        },
        form_class=WithdrawForm,
    )


def delete_page_guard(request, page_id):
    """Wagtail's page delete view, except for live pages: deleting would take them offline
    without 撤稿's reason and notice, so the user is sent to 撤稿 (or told to ask for it).
    Pages that may be deleted go to the 回收站 when an app answers ``portal_delete_page``."""
    from wagtail.admin.views.pages.delete import delete

    from .permissions import DELETE_LIVE_REFUSED, has_live_pages

    page = get_object_or_404(Page, pk=page_id).specific
    if has_live_pages(page):
        messages.error(request, DELETE_LIVE_REFUSED)
        if page.live and can_withdraw(request.user, page):
            return redirect("review_withdraw", page.pk)
        if page.permissions_for_user(request.user).can_edit():
            return redirect("wagtailadmin_pages:edit", page.pk)
        raise PermissionDenied
    from wagtail import hooks

    for recycle_view in hooks.get_hooks("portal_delete_page"):  # the 回收站 (portal.desk)
        return recycle_view(request, page_id)
    return delete(request, page_id)


def unpublish_guard(request, page_id):
    """Wagtail's unpublish view: taking a page offline is 撤稿, with a reason."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_withdraw(request.user, page):
        raise PermissionDenied
    return redirect("review_withdraw", page.pk)


def update_translations_guard(request, translation_source_id):
    """wagtail-localize's "sync translations": its 'publish' box would make the translated
    pages live without review, so the translations are saved as drafts to be submitted."""
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    if request.method == "POST" and request.POST.get("publish_translations"):
        data = request.POST.copy()
        data.pop("publish_translations")
        request.POST = data
        messages.warning(request, "先审后发：译文已保存为草稿，请逐篇提交审核后发布。")
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)


def findings_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    perms = page.permissions_for_user(request.user)
    task = page.current_workflow_task
    if not (perms.can_edit() or (task and task.user_can_access_editor(page, request.user))):
        raise PermissionDenied
    results = CheckResult.objects.filter(page_id=page.pk).select_related("revision")[:10]
    return TemplateResponse(
        request,
        "review/admin/findings.html",
        {
            "page": page,
            "results": results,
            "latest": results[0] if results else None,
        },
    )


# --- audit report ---------------------------------------------------------------------------
def unit_pages_q(unit):
    """Pages of a unit: everything under its columns, plus pages assigned to it elsewhere."""
    from django.db.models import Q

    q = Q(pk__in=[])
    for column_id in (unit.news_column_id, unit.catalogue_column_id):
        if column_id:
            column = Page.objects.filter(pk=column_id).only("path").first()
            if column:
                q |= Q(path__startswith=column.path)
    return q


class AuditFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="单位",
        queryset=lambda request: Unit.objects.filter(site_id__in=site_ids_for_user(request.user)),
        method="filter_unit",
        empty_label="全部单位",
    )
    user = django_filters.ModelChoiceFilter(
        label="用户",
        field_name="user",
        queryset=lambda request: (
            get_user_model()
            .objects.filter(
                pk__in=PageLogEntry.objects.filter(user_page_filter(request.user, "page__"))
                .exclude(user=None)
                .values("user")
            )
            .order_by("username")
        ),
    )
    action = django_filters.ChoiceFilter(
        label="操作", method="filter_action", choices=lambda: log_action_registry.get_choices()
    )
    timestamp = django_filters.DateFromToRangeFilter(label="日期", widget=DateRangePickerWidget)

    class Meta:
        model = PageLogEntry
        fields = ["unit", "user", "action", "timestamp"]

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        pages = Page.objects.filter(unit_pages_q(value)).values("pk")
        return queryset.filter(page_id__in=pages)

    def filter_action(self, queryset, name, value):
        return queryset.filter(action=value) if value else queryset


class AuditReportView(ReportView):
    page_title = gettext_lazy("审核发布日志")
    header_icon = "history"
    template_name = "review/admin/audit_report.html"
    results_template_name = "review/admin/audit_report_results.html"
    index_url_name = "review_audit_report"
    index_results_url_name = "review_audit_report_results"
    filterset_class = AuditFilterSet
    paginate_by = 50
    list_export = ["timestamp", "page_title", "unit_name", "action_label", "user_name", "comment"]
    export_headings = {
        "timestamp": "时间",
        "page_title": "页面",
        "unit_name": "单位",
        "action_label": "操作",
        "user_name": "用户",
        "comment": "意见/原因",
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_view_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):  # PermissionCheckedMixin
        return can_view_audit(self.request.user)

    def get_queryset(self):
        entries = PageLogEntry.objects.select_related("user", "page")
        if not is_platform_admin(self.request.user):
            # 站群: the entries of the user's own sites' pages
            entries = entries.filter(user_page_filter(self.request.user, "page__"))
        return entries.order_by("-timestamp", "-pk")

    def get_filename(self):
        return "audit-log-{}".format(datetime.date.today().strftime("%Y-%m-%d"))

    def decorate_paginated_queryset(self, object_list):
        entries = list(object_list)
        units = list(
            Unit.objects.exclude(news_column=None).select_related("news_column", "catalogue_column")
        )
        prefixes = []
        for unit in units:
            for column in (unit.news_column, unit.catalogue_column):
                if column is not None:
                    prefixes.append((column.path, unit.name))
        prefixes.sort(key=lambda item: -len(item[0]))
        for entry in entries:
            decorate_entry(entry, prefixes)
        return entries

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["object_list"] = context.get("object_list")
        return context


def decorate_entry(entry, prefixes):
    data = entry.data or {}
    entry.page_title = entry.label
    path = entry.page.path if entry.page_id and entry.page else ""
    entry.unit_name = next((name for prefix, name in prefixes if path.startswith(prefix)), "")
    entry.action_label = force_str(
        dict(log_action_registry.get_choices()).get(entry.action, entry.action)
    )
    entry.user_name = entry.user_display_name
    entry.comment = force_str(data.get("comment") or data.get("reason") or "")
    entry.edit_url = (
        reverse("wagtailadmin_pages:edit", args=(entry.page_id,)) if entry.page_id else ""
    )
    return entry


def can_view_audit(user):
    return has_permission(user, VIEW_REVIEW_AUDIT)
