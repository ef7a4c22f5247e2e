"""Handler views inside the Wagtail admin (registered in wagtail_hooks).

Only superusers and members of the handler groups reach them (checked on every request).
The application detail view is the only place where the applicant's full ID and phone
number are shown; lists and CSV exports mask them.
"""

import datetime as dt
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from portal.core.exports import csv_response, time_text
from portal.core.permissions import has_permission, users_with_permission
from portal.core.sites import groups_of_site, site_ids_for_user, user_page_filter
from portal.core.spreadsheets import csv_writer
from portal.core.views import bad_request

from . import outcomes, services
from .models import (
    DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    DUE_SOON_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
    ApplicationStatus,
    CommentStatus,
    ConsultationComment,
    DisclosureApplication,
    Message,
    MessageStatus,
    today,
)
from .roles import HANDLE_APPLICATION, HANDLE_MESSAGE
from .validators import mask_name
from .workdays import WorkCalendar

PER_PAGE = 30


def handlers_only(perm):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_permission(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- deadline helpers ----------------------------------------------------------------------
def deadline_rows(applications, on=None, cal=None):
    """(application, deadline, working days left) for each application."""
    cal = cal or WorkCalendar()
    on = on or today()
    rows = []
    for app in applications:
        deadline = app.deadline(cal)
        left = None
        if deadline is not None:
            left = (
                cal.working_days_between(on, deadline)
                if deadline >= on
                else -cal.working_days_between(deadline, on)
            )
        app.deadline_provisional = cal.is_provisional(app.clock_start, deadline)
        rows.append((app, deadline, left))
    return rows


def overdue_and_due_soon(on=None, cal=None, site_ids=None):
    """Open applications past their deadline, and those due within 3 working days (of the
    sites ``site_ids``, or of every site)."""
    cal = cal or WorkCalendar()
    on = on or today()
    soon_limit = cal.add_working_days(on, DUE_SOON_WORKING_DAYS)
    overdue, due_soon = [], []
    running = services.open_applications()
    if site_ids is not None:
        running = running.filter(site_id__in=site_ids)
    running = running.filter(
        status__in=[ApplicationStatus.PROCESSING, ApplicationStatus.CONSULTING]
    ).prefetch_related("pauses")
    for app, deadline, left in deadline_rows(running, on, cal):
        if deadline is None:
            continue
        if deadline < on:
            overdue.append((app, deadline, left))
        elif deadline <= soon_limit:
            due_soon.append((app, deadline, left))
    return overdue, due_soon


def unconfirmed_too_long(on=None, site_ids=None):
    """Applications still waiting for receipt confirmation after 2 days."""
    on = on or today()
    cutoff = on - dt.timedelta(days=2)
    waiting = DisclosureApplication.objects.filter(status=ApplicationStatus.REGISTERED)
    if site_ids is not None:
        waiting = waiting.filter(site_id__in=site_ids)
    return [a for a in waiting if timezone.localtime(a.submitted_at).date() <= cutoff]


# --- applications -------------------------------------------------------------------------
STATUS_FILTERS = [("", "全部")] + list(ApplicationStatus.choices)


@handlers_only(HANDLE_APPLICATION)
def application_list(request):
    cal = WorkCalendar()
    # a handler sees the applications of their own sites only (portal.core.sites)
    site_ids = site_ids_for_user(request.user)
    qs = DisclosureApplication.objects.filter(site_id__in=site_ids).prefetch_related("pauses")
    status = request.GET.get("status", "")
    due = request.GET.get("due", "")
    if status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(tracking_number__icontains=q)
    if due in ("overdue", "soon"):
        overdue, soon = overdue_and_due_soon(cal=cal, site_ids=site_ids)
        rows = overdue if due == "overdue" else soon
        ids = {app.pk for app, _d, _l in rows}
        qs = qs.filter(pk__in=ids)
    paginator = Paginator(qs, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    overdue, soon = overdue_and_due_soon(cal=cal, site_ids=site_ids)
    return TemplateResponse(
        request,
        "participation/admin/application_list.html",
        {
            "page_title": "政府信息公开申请",
            "header_title": "政府信息公开申请",
            "rows": deadline_rows(page.object_list, cal=cal),
            "page": page,
            "status_filters": STATUS_FILTERS,
            "status": status,
            "due": due,
            "q": q,
            "overdue_count": len(overdue),
            "soon_count": len(soon),
        },
    )


class ReceiptForm(forms.Form):
    pass


class CorrectionNoticeForm(forms.Form):
    notice = forms.CharField(
        label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    period_days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=1,
        max_value=60,
        initial=DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    )


class ConsultForm(forms.Form):
    third_party = forms.CharField(label="第三方名称", max_length=100, required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=MAX_EXTENSION_WORKING_DAYS,
        initial=MAX_EXTENSION_WORKING_DAYS,
    )
    approver = forms.CharField(label="批准人（政府信息公开工作机构负责人）", max_length=50)
    reason = forms.CharField(
        label="延期理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )


class ReplyForm(forms.Form):
    reply_type = forms.ChoiceField(
        label="答复类型", choices=[("", "请选择"), *outcomes.REPLY_TYPE_CHOICES]
    )
    reply_text = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )


class VoidForm(forms.Form):
    reason = forms.CharField(label="不予登记原因", max_length=200)


ACTION_FORMS = {
    "receive": ReceiptForm,
    "correction": CorrectionNoticeForm,
    "consult": ConsultForm,
    "consult_end": ReceiptForm,
    "extend": ExtendForm,
    "reply": ReplyForm,
    "archive": ReceiptForm,
    "void": VoidForm,
}


def _run_action(action, app, user, data):
    if action == "receive":
        services.confirm_receipt(app, user)
        return "已确认接收，答复期限开始计算。"
    if action == "correction":
        services.request_correction(app, user, data["notice"], data["period_days"])
        return "已一次性告知申请人补正。"
    if action == "consult":
        services.start_consultation(app, user, data["third_party"])
        return "已开始征求第三方意见，期限暂停计算。"
    if action == "consult_end":
        services.end_consultation(app, user)
        return "第三方意见征求已结束，期限恢复计算。"
    if action == "extend":
        services.extend(app, user, data["days"], data["approver"], data["reason"])
        return "已延期答复。"
    if action == "reply":
        services.reply(app, user, data["reply_type"], data["reply_text"])
        return "已答复。"
    if action == "archive":
        services.archive(app, user)
        return "已归档。"
    if action == "void":
        services.void(app, user, data["reason"])
        return "已作为无效申请处理。"
    raise services.TransitionError("未知操作。")


@handlers_only(HANDLE_APPLICATION)
@sensitive_variables("app")
def application_detail(request, pk):
    app = get_object_or_404(DisclosureApplication.objects.for_user(request.user), pk=pk)
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        form_class = ACTION_FORMS.get(action)
        if form_class is None:
            messages.error(request, "未知操作。")
            return redirect("participation_admin:application", app.pk)
        form = form_class(request.POST)
        if form.is_valid():
            try:
                text = _run_action(action, app, request.user, form.cleaned_data)
            except services.TransitionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, text)
                return redirect("participation_admin:application", app.pk)
        else:
            messages.error(request, "请检查填写的内容。")
        bound[action] = form
        app.refresh_from_db()
    cal = WorkCalendar()
    status = app.status
    running = status in (ApplicationStatus.PROCESSING, ApplicationStatus.CONSULTING)
    reply_form = bound.get("reply") or ReplyForm()
    if status == ApplicationStatus.CORRECTION:
        reply_form.fields["reply_type"].choices = [
            ("no_correction", outcomes.REPLY_TYPE_LABELS["no_correction"])
        ]
    context = {
        "page_title": f"申请 {app.tracking_number}",
        "header_title": app.tracking_number,
        "app": app,
        "deadline": app.deadline(cal),
        "deadline_provisional": app.deadline_is_provisional(cal),
        "days_left": app.working_days_left(cal=cal),
        "correction_notice_deadline": app.correction_notice_deadline(cal),
        "correction_provisional": cal.is_provisional(
            app.received_on, app.correction_notice_deadline(cal)
        ),
        "pauses": [(p, p.limit(cal)) for p in app.pauses.all()],
        "events": app.events.all(),
        "can_receive": status == ApplicationStatus.REGISTERED,
        "can_correct": app.can_request_correction(cal=cal),
        "can_consult": status == ApplicationStatus.PROCESSING,
        "can_end_consult": status == ApplicationStatus.CONSULTING,
        "can_extend": app.extension_refusal(cal=cal) is None,
        "can_reply": running
        or (
            status == ApplicationStatus.CORRECTION
            and app.correction_due
            and today() > app.correction_due
        ),
        "can_archive": status == ApplicationStatus.REPLIED,
        "correction_form": bound.get("correction") or CorrectionNoticeForm(),
        "consult_form": bound.get("consult") or ConsultForm(),
        "extend_form": bound.get("extend") or ExtendForm(),
        "reply_form": reply_form,
        "void_form": bound.get("void") or VoidForm(),
    }
    return TemplateResponse(request, "participation/admin/application_detail.html", context)


@handlers_only(HANDLE_APPLICATION)
def application_export(request):
    """CSV export; ID and phone numbers masked (never exported in full)."""
    cal = WorkCalendar()
    response = csv_response("yisqing-gongkai.csv")
    writer = csv_writer(response)  # cells safe from formula injection
    writer.writerow(
        [
            "申请编号",
            "提交时间",
            "申请人类型",
            "申请人",
            "证件类型",
            "证件号码",
            "联系电话",
            "状态",
            "收到申请日期",
            "答复期限",
            "延期工作日",
            "答复类型",
            "答复日期",
            "表三行",
        ]
    )
    for app in DisclosureApplication.objects.for_user(request.user).prefetch_related("pauses"):
        deadline = app.deadline(cal)
        writer.writerow(
            [
                app.tracking_number,
                time_text(app.submitted_at),
                app.applicant_label,
                app.masked_name,
                app.get_id_type_display(),
                app.masked_id,
                app.masked_phone,
                app.get_status_display(),
                app.received_on or "",
                deadline or "",
                app.extension_days or "",
                app.reply_type_label,
                app.replied_on or "",
                outcomes.REPLY_TYPE_ROW.get(app.reply_type, ""),
            ]
        )
    return response


# --- messages ------------------------------------------------------------------------------
@handlers_only(HANDLE_MESSAGE)
def message_list(request):
    qs = Message.objects.for_user(request.user)
    status = request.GET.get("status", "")
    if status in MessageStatus.values:
        qs = qs.filter(status=status)
    on = today()
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("p"))
    warn = [
        m
        for m in Message.objects.for_user(request.user).filter(
            status__in=[MessageStatus.PENDING, MessageStatus.ACCEPTED, MessageStatus.ASSIGNED]
        )
        if m.warn_date <= on
    ]
    return TemplateResponse(
        request,
        "participation/admin/message_list.html",
        {
            "page_title": "留言办理",
            "header_title": "留言办理",
            "page": page,
            "status": status,
            "status_filters": [("", "全部")] + list(MessageStatus.choices),
            "warn": warn,
            "today": on,
        },
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果", choices=[("accept", "受理"), ("reject", "不予受理")]
    )
    show_publicly = forms.BooleanField(
        label="答复后在网站公开（须留言人同意公开）", required=False, initial=True
    )
    reason = forms.CharField(label="不予受理原因", max_length=200, required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label="承办人", queryset=None)
    unit = forms.CharField(label="答复单位", max_length=100, required=False)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = users_with_permission(HANDLE_MESSAGE, include_superusers=False)
        if site is not None:
            # only the message's own site's handlers (and the platform's)
            people = people.filter(
                Q(groups__in=groups_of_site(site))
                | Q(groups__permissions__codename="manage_platform")
            ).distinct()
        self.fields["assignee"].queryset = people.order_by("username")


