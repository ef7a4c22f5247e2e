"""从 Word 导入正文: reading an uploaded file, storing its images and saving the body.

The upload goes through the same content checks as every document (review's
``filetypes.check_upload``: magic bytes against the extension, zip "bombs"), then python-docx
reads it. Images become Wagtail images in the collection of the page's unit (素材库), the
original file optionally a document attached at the end of the body. Everything is saved as a
new draft revision — the page then goes through review like any edit (先审后发). A file that
cannot be read saves nothing.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection

from portal.core.forms import generated_slug
from portal.core.models import PageCreation
from portal.review.filetypes import ZIP_MAGIC, check_upload, extension_of

from .convert import block, convert

#: the largest Word file accepted (an ordinary 公文 with photos is a few MB)
MAX_BYTES = 30 * 1024 * 1024
ACCEPTED_EXTENSIONS = ("docx", "wps")
#: image formats a browser shows; Word's EMF/WMF drawings are left out with a note
WEB_IMAGE_EXTENSIONS = ("png", "jpg", "jpeg")

NOT_WORD = "只能导入 Word 文档（.docx）或 WPS 文字保存的 .docx 格式文件"
OLD_FORMAT = (
    "暂不能读取 WPS 文字（.wps）或 Word 97-2003（.doc）格式。"
    "请在 WPS 或 Word 中打开文件，选择“另存为”，保存类型选“Word 文档（*.docx）”，再导入"
)
UNREADABLE = "文件已损坏或不是有效的 Word 文档，无法读取，请检查后重新上传"
NO_CONTENT = "文件中没有可导入的正文（文字、表格或图片）"


class WordImportError(Exception):
    """A Chinese message for the editor; nothing was saved."""


@dataclass
class ImportResult:
    revision: object
    conversion: object
    attachment: object = None


def read_document(name, data):
    """The ``docx.Document`` of an uploaded file, or WordImportError."""
    import docx

    ext = extension_of(name)
    if ext == "doc":
        raise WordImportError(OLD_FORMAT)
    if ext not in ACCEPTED_EXTENSIONS:
        raise WordImportError(NOT_WORD)
    if len(data) > MAX_BYTES:
        raise WordImportError(
            f"文件过大（{len(data) / 1024 / 1024:.1f} MB），最大 {MAX_BYTES // 1024 // 1024} MB"
        )
    error = check_upload(name, data)
    if error:
        raise WordImportError(error)
    if not data.startswith(ZIP_MAGIC):  # an OLE2 .wps: no maintained reader
        raise WordImportError(OLD_FORMAT)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad XML
        raise WordImportError(UNREADABLE) from exc


def unit_collection(page):
    """The 素材库 of the page's unit (for a column: its own unit), else the root collection."""
    page = page.specific
    unit = page.get_owner_unit() if hasattr(page, "get_owner_unit") else None
    if unit is not None and unit.collection_id:
        collection = Collection.objects.filter(pk=unit.collection_id).first()
        if collection is not None:
            return collection
    return Collection.get_first_root_node()


class _ImageStore:
    """``store_image`` for :func:`convert`: checked, then saved in the unit's collection."""

    def __init__(self, collection, user, title):
        self.collection = collection
        self.user = user
        self.title = title
        self.created = []

    def __call__(self, word_image):
        ext = extension_of(word_image.filename)
        if ext not in WEB_IMAGE_EXTENSIONS:
            return None
        if check_upload(word_image.filename, word_image.data):
            return None
        try:
            with PILImage.open(io.BytesIO(word_image.data)) as opened:
                width, height = opened.size
        except Exception:  # noqa: BLE001 - not an image Pillow reads (or a "bomb")
            return None
        if width * height > getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000):
            return None
        number = len(self.created) + 1
        image = get_image_model()(
            title=f"{self.title}（图{number}）"[:255],
            collection=self.collection,
            uploaded_by_user=self.user,
            file=ImageFile(io.BytesIO(word_image.data), name=f"word-{number}.{ext}"),
        )
        image.save()
        self.created.append(image)
        return image.pk

    def discard(self):
        """Delete the stored files (the rows go with the rolled-back transaction)."""
        for stored in self.created:
            stored.file.delete(save=False)


