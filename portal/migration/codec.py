"""Generic encoding of model instances into bundle records, and back.

Nothing here knows a page type: fields are read from the model's ``_meta``, so a new page
type, snippet or setting is exported and imported without code. References between objects
never travel as database ids; they are written as stable *refs* (strings):

    page:<translation_key>:<locale>      a page (same key in every database)
    image:<id> / document:<id>            an image or document of the bundle (source id)
    collection:<id>                       a collection of the bundle (source id)
    unit:<统一社会信用代码>                 a unit
    group:<name>                          a user group
    site:<hostname>:<port>                a site
    tag:<name>                            a taggit tag
    <app_label>.<model>:<key>             any other model (snippets): translation key or id

User accounts are personal data and are never written: fields pointing at a user
(``owner``, ``uploaded_by_user`` …) are left out of the bundle.

The same encoder runs on the importing side to compare an existing object with a bundle
record (encode before, apply the record, encode after): equal encodings mean "unchanged".
"""

import copy
import datetime
import decimal
import re
import uuid

from django.conf import settings
from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

try:  # optional dependencies of the models, always installed with Wagtail
    from taggit.managers import TaggableManager
except ImportError:  # pragma: no cover
    TaggableManager = ()

from modelcluster.fields import ParentalKey

#: Page fields that describe the tree or the publication state; they travel in the page
#: record's own keys (parent, slug, live, times …), or not at all (owner, locks: personal
#: or transient).
PAGE_STRUCTURAL_FIELDS = {
    "id",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "latest_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "draft_title",
    "content_type",
    "url_path",
    "owner",
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision_created_at",
    "slug",
}
#: child relations that are never exported (editorial comments name their authors)
EXCLUDED_CHILD_RELATIONS = {"wagtail_admin_comments", "comments"}
#: apps whose records are never exported: citizens' letters, comments and their personal
#: data (身份证号、手机号不得出现在导出文件中)
EXCLUDED_APPS = {"participation"}

