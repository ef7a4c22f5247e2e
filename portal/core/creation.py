"""Creating a page once per form submission.

The create form carries a random token (static/js/admin/page-creation.js adds it). The first
request with a token claims it (a unique row, ``PageCreation``) and runs Wagtail's create view;
its ``after_create_page`` hook records the page. A second request with the same token — the
autosave and a click on 保存草稿 racing, a double submission — is handed to the edit view of
that page instead, so it saves a revision rather than a second page. A claim whose request
created nothing (the form was invalid) is released, so the corrected form can create.
"""

import re
import time

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse

from .models import PageCreation

TOKEN_FIELD = "portal_creation_token"
TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
#: how long a second submission waits for the first to finish creating the page
WAIT_SECONDS = 10
_RUNNING = "_portal_creating_page"


def token_of(request):
    token = request.POST.get(TOKEN_FIELD, "")
    return token if TOKEN_RE.match(token) else None


def create_once(request):
    """The ``before_create_page`` hook: None lets Wagtail's create view go on."""
    if request.method != "POST" or getattr(request, _RUNNING, False):
        return None
    token = token_of(request)
    if token is None:
        return None
    try:
        with transaction.atomic():
            PageCreation.objects.create(token=token, user=request.user)
    except IntegrityError:
        return _already_submitted(request, token)
    return _create(request, token)


def record(request, page):
    """The ``after_create_page`` hook."""
    token = token_of(request)
    if token is not None:
        PageCreation.objects.filter(token=token, user=request.user).update(page=page)


def _create(request, token):
    from wagtail.admin.views.pages.create import CreateView

    setattr(request, _RUNNING, True)
    try:
        return CreateView.as_view()(request, **request.resolver_match.kwargs)
    finally:
        PageCreation.objects.filter(token=token, page__isnull=True).delete()


def _already_submitted(request, token):
    from wagtail.admin.views.pages.edit import EditView

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        claim = PageCreation.objects.filter(token=token).first()
        if claim is None:  # the first submission created nothing: this one may
            return create_once(request)
        if claim.user_id != request.user.pk:
            return None  # not this user's token: an ordinary creation
        if claim.page_id is not None:
            setattr(request, _RUNNING, True)
            return EditView.as_view()(request, page_id=claim.page_id)
        if time.monotonic() > deadline:
            return _busy(request)
        time.sleep(0.2)


def _busy(request):
    message = "该页面正在保存，请稍候刷新页面后再继续编辑。"
    if not request.accepts("text/html"):
        return JsonResponse(
            {"success": False, "error_code": "creation_pending", "error_message": message},
            status=409,
        )
    return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")
