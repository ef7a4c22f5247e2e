"""Documents and images under review (先审后发): the admin's document and image forms.

- A file used by a live page cannot be replaced: the public page would serve the new bytes at
  once, outside the workflow. The user uploads a new document/image and changes the page, which
  then goes through review. Usage comes from Wagtail's ReferenceIndex (the live pages' content).
- A new document is checked by content as in 自动检查 (filetypes.check_upload: magic bytes
  against the extension, zip "bombs"); an image with too many pixels is refused with a Chinese
  message instead of Pillow's DecompressionBombError (HTTP 500).

Wired in by ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

import warnings

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, ReferenceIndex

from .filetypes import check_upload

MAX_LISTED_PAGES = 3


def live_pages_using(obj):
    """Live pages whose content refers to ``obj`` (a document or an image)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(i) for i in ids if str(i).isdigit()], live=True)


def replace_refused_message(kind, pages):
    titles = "、".join(f"《{p.title}》" for p in pages[:MAX_LISTED_PAGES])
    more = f"等{len(pages)}个" if len(pages) > MAX_LISTED_PAGES else ""
    return (
        f"该{kind}正被已发布的页面{titles}{more}使用，不能直接替换文件：替换后公开页面会立即显示新文件，"
        f"未经审核。请上传为新的{kind}，在页面中改用新{kind}后提交审核。"
    )


def refuse_live_replacement(form, kind):
    """Raise when ``form`` replaces the file of an object that a live page uses."""
    new_file = form.cleaned_data.get("file")
    if not form.instance.pk or "file" not in form.changed_data:
        return
    if not isinstance(new_file, UploadedFile):
        return
    pages = list(live_pages_using(form.instance))
    if pages:
        raise ValidationError(replace_refused_message(kind, pages))


def read_upload(uploaded):
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if "file" in self.changed_data and isinstance(uploaded, UploadedFile):
            refuse_live_replacement(self, "文档")
            error = check_upload(uploaded.name, read_upload(uploaded))
            if error:
                raise ValidationError(error + "。")
        return uploaded


TOO_MANY_PIXELS = "图片像素过多（{pixels}），最多允许 {limit} 像素（约 {side}×{side}）。请缩小图片尺寸后重新上传。"


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with a Chinese answer for images of too many pixels — also the
    ones so large that Pillow refuses to open them (DecompressionBombError)."""

    def _too_many(self, pixels):
        limit = self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS
        return ValidationError(
            TOO_MANY_PIXELS.format(pixels=pixels, limit=limit, side=int(limit**0.5)),
            code="file_too_many_pixels",
        )

    def check_image_pixel_size(self, f):
        if self.max_image_pixels is None:
            return
        try:
            width, height = f.image.get_size()
        except PILImage.DecompressionBombError:
            raise self._too_many("超过上限")
        if width * height > self.max_image_pixels:  # before reading any frame
            raise self._too_many(width * height)
        try:
            frames = f.image.get_frame_count()
        except PILImage.DecompressionBombError:
            raise self._too_many("超过上限")
        except (OSError, ValueError, SyntaxError):
            raise ValidationError("文件不是有效的图片或已损坏，请重新上传。", code="invalid_image")
        if width * height * frames > self.max_image_pixels:
            raise self._too_many(width * height * frames)

    def header_size(self, data):
        """(width, height) from the image header, without decoding pixels (Willow decodes the
        whole image to learn its size), or None when Pillow cannot read the header."""
        if not hasattr(data, "read"):
            return None
        data.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(data) as image:
                    return image.size
        except PILImage.DecompressionBombError:
            raise self._too_many("超过上限")
        except Exception:  # noqa: BLE001 - not an image Pillow knows: Wagtail's checks answer
            return None
        finally:
            data.seek(0)

    def to_python(self, data):
        if self.max_image_pixels is not None:
            size = self.header_size(data)
            if size and size[0] * size[1] > self.max_image_pixels:
                raise self._too_many(size[0] * size[1])
        try:
            return super().to_python(data)
        except PILImage.DecompressionBombError:
            raise self._too_many("超过上限")


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and type(field) is WagtailImageField:
            field.__class__ = SafeImageField

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if "file" in self.changed_data and isinstance(uploaded, UploadedFile):
            refuse_live_replacement(self, "图片")
        return uploaded