class AnswerForm(forms.Form):
    reply = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    unit = forms.CharField(label="答复单位", max_length=100, required=False)


@handlers_only(HANDLE_MESSAGE)
def message_detail(request, pk):
    message = get_object_or_404(Message.objects.for_user(request.user), pk=pk)
    forms_by_action = {"review": ReviewForm, "assign": AssignForm, "answer": AnswerForm}
    bound = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        form_class = forms_by_action.get(action)
        if form_class is None:
            raise PermissionDenied
        extra = {"site": message.site} if form_class is AssignForm else {}
        form = form_class(request.POST, **extra)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "review":
                    services.review_message(
                        message,
                        request.user,
                        data["decision"] == "accept",
                        data["reason"],
                        data["show_publicly"],
                    )
                elif action == "assign":
                    services.assign_message(message, request.user, data["assignee"], data["unit"])
                else:
                    services.answer_message(message, request.user, data["reply"], data["unit"])
            except services.TransitionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "已保存。")
                return redirect("participation_admin:message", message.pk)
        else:
            messages.error(request, "请检查填写的内容。")
        bound[action] = form
    return TemplateResponse(
        request,
        "participation/admin/message_detail.html",
        {
            "page_title": f"留言 {message.tracking_number}",
            "header_title": message.tracking_number,
            "message": message,
            "review_form": bound.get("review") or ReviewForm(),
            "assign_form": bound.get("assign") or AssignForm(site=message.site),
            "answer_form": bound.get("answer") or AnswerForm(),
        },
    )


