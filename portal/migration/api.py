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
from wagtail.api.v2.utils import BadRequestError
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


#: parameters whose value must be a whole number (Wagtail parses them without checking)
INTEGER_PARAMETERS = ("id",)
STATUS_LABELS = {400: "请求参数有误", 404: "未找到"}


class ChineseErrorsMixin:
    """Malformed parameters answer 400 and missing objects 404, with a Chinese message
    (Wagtail's own English one kept after it for developers), never 500."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in ("and", "or"):
            raise BadRequestError("search_operator 只能是 and 或 or")
        for name in INTEGER_PARAMETERS:
            value = request.GET.get(name)
            if value is not None and value != "" and not value.isdigit():
                raise BadRequestError(f"参数 {name} 应为正整数")

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        label = STATUS_LABELS.get(response.status_code)
        if label and isinstance(getattr(response, "data", None), dict):
            detail = str(response.data.get("message") or response.data.get("detail") or "")
            if detail and not detail.startswith(label):
                response.data = {"message": f"{label}：{detail}"}
            elif not detail:
                response.data = {"message": label}
        return response


class SiteMediaMixin:
    """Images and documents of the requested site (站群): another site's media (in or
    below its collection) are neither listed nor found by id; the site's own and the
    platform's shared library are."""

    def get_queryset(self):
        from wagtail.models import Site

        from portal.core.sites import foreign_collections_filter

        site = Site.find_for_request(self.request)
        return super().get_queryset().exclude(foreign_collections_filter(site))


class PublicImagesAPIViewSet(ChineseErrorsMixin, SiteMediaMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(ChineseErrorsMixin, SiteMediaMixin, DocumentsAPIViewSet):
    pass


class PublicPagesAPIViewSet(ChineseErrorsMixin, PagesAPIViewSet):
    """Pages of the requested site (站群): Wagtail's viewset lists and finds only the pages
    below the root of ``Site.find_for_request`` (or of the site named by ``?site=HOST``, a
    public page of the platform either way) and its translations; a search uses the
    platform's synonyms plus that site's own."""

    def listing_view(self, request):
        from search.synonyms import for_sites

        with for_sites([self._site(request)]):
            return super().listing_view(request)

    def _site(self, request):
        from wagtail.models import Site

        return Site.find_for_request(request)

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        names = {f.name for f in fields}
        return fields + [f for f in content_api_fields(model) if f.name not in names]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
