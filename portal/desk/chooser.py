"""Linking an interpretation to its policy documents by searching title and 文号.

``PolicyChooser`` replaces the list of every policy document (a checkbox per document) on
InterpretationPage's ``policies`` field: it shows only the documents already linked, with a
search box that asks ``policy_search`` (title or 文号, e.g. "榕府办发〔2026〕3号") and adds the
chosen one. Without JavaScript the linked documents stay as they are."""

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from wagtail.admin.auth import user_has_any_page_permission

MAX_RESULTS = 20


def policy_model():
    return apps.get_model("disclosure_catalog", "PolicyDocumentPage")


def search_policies(query, user=None, limit=MAX_RESULTS):
    """Policy documents whose title or 文号 contains ``query`` (newest first): the published
    ones, and the drafts ``user`` may edit (another unit's unpublished document is not
    shown to them)."""
    query = (query or "").strip()
    if not query:
        return []
    found = policy_model().objects.filter(
        Q(title__icontains=query) | Q(document_number__icontains=query)
    )
    if user is not None:
        from wagtail.permission_policies.pages import PagePermissionPolicy

        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        found = found.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
    return list(found.order_by("-first_published_at", "-pk")[:limit])


def label(policy):
    number = f"（{policy.document_number}）" if policy.document_number else ""
    state = "" if policy.live else " [未发布]"
    return f"{policy.title}{number}{state}"


def policy_search(request):
    """JSON for the chooser: ``?q=`` title or 文号."""
    if not user_has_any_page_permission(request.user):
        raise PermissionDenied
    found = search_policies(request.GET.get("q"), user=request.user)
    results = [{"id": p.pk, "label": label(p)} for p in found]
    return JsonResponse({"results": results})


class PolicyChooser(forms.Widget):
    template_name = "desk/widgets/policy_chooser.html"
    allow_multiple_selected = True

    class Media:
        js = ["desk/policy_chooser.js"]

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty selection is a real answer

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value if v not in ("", None)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [int(v) for v in context["widget"]["value"] if str(v).isdigit()]
        chosen = policy_model().objects.filter(pk__in=ids).order_by("pk")
        context["widget"]["chosen"] = [(p.pk, label(p)) for p in chosen]
        context["widget"]["search_url"] = reverse("desk_policy_search")
        return context
