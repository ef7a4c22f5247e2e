"""Public views: the 依申请公开 form and status page, 留言咨询, and the consultation comment form.

Personal data never leaves these views unmasked, and the views that receive it are marked
``sensitive_post_parameters`` so that error reports do not carry it either.
"""

import logging

from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from . import services
from .forms import ApplicationForm, CommentForm, CorrectionForm, MessageForm, StatusLookupForm
from .models import (
    ApplicationStatus,
    CommentStatus,
    DisclosureApplication,
    Message,
    MessageStatus,
)
from .protection import DEFAULT_RATE_LIMITS, rate_limit_exceeded, too_many_requests
from .workdays import WorkCalendar

logger = logging.getLogger("portal.participation")

SENSITIVE = ("id_number", "phone", "email", "address", "name", "query_code")
SESSION_KEY = "participation_applications"
MESSAGES_PER_PAGE = 20


def _limited(request, scope):
    if rate_limit_exceeded(request, scope):
        logger.warning("participation rate limit reached (%s)", scope)
        return too_many_requests(request, DEFAULT_RATE_LIMITS[scope][1])
    return None


# --- 依申请公开 -----------------------------------------------------------------------------
@never_cache
@csrf_protect
@sensitive_post_parameters(*SENSITIVE)
@sensitive_variables("form")
def apply(request):
    if request.method == "POST":
        limited = _limited(request, "apply")
        if limited:
            return limited
        form = ApplicationForm(request.POST)
        if form.is_valid():
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in ("form_token", "website")
            }
            try:
                application, code = services.submit_application(
                    data, form.nonce, site=_site(request)
                )
            except IntegrityError:
                form.add_error(None, "该表单已经提交过，请勿重复提交。")
            else:
                _remember(request, application)
                return render(
                    request,
                    "participation/apply_done.html",
                    {"application": application, "query_code": code},
                )
        form.refresh_token()
    else:
        form = ApplicationForm()
    return render(request, "participation/apply.html", {"form": form})


def _remember(request, application):
    known = request.session.get(SESSION_KEY, [])
    if application.pk not in known:
        request.session[SESSION_KEY] = [*known[-19:], application.pk]


def _known(request, application):
    return application.pk in request.session.get(SESSION_KEY, [])


@never_cache
@csrf_protect
@sensitive_post_parameters("query_code")
def status_lookup(request):
    form = StatusLookupForm(request.POST or None)
    if request.method == "POST":
        limited = _limited(request, "lookup")
        if limited:
            return limited
        if form.is_valid():
            application = (
                DisclosureApplication.objects.for_site(_site(request))
                .filter(tracking_number=form.cleaned_data["tracking_number"])
                .first()
            )
            if application and application.check_query_code(form.cleaned_data["query_code"]):
                _remember(request, application)
                return redirect("participation:status", application.tracking_number)
            form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
    return render(request, "participation/status_lookup.html", {"form": form})


@never_cache
@csrf_protect
def status(request, tracking_number):
    application = (
        DisclosureApplication.objects.for_site(_site(request))
        .filter(tracking_number=tracking_number)
        .first()
    )
    # unknown and not-yet-looked-up numbers answer alike: no way to probe for numbers
    if application is None or not _known(request, application):
        return redirect("participation:status_lookup")
    correction_form = None
    if application.status == ApplicationStatus.CORRECTION:
        correction_form = CorrectionForm(request.POST or None)
        if request.method == "POST":
            limited = _limited(request, "correct")
            if limited:
                return limited
            if correction_form.is_valid():
                try:
                    services.submit_correction(
                        application, correction_form.cleaned_data["correction_text"]
                    )
                except services.TransitionError as error:
                    correction_form.add_error(None, str(error))
                else:
                    return redirect("participation:status", application.tracking_number)
    cal = WorkCalendar()
    return render(
        request,
        "participation/status.html",
        {
            "application": application,
            "events": application.events.filter(public=True),
            "deadline": application.deadline(cal),
            "deadline_provisional": application.deadline_is_provisional(cal),
            "correction_due_provisional": cal.is_provisional(
                application.correction_requested_on, application.correction_due
            ),
            "correction_form": correction_form,
        },
    )


# --- 留言咨询 -------------------------------------------------------------------------------
def _site(request):
    """The site the visitor is on: what they submit belongs to it, what they see is its."""
    from wagtail.models import Site

    return Site.find_for_request(request)


def public_messages(site=None):
    qs = Message.objects.filter(status=MessageStatus.ANSWERED, is_public=True)
    return qs.for_site(site) if site is not None else qs


def message_list(request):
    paginator = Paginator(
        public_messages(_site(request)).order_by("-replied_at", "-pk"), MESSAGES_PER_PAGE
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "participation/message_list.html", {"messages_page": page, "paginator": paginator}
    )


def message_detail(request, tracking_number):
    message = get_object_or_404(public_messages(_site(request)), tracking_number=tracking_number)
    return render(request, "participation/message_detail.html", {"message": message})


@never_cache
@csrf_protect
@sensitive_post_parameters(*SENSITIVE)
@sensitive_variables("form")
def message_new(request):
    if request.method == "POST":
        limited = _limited(request, "message")
        if limited:
            return limited
        form = MessageForm(request.POST)
        if form.is_valid():
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in ("form_token", "website")
            }
            try:
                message = services.submit_message(data, form.nonce, site=_site(request))
            except IntegrityError:
                form.add_error(None, "该表单已经提交过，请勿重复提交。")
            else:
                return render(request, "participation/message_done.html", {"message": message})
        form.refresh_token()
    else:
        form = MessageForm()
    return render(request, "participation/message_new.html", {"form": form})


# --- 意见征集 -------------------------------------------------------------------------------
@sensitive_variables("form")
def consultation_serve(page, request, *args, **kwargs):
    """ConsultationPage.serve: the page, and its comment form while the period is open."""
    form = None
    submitted = False
    status_code = 200
    if page.is_open():
        if request.method == "POST":
            limited = _limited(request, "comment")
            if limited:
                return limited
            form = CommentForm(request.POST)
            if form.is_valid():
                data = {
                    k: v for k, v in form.cleaned_data.items() if k not in ("form_token", "website")
                }
                try:
                    services_comment(page, data, form.nonce)
                except IntegrityError:
                    form.add_error(None, "该表单已经提交过，请勿重复提交。")
                else:
                    submitted = True
                    form = CommentForm()
            if not submitted:
                form.refresh_token()
                status_code = 400
        else:
            form = CommentForm()
    elif request.method == "POST":
        status_code = 403
    context = page.get_context(request, *args, **kwargs)
    context.update(
        {
            "comment_form": form,
            "comment_submitted": submitted,
            "comment_counts": page.comment_counts(),
            "approved_comments": (
                page.comments.filter(status=CommentStatus.APPROVED)[:50] if page.pk else []
            ),
            "period_closed": page.has_closed(),
            "not_started": not page.is_open() and not page.has_closed(),
        }
    )
    return TemplateResponse(
        request, page.get_template(request, *args, **kwargs), context, status=status_code
    )


def services_comment(page, data, nonce):
    from django.db import transaction

    from .models import ConsultationComment

    with transaction.atomic():
        comment = ConsultationComment.objects.create(page=page, form_token=nonce, **data)
    logger.info("consultation comment %s received for page %s", comment.pk, page.pk)
    return comment