def build_body(document, name, data, user, collection, title, attach_original=False):
    """(blocks, conversion, attachment, image store): the body's StreamField data, with the
    images (and the original, if wanted) stored in ``collection``. Call inside a transaction
    and ``store.discard()`` on failure."""
    store = _ImageStore(collection, user, title)
    conversion = convert(document, store)
    blocks = list(conversion.blocks)
    if not blocks:
        raise WordImportError(NO_CONTENT)
    attachment = None
    if attach_original:
        attachment = get_document_model()(
            title=name.rsplit(".", 1)[0][:255] or "原文",
            collection=collection,
            uploaded_by_user=user,
            file=ContentFile(data, name=name),
        )
        attachment.save()
        store.created.append(attachment)
        blocks.append(block("attachment", {"document": attachment.pk, "title": ""}))
    return blocks, conversion, attachment, store


def import_into_page(page, name, data, user, attach_original=False, replace=True):
    """Save the Word file's body as a new draft revision of ``page``; returns ImportResult.
    ``replace`` False appends the imported blocks to the current body."""
    document = read_document(name, data)
    draft = page.get_latest_revision_as_object()
    body_field = draft.body_field
    if not body_field:
        raise WordImportError("该类型的页面没有正文，不能从 Word 导入")
    store = None
    try:
        with transaction.atomic():
            blocks, conversion, attachment, store = build_body(
                document,
                name,
                data,
                user,
                unit_collection(page),
                draft.title or name.rsplit(".", 1)[0],
                attach_original,
            )
            if not replace:
                blocks = list(getattr(draft, body_field).raw_data) + blocks
            setattr(draft, body_field, blocks)
            revision = draft.save_revision(user=user, log_action=True)
    except Exception:
        if store is not None:
            store.discard()
        raise
    return ImportResult(revision=revision, conversion=conversion, attachment=attachment)


# --- a new draft from a Word file ---------------------------------------------------------
NEEDS_MORE = (
    "该类型的页面还需要填写其他必填信息，不能直接从 Word 新建。"
    "请先新建页面、填写并保存草稿，再在编辑页的“从 Word 导入正文”中导入"
)


def body_page_types(parent, user):
    """The page types ``user`` may create under ``parent`` that have a body (StreamField)."""
    parent = parent.specific
    if not parent.permissions_for_user(user).can_add_subpage():
        return []
    return [
        model
        for model in parent.creatable_subpage_models()
        if getattr(model, "body_field", None) and model.can_create_at(parent)
    ]


def create_from_word(parent, model, title, name, data, user, attach_original=False, token=""):
    """A new draft ``model`` page under ``parent`` whose body is the Word file's; returns
    (page, ImportResult). One page per form submission: a ``token`` already used by this
    user returns that page and None (a double click, a resubmitted form)."""
    if token:
        done = PageCreation.objects.filter(token=token, user=user, page__isnull=False).first()
        if done is not None:
            return done.page.specific, None
    if model not in body_page_types(parent, user):
        raise WordImportError("您不能在该栏目中新建这种类型的页面")
    document = read_document(name, data)
    title = (title or _document_title(document) or name.rsplit(".", 1)[0])[:255]
    store = None
    try:
        with transaction.atomic():
            claim = PageCreation.objects.create(token=token, user=user) if token else None
            blocks, conversion, attachment, store = build_body(
                document, name, data, user, unit_collection(parent), title, attach_original
            )
            page = model(title=title, owner=user, live=False, has_unpublished_changes=True)
            page.slug = generated_slug(parent)
            setattr(page, model.body_field, blocks)
            try:
                parent.add_child(instance=page)
            except ValidationError as exc:
                raise WordImportError(NEEDS_MORE) from exc
            log(instance=page, action="wagtail.create", user=user)
            revision = page.save_revision(user=user, log_action=False)
            if claim is not None:
                PageCreation.objects.filter(pk=claim.pk).update(page=page)
    except IntegrityError:
        if store is not None:
            store.discard()
        # the same submission arrived twice and the other one created the page
        done = PageCreation.objects.filter(token=token, user=user, page__isnull=False).first()
        if done is None:
            raise
        return done.page.specific, None
    except Exception:
        if store is not None:
            store.discard()
        raise
    return page, ImportResult(revision=revision, conversion=conversion, attachment=attachment)


def _document_title(document):
    """The text of the first paragraph in the 标题 (Title) style, or ""."""
    from .convert import clean_text, heading_level

    titles = {}  # style id → whether it is the Title style (style lookups are slow)
    for paragraph in document.paragraphs:
        style_id = paragraph._p.style
        if style_id not in titles:
            titles[style_id] = heading_level(paragraph) == 0
        if titles[style_id] and clean_text(paragraph.text):
            return clean_text(paragraph.text)
    return ""
