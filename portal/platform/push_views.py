"""信息推送 in the admin: the push form of an item and the receiving site's inbox."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from portal.core.sites import site_of_page

from . import push as service
from .models import PushRequest


class PushForm(forms.Form):
    column = forms.ChoiceField(
        label="接收栏目",
        error_messages={"required": "请选择接收栏目", "invalid_choice": "请选择有效的栏目"},
    )
    note = forms.CharField(label="推送说明（选填）", max_length=200, required=False)

    def __init__(self, *args, columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {str(c.pk): c for c in columns}
        self.fields["column"].choices = [("", "请选择")] + [
            (str(c.pk), f"{site_of_page(c).site_name} / {c.title}") for c in columns
        ]


def push_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not service.may_push(request.user, page):
        raise PermissionDenied
    columns = service.receiving_columns(page)
    form = PushForm(request.POST or None, columns=columns)
    if request.method == "POST" and form.is_valid():
        column = form.columns[form.cleaned_data["column"]]
        try:
            service.push(request.user, page, column, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, "；".join(error.messages))
        else:
            messages.success(request, f"已推送到“{column.title}”，待对方站点终审采用。")
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "platform_desk/push.html",
        {
            "page_title": "推送到其他站点",
            "header_title": "推送到其他站点",
            "page": page,
            "form": form,
            "columns": columns,
            "pushed": PushRequest.objects.filter(source=page).select_related("column"),
        },
    )


def inbox_view(request):
    if not service.has_permission(request.user, service.ACCEPT_PUSH):
        raise PermissionDenied
    if request.method == "POST":
        push_request = get_object_or_404(
            service.inbox(request.user), pk=request.POST.get("request") or 0
        )
        accept = request.POST.get("decision") == "accept"
        try:
            service.decide(request.user, push_request, accept)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, "已采用，转载页面已发布。" if accept else "已标记为未采用。")
        return redirect("platform_desk:push_inbox")
    return TemplateResponse(
        request,
        "platform_desk/push_inbox.html",
        {
            "page_title": "推送待审",
            "header_title": "其他站点推送的信息",
            "requests": service.inbox(request.user),
        },
    )
