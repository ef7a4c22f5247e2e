"""The read-only Wagtail API v2 at /api/v2/ (pages, images, documents) for 聚通用 sync.

Only live, public content: Wagtail's own viewsets already leave out drafts, pages behind
view restrictions and media in restricted collections. The pages endpoint also offers each
page type's content fields, found generically from the model (a new page type needs no
code), without anything personal: no owner, no editor, no user of any kind, no locks, and
nothing of the participation app's letters or comments (only pages' own fields are offered,
and fields that point at users are never among them).
"""

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from .codec import field_plan

#: Page fields never offered (structural, editorial or personal)
HIDDEN_FIELDS = {
    "alias_of",
    "go_live_at",
    "expire_at",
    "expired",
    "title",
    "seo_title",
    "search_description",
    "show_in_menus",
}


class UnitField(serializers.Field):
    """A unit as its public name and 统一社会信用代码."""

    def to_representation(self, unit):
        return {"name": unit.name, "code": unit.code} if unit is not None else None


def content_api_fields(model):
    """APIFields for the content fields of a page type (not those of Page itself)."""
    if model is Page or not issubclass(model, Page):
        return []
    fields = []
    private = set(getattr(model, "api_private_fields", ()))
    for spec in field_plan(model):
        if spec.name in HIDDEN_FIELDS or spec.name in private:
            continue
        if spec.kind in ("child", "tags"):
            continue
        if spec.kind == "fk":
            label = spec.related._meta.label_lower
            if label == "units.unit":
                fields.append(APIField(spec.name, serializer=UnitField()))
            elif issubclass(spec.related, Page) or label in (
                "wagtailimages.image",
                "wagtaildocs.document",
            ):
                fields.append(APIField(spec.name))
            continue  # other relations (groups, sites …) are not content
        fields.append(APIField(spec.name))
    return fields


class PublicPagesAPIViewSet(PagesAPIViewSet):
    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        names = {f.name for f in fields}
        return fields + [f for f in content_api_fields(model) if f.name not in names]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