RICH_TEXT_TAG = re.compile(r"<(a|embed)\b[^>]*>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')


class ReferenceError_(Exception):
    """A ref that cannot be resolved in the target database."""

    def __init__(self, ref, message=None):
        self.ref = ref
        super().__init__(message or f"引用的对象 {ref} 不存在")


def model_label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def is_user_model(model):
    return model_label(model) == settings.AUTH_USER_MODEL.lower() or (
        model._meta.app_label == "auth" and model._meta.model_name == "user"
    )


# --- field plans -------------------------------------------------------------------------------
class FieldSpec:
    __slots__ = ("name", "kind", "field", "related")

    def __init__(self, name, kind, field, related=None):
        self.name, self.kind, self.field, self.related = name, kind, field, related

    @property
    def refers_to_pages(self):
        return (
            self.kind in ("fk", "m2m")
            and self.related is not None
            and issubclass(self.related, Page)
        )


_PLANS = {}


def field_plan(model, exclude=()):
    """The fields of ``model`` that a bundle carries, as FieldSpecs (cached)."""
    key = (model, tuple(sorted(exclude)))
    if key in _PLANS:
        return _PLANS[key]
    exclude = set(exclude)
    if issubclass(model, Page):
        exclude |= PAGE_STRUCTURAL_FIELDS
    specs = []
    for f in model._meta.concrete_fields:
        if f.name in exclude or f.primary_key:
            continue
        if isinstance(f, models.OneToOneField) and f.remote_field.parent_link:
            continue
        if isinstance(f, models.FileField):
            continue  # files travel as files (images, documents)
        if isinstance(f, models.ForeignKey):
            related = f.related_model
            if is_user_model(related) or isinstance(f, ParentalKey):
                continue
            specs.append(FieldSpec(f.name, "fk", f, related))
        elif isinstance(f, StreamField):
            specs.append(FieldSpec(f.name, "stream", f))
        elif isinstance(f, RichTextField):
            specs.append(FieldSpec(f.name, "richtext", f))
        elif isinstance(f, models.DateTimeField):
            specs.append(FieldSpec(f.name, "datetime", f))
        elif isinstance(f, (models.DateField, models.TimeField)):
            specs.append(FieldSpec(f.name, "date", f))
        elif isinstance(f, models.JSONField):
            specs.append(FieldSpec(f.name, "json", f))
        else:
            specs.append(FieldSpec(f.name, "scalar", f))
    for f in model._meta.many_to_many:
        if f.name in exclude:
            continue
        if TaggableManager and isinstance(f, TaggableManager):
            specs.append(FieldSpec(f.name, "tags", f))
        elif not is_user_model(f.related_model):
            specs.append(FieldSpec(f.name, "m2m", f, f.related_model))
    if hasattr(model, "_meta"):
        for rel in model._meta.get_fields():
            if isinstance(getattr(rel, "remote_field", None), ParentalKey) and rel.auto_created:
                name = rel.get_accessor_name()
                if (
                    name in exclude
                    or name in EXCLUDED_CHILD_RELATIONS
                    or rel.related_model._meta.app_label in EXCLUDED_APPS
                ):
                    continue
                if TaggableManager and any(
                    isinstance(s.field, TaggableManager) and s.field.through is rel.related_model
                    for s in specs
                    if s.kind == "tags"
                ):
                    continue  # tags are written by their manager
                specs.append(FieldSpec(name, "child", rel, rel.related_model))
    _PLANS[key] = specs
    return specs


# --- the encoder -------------------------------------------------------------------------------
class Encoder:
    """Turns field values into JSON, with refs instead of ids."""

    def __init__(self):
        self._page_keys = {}
        self._locales = {}
        self._existing = {}
        self._refs = {}

    def exists(self, kind, pk):
        """Whether an image or document id exists (StreamField JSON has no foreign keys, so
        a deleted object may still be mentioned there; such mentions are dropped)."""
        if kind not in self._existing:
            model = _image_model() if kind == "image" else _document_model()
            self._existing[kind] = set(model.objects.values_list("pk", flat=True))
        return pk in self._existing[kind]

    def forget_existing(self):
        self._existing = {}

    # refs ----------------------------------------------------------------------------------
    def page_key(self, pk):
        if pk is None:
            return None
        key = self._page_keys.get(pk)
        if key is None:
            row = (
                Page.objects.filter(pk=pk)
                .values_list("translation_key", "locale__language_code")
                .first()
            )
            if row is None:
                return None
            key = self._page_keys[pk] = f"page:{row[0]}:{row[1]}"
        return key

    def preload_page_keys(self):
        for pk, tk, code in Page.objects.values_list(
            "pk", "translation_key", "locale__language_code"
        ).iterator():
            self._page_keys[pk] = f"page:{tk}:{code}"

    def forget_page(self, pk):
        self._page_keys.pop(pk, None)

    def ref(self, model, pk):
        if pk is None:
            return None
        if issubclass(model, Page):
            return self.page_key(pk)
        label = model_label(model)
        if label == "wagtailimages.image" or _is_image_model(model):
            return f"image:{pk}"
        if _is_document_model(model):
            return f"document:{pk}"
        if label == "wagtailcore.collection":
            return f"collection:{pk}"
        if label in ("units.unit", "auth.group", "wagtailcore.site"):
            cached = self._refs.get((label, pk))
            if cached is None:
                cached = self._refs[(label, pk)] = self._natural_ref(label, model, pk)
            return cached
        if label == "wagtailcore.locale":
            code = self._locales.get(pk)
            if code is None:
                code = self._locales[pk] = (
                    model.objects.filter(pk=pk).values_list("language_code", flat=True).first()
                )
            return f"locale:{code}"
        if label == "taggit.tag":
            name = model.objects.filter(pk=pk).values_list("name", flat=True).first()
            return f"tag:{name}"
        if hasattr(model, "translation_key") and hasattr(model, "locale"):
            row = (
                model.objects.filter(pk=pk)
                .values_list("translation_key", "locale__language_code")
                .first()
            )
            if row:
                return f"{label}:{row[0]}:{row[1]}"
        return f"{label}:{pk}"

    def _natural_ref(self, label, model, pk):
        if label == "units.unit":
            code = model.objects.filter(pk=pk).values_list("code", flat=True).first()
            return f"unit:{code}" if code else None
        if label == "auth.group":
            name = model.objects.filter(pk=pk).values_list("name", flat=True).first()
            return f"group:{name}" if name else None
        row = model.objects.filter(pk=pk).values_list("hostname", "port").first()
        return f"site:{row[0]}:{row[1]}" if row else None

    def forget_refs(self):
        self._refs = {}

    # values --------------------------------------------------------------------------------
    def encode_fields(self, obj, specs):
        out = {}
        for spec in specs:
            out[spec.name] = self.encode_value(obj, spec)
        return out

    def encode_value(self, obj, spec):
        kind, f = spec.kind, spec.field
        if kind == "fk":
            return self.ref(spec.related, getattr(obj, f.attname))
        if kind == "stream":
            value = getattr(obj, f.name)
            raw = f.get_prep_value(value) if value is not None else []
            raw = copy.deepcopy(raw)
            return walk_stream(f.stream_block, raw, self._encode_ref_in_stream)
        if kind == "richtext":
            return rewrite_rich_text(getattr(obj, f.name) or "", self._encode_rich_text_ref)
        if kind == "datetime":
            return encode_datetime(getattr(obj, f.attname))
        if kind == "date":
            value = getattr(obj, f.attname)
            return value.isoformat() if value is not None else None
        if kind == "json":
            return getattr(obj, f.attname)
        if kind == "m2m":
            manager = getattr(obj, f.name)
            pks = [o.pk for o in manager.all()]
            return sorted(r for r in (self.ref(spec.related, pk) for pk in pks) if r)
        if kind == "tags":
            pending = getattr(obj, "_portal_pending_tags", {})
            if f.name in pending:
                return sorted(pending[f.name])
            if obj.pk is None and not _is_cluster_tag_manager(f):
                return []
            return sorted(t.name for t in getattr(obj, f.name).all())
        if kind == "child":
            child_model = spec.related
            child_specs = field_plan(child_model)
            items = list(getattr(obj, spec.name).all())
            return [self.encode_fields(item, child_specs) for item in items]
        value = getattr(obj, f.attname)
        return encode_scalar(value)

    def _encode_ref_in_stream(self, kind, model, value):
        if kind == "richtext":
            return rewrite_rich_text(value or "", self._encode_rich_text_ref)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            pk = int(value)
            if _is_image_model(model) and not self.exists("image", pk):
                return None
            if _is_document_model(model) and not self.exists("document", pk):
                return None
            return self.ref(model, pk)
        return value

    def _encode_rich_text_ref(self, kind, value):
        if not value or ":" in value:
            return value
        try:
            pk = int(value)
        except ValueError:
            return value
        if kind in ("image", "document") and not self.exists(kind, pk):
            return ""
        model = {"page": Page, "image": _image_model(), "document": _document_model()}[kind]
        return self.ref(model, pk) or ""


def encode_datetime(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.isoformat()


def encode_scalar(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return value
    return str(value)


# --- StreamField and rich text walkers --------------------------------------------------------
def walk_stream(block, raw, fn):
    """Rewrite every reference in raw StreamField JSON with ``fn(kind, model, value)``.

    ``kind`` is "ref" for chooser blocks (``model`` is the target model) and "richtext"
    for rich text blocks. Works on the stored JSON, so block ids and unknown keys survive.
    """
    if raw is None:
        return raw
    if isinstance(block, blocks.BaseStreamBlock):
        if not isinstance(raw, list):
            return raw
        for item in raw:
            if isinstance(item, dict) and "type" in item:
                child = block.child_blocks.get(item["type"])
                if child is not None:
                    item["value"] = walk_stream(child, item.get("value"), fn)
        return raw
    if isinstance(block, blocks.ListBlock):
        if not isinstance(raw, list):
            return raw
        out = []
        for item in raw:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item["value"] = walk_stream(block.child_block, item["value"], fn)
                out.append(item)
            else:
                out.append(walk_stream(block.child_block, item, fn))
        return out
    if isinstance(block, ImageBlock) and not isinstance(raw, dict):
        return fn("ref", resolve_model(block.child_blocks["image"].target_model), raw)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        for name, child in block.child_blocks.items():
            if name in raw:
                raw[name] = walk_stream(child, raw[name], fn)
        return raw
    if isinstance(block, blocks.ChooserBlock):
        if raw is None or raw == "":
            return raw
        return fn("ref", resolve_model(block.target_model), raw)
    if isinstance(block, blocks.RichTextBlock):
        return fn("richtext", None, raw)
    return raw


def rewrite_rich_text(html, fn):
    """Rewrite ids of page links, document links and image embeds with ``fn(kind, id)``."""
    if not html or ("linktype=" not in html and "embedtype=" not in html):
        return html

    def tag(match):
        text = match.group(0)
        attrs = dict(ATTR.findall(text))
        kind = attrs.get("linktype") or attrs.get("embedtype")
        if kind not in ("page", "document", "image") or "id" not in attrs:
            return text
        new_id = fn(kind, attrs["id"])
        if new_id is None or str(new_id) == attrs["id"]:
            return text
        return re.sub(r'\bid="[^"]*"', f'id="{new_id}"', text, count=1)

    return RICH_TEXT_TAG.sub(tag, html)


def resolve_model(model):
    """Chooser blocks may name their model as "app_label.Model"."""
    if isinstance(model, str):
        from django.apps import apps

        return apps.get_model(model)
    return model


# --- models ----------------------------------------------------------------------------------
def _image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def _document_model():
    from wagtail.documents import get_document_model

    return get_document_model()


def _is_image_model(model):
    return issubclass(model, _image_model())


def _is_document_model(model):
    return issubclass(model, _document_model())


# --- the decoder -------------------------------------------------------------------------------
class Decoder:
    """Applies encoded field values to an instance, resolving refs with ``resolve(ref)``.

    ``resolve`` returns the target database id for a ref or raises ReferenceError_.
    """

    def __init__(self, resolve):
        self.resolve = resolve

    def apply_fields(self, obj, specs, values, skip_page_refs=False):
        """Set the fields of ``obj`` from ``values``. Returns the names it left out
        (page references when ``skip_page_refs``). Raises FieldError naming the field."""
        deferred = []
        for spec in specs:
            if spec.name not in values:
                continue
            if skip_page_refs and (
                spec.refers_to_pages or spec.kind in ("stream", "richtext", "child")
            ):
                deferred.append(spec.name)
                continue
            try:
                self.apply_value(obj, spec, values[spec.name])
            except ReferenceError_ as e:
                raise FieldError(spec.name, str(e)) from e
            except (ValueError, TypeError) as e:
                raise FieldError(spec.name, f"值无效（{e}）") from e
            except Exception as e:  # django ValidationError from to_python
                messages = getattr(e, "messages", None)
                if messages:
                    raise FieldError(spec.name, "；".join(messages)) from e
                raise
        return deferred

    def apply_value(self, obj, spec, value):
        kind, f = spec.kind, spec.field
        if kind == "fk":
            setattr(obj, f.attname, self.resolve(value) if value else None)
        elif kind == "stream":
            raw = walk_stream(f.stream_block, copy.deepcopy(value or []), self._decode_in_stream)
            setattr(obj, f.name, raw)
        elif kind == "richtext":
            setattr(obj, f.name, rewrite_rich_text(value or "", self._decode_rich_text))
        elif kind in ("datetime", "date"):
            setattr(obj, f.attname, f.to_python(value) if value is not None else None)
        elif kind == "json":
            setattr(obj, f.attname, value)
        elif kind == "m2m":
            pks = [self.resolve(ref) for ref in (value or [])]
            setattr(obj, f.name, list(spec.related.objects.filter(pk__in=pks)))
        elif kind == "tags":
            obj._portal_pending_tags = getattr(obj, "_portal_pending_tags", {})
            obj._portal_pending_tags[f.name] = list(value or [])
            if _is_cluster_tag_manager(f):
                getattr(obj, f.name).set(list(value or []))
        elif kind == "child":
            child_model = spec.related
            child_specs = field_plan(child_model)
            items = []
            for item_values in value or []:
                child = child_model()
                self.apply_fields(child, child_specs, item_values)
                items.append(child)
            setattr(obj, spec.name, items)
        else:
            if value is None and not f.null:
                value = f.get_default() if f.has_default() else value
            setattr(obj, f.attname, f.to_python(value) if value is not None else None)

    def _decode_in_stream(self, kind, model, value):
        if kind == "richtext":
            return rewrite_rich_text(value or "", self._decode_rich_text)
        if isinstance(value, str) and ":" in value:
            return self.resolve(value)
        return value

    def _decode_rich_text(self, kind, value):
        if value and ":" in value:
            return str(self.resolve(value))
        return value


def _is_cluster_tag_manager(field):
    try:
        from modelcluster.contrib.taggit import ClusterTaggableManager
    except ImportError:  # pragma: no cover
        return False
    return isinstance(field, ClusterTaggableManager)


def save_pending_tags(obj):
    """Plain taggit managers need a saved object: set their tags after save()."""
    pending = getattr(obj, "_portal_pending_tags", None)
    if not pending:
        return
    for name, values in pending.items():
        field = obj._meta.get_field(name)
        if not _is_cluster_tag_manager(field):
            getattr(obj, name).set(values)
    obj._portal_pending_tags = {}


class FieldError(Exception):
    def __init__(self, field, message):
        self.field = field
        self.message = message
        super().__init__(f"字段 {field}：{message}")