@handlers_only(HANDLE_MESSAGE)
def message_export(request):
    response = csv_response("liuyan.csv")
    writer = csv_writer(response)  # cells safe from formula injection
    writer.writerow(
        [
            "留言编号",
            "留言时间",
            "留言人",
            "联系电话",
            "类型",
            "标题",
            "状态",
            "答复时间",
            "办理天数",
            "公开",
        ]
    )
    for m in Message.objects.for_user(request.user):
        writer.writerow(
            [
                m.tracking_number,
                time_text(m.submitted_at),
                m.masked_name,
                m.masked_phone,
                m.get_category_display(),
                m.subject,
                m.get_status_display(),
                time_text(m.replied_at),
                m.days_to_answer if m.days_to_answer is not None else "",
                "是" if m.is_public else "否",
            ]
        )
    return response


# --- consultation comments ---------------------------------------------------------------
@handlers_only(HANDLE_MESSAGE)
def comment_list(request):
    if request.method == "POST":
        pk = request.POST.get("comment", "")
        if not pk.isdigit():
            return bad_request(request, message="请选择要审核的意见。")
        comment = get_object_or_404(
            ConsultationComment.objects.filter(user_page_filter(request.user, "page__")), pk=pk
        )
        decision = request.POST.get("decision")
        if decision in (CommentStatus.APPROVED, CommentStatus.REJECTED):
            comment.status = decision
            comment.moderation_note = request.POST.get("note", "")[:200]
            comment.save()
            from wagtail.log_actions import log

            log(
                instance=comment,
                action="participation.comment_moderate",
                user=request.user,
                data={"status": decision},
            )
            messages.success(request, "已审核。")
        return redirect(request.get_full_path())
    qs = ConsultationComment.objects.filter(
        user_page_filter(request.user, "page__")
    ).select_related("page")
    status = request.GET.get("status", CommentStatus.PENDING)
    if status in CommentStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "participation/admin/comment_list.html",
        {
            "page_title": "征集意见审核",
            "header_title": "征集意见审核",
            "page": page,
            "status": status,
            "status_filters": [("all", "全部")] + list(CommentStatus.choices),
            "mask_name": mask_name,
        },
    )
