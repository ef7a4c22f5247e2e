"""The automatic check (自动检查) run by ``AutoCheckTask`` (DESIGN §6).

``run_checks(page)`` returns a list of :class:`Finding`; a finding with severity ``block``
sends the page back to the editor, ``warn`` findings are shown but do not block. Page types
tell the check what they need through BasePage hooks (``required_fields``, ``body_field``,
``publication_time``), so a new page type joins without changes here.
"""

import datetime
import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

from django.core.exceptions import FieldDoesNotExist
from django.core.signals import setting_changed
from django.utils import timezone

from .filetypes import check_attachment, detect_file
from .models import Severity

CONTEXT_CHARS = 15


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    location: str = ""
    excerpt: str = ""
    suggestion: str = ""

    @property
    def blocks(self):
        return self.severity == Severity.BLOCK

    def as_dict(self):
        return asdict(self)


# --- reading a page's content ---------------------------------------------------------------
class _RichTextReader(HTMLParser):
    """Text and links of Wagtail's stored rich text (``<a linktype="page" id="3">``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []  # dicts of the <a> attributes
        self.documents = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs)
            if attrs.get("linktype") == "document" and attrs.get("id"):
                self.documents.append(attrs["id"])
        if tag in ("p", "br", "li", "h2", "h3", "h4", "div", "tr"):
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self):
        return re.sub(r"\n+", "\n", "".join(self.parts)).strip()


class Content:
    """Everything the checks look at, collected once."""

    def __init__(self):
        self.texts = []  # (location, text)
        self.links = []  # (location, attrs)
        self.documents = []  # (location, document or id)
        self.videos = []  # (location, document)
        self.images = []  # (location, image value or None)
        self.substantial_blocks = 0


def read_rich_text(content, location, source):
    reader = _RichTextReader()
    reader.feed(str(source or ""))
    reader.close()
    if reader.text.strip():
        content.texts.append((location, reader.text))
        content.substantial_blocks += 1
    for attrs in reader.links:
        content.links.append((location, attrs))
    for doc_id in reader.documents:
        content.documents.append((location, doc_id))


def walk_block(content, block, value, location):
    from wagtail import blocks
    from wagtail.contrib.table_block.blocks import TableBlock
    from wagtail.documents.blocks import DocumentChooserBlock
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock

    from portal.core.blocks import AttachmentBlock, VideoBlock

    if isinstance(block, blocks.RichTextBlock):
        read_rich_text(content, location, getattr(value, "source", value))
    elif isinstance(block, ImageBlock):
        content.images.append((location, value))
        content.substantial_blocks += 1
        alt = getattr(value, "contextual_alt_text", "") if value else ""
        if alt:
            content.texts.append((location + "（替代文字）", alt))
    elif isinstance(block, ImageChooserBlock):
        content.images.append((location, None if value is None else value))
        content.substantial_blocks += 1
    elif isinstance(block, VideoBlock):
        content.videos.append((location, value.get("video")))
        content.substantial_blocks += 1
        for key in ("title", "transcript"):
            if value.get(key):
                content.texts.append((location, str(value.get(key))))
    elif isinstance(block, AttachmentBlock):
        content.documents.append((location, value.get("document")))
        content.substantial_blocks += 1
        if value.get("title"):
            content.texts.append((location, str(value.get("title"))))
    elif isinstance(block, DocumentChooserBlock):
        content.documents.append((location, value))
        content.substantial_blocks += 1
    elif isinstance(block, TableBlock):
        rows = (value or {}).get("data") or []
        cells = [str(cell) for row in rows for cell in (row or []) if cell]
        if cells:
            content.texts.append((location, "\n".join(cells)))
            content.substantial_blocks += 1
        if (value or {}).get("table_caption"):
            content.texts.append((location, str(value["table_caption"])))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            walk_block(content, child, value.get(name), location)
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value or [], start=1):
            walk_block(content, child.block, child.value, f"{location}第{index}块")
    elif isinstance(block, blocks.ListBlock):
        for child_value in value or []:
            walk_block(content, block.child_block, child_value, location)
    elif isinstance(block, blocks.FieldBlock):
        if value not in (None, "") and isinstance(value, str):
            content.texts.append((location, value))
            content.substantial_blocks += 1


def read_page(page):
    from django.db import models
    from wagtail.fields import RichTextField, StreamField

    content = Content()
    content.texts.append(("标题", page.title or ""))
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.is_relation:
            continue
        if field.model._meta.app_label == "wagtailcore" or field.name in ("slug", "path"):
            continue
        value = getattr(page, field.attname, None)
        label = str(getattr(field, "verbose_name", field.name))
        if isinstance(field, StreamField):
            stream = getattr(page, field.name)
            for index, child in enumerate(stream, start=1):
                walk_block(content, child.block, child.value, f"{label}第{index}块")
        elif isinstance(field, RichTextField):
            read_rich_text(content, label, value)
        elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            if value:
                content.texts.append((label, str(value)))
    for name in ("seo_title", "search_description"):
        if getattr(page, name, ""):
            content.texts.append(("搜索引擎信息", getattr(page, name)))
    return content


# --- the rules ------------------------------------------------------------------------------
def _is_empty(page, name):
    value = getattr(page, name, None)
    if value is None:
        return True
    if hasattr(value, "all") and callable(value.all):  # (Parental)ManyToMany
        return not list(value.all())
    if isinstance(value, str):
        return not value.strip()
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value) == 0
    return value in ("", [], {})


def check_required_fields(page, content):
    findings = []
    for name in getattr(page, "required_fields", ()) or ():
        try:
            label = str(page._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            label = name
        if name == getattr(page, "body_field", None):
            continue  # reported by the body check with a clearer message
        if _is_empty(page, name):
            findings.append(
                Finding(
                    "必填项",
                    Severity.BLOCK,
                    f"“{label}”未填写",
                    location=label,
                    suggestion=f"请填写{label}",
                )
            )
    return findings


def check_body(page, content):
    body_field = getattr(page, "body_field", None)
    if not body_field:
        return []
    stream = getattr(page, body_field, None)
    label = str(page._meta.get_field(body_field).verbose_name)
    body_content = Content()
    for index, child in enumerate(stream or [], start=1):
        walk_block(body_content, child.block, child.value, f"{label}第{index}块")
    if body_content.substantial_blocks == 0:
        return [
            Finding(
                "正文",
                Severity.BLOCK,
                "正文为空",
                location=label,
                suggestion="请填写正文内容，或添加图片、附件",
            )
        ]
    return []


PUBLICATION_TIME_SENTINEL = datetime.datetime(2001, 2, 3, 4, 5)


def is_container(page):
    """A column, the home page, a topic or an index page (``is_listing_page``: 信息公开目录,
    the 公开指南 built from data): a page that lists items rather than being one."""
    if getattr(page, "is_column", False) or getattr(page, "is_listing_page", False):
        return True
    return bool(type(page).allowed_subpage_models())


class _PreviewHandler:
    """One middleware chain for every preview render of this process. Wagtail's
    ``make_preview_request`` builds and loads a new handler per call, and loading the
    middleware costs more than the render (WhiteNoise indexes every static file): 60 ms a
    page, two thirds of a 全站巡检. The page travels on the request."""

    handler = None

    @classmethod
    def get(cls):
        if cls.handler is None:
            from django.core.handlers.base import BaseHandler
            from django.utils.cache import patch_cache_control

            class Handler(BaseHandler):
                def _get_response(self, request):
                    # what Wagtail's make_preview_request does at the end of the chain
                    request.is_preview = True
                    request.preview_mode = request.preview_object.default_preview_mode
                    response = request.preview_object.serve_preview(request, request.preview_mode)
                    if hasattr(response, "render") and callable(response.render):
                        response = response.render()
                    patch_cache_control(response, private=True)
                    return response

            handler = Handler()
            handler.load_middleware()
            cls.handler = handler
        return cls.handler


def _reset_preview_handler(**kwargs):
    # middleware read settings when loaded (tests change them with override_settings)
    _PreviewHandler.handler = None


setting_changed.connect(_reset_preview_handler)


def preview_response(page):
    """The page rendered as its preview (as ``page.make_preview_request()``), through the
    process's one preview handler."""
    from django.core.handlers.wsgi import WSGIRequest

    request = WSGIRequest(page._get_dummy_headers())
    request.is_dummy = True
    request.preview_object = page
    return _PreviewHandler.get().get_response(request)


def check_publication_time(page, content, shown=None):
    """A page must show its 发布时间: national inspections count a page without a visible
    publication time as not updated (《政府网站与政务新媒体检查指标》).

    ``shown``: a dict remembering, per page type and template, whether the template shows the
    time — 全站巡检 renders one page of each type instead of every page (the check sets the
    time itself, so the answer depends on the template only; no page type here picks its
    template per page). A page whose render fails is not remembered."""
    if is_container(page):
        return []  # columns, the home page and topics list items; the items show their time
    if not hasattr(page, "publication_time"):
        return [
            Finding(
                "发布时间",
                Severity.BLOCK,
                "该页面类型没有发布时间",
                suggestion="请联系管理员为该页面类型显示发布时间",
            )
        ]
    findings = []
    key = (type(page), getattr(page, "template", None))
    if shown is not None and key in shown:
        if not shown[key]:
            findings.append(_no_time_shown())
        return findings + _go_live_findings(page)
    sentinel = timezone.make_aware(PUBLICATION_TIME_SENTINEL)
    original = page.first_published_at
    page.first_published_at = sentinel
    try:
        response = preview_response(page)
        html = response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""
        if response.status_code != 200:
            raise ValueError(response.status_code)
    except Exception:  # noqa: BLE001 - a rendering problem must not hide the other findings
        findings.append(
            Finding(
                "发布时间",
                Severity.WARN,
                "无法生成页面预览，未能确认页面显示发布时间",
                suggestion="请在预览中确认页面显示“发布时间”",
            )
        )
        html = None
    finally:
        page.first_published_at = original
    # visible: in the body (the <head>'s PubDate meta tag is for crawlers, not readers)
    if html is not None:
        visible = "2001-02-03" in html.split("<body", 1)[-1]
        if shown is not None:
            shown[key] = visible
        if not visible:
            findings.append(_no_time_shown())
    return findings + _go_live_findings(page)


def _no_time_shown():
    return Finding(
        "发布时间",
        Severity.BLOCK,
        "页面没有显示发布时间",
        suggestion="请联系管理员在该页面模板中显示发布时间",
    )


def _go_live_findings(page):
    findings = []
    go_live_at = getattr(page, "go_live_at", None)
    if go_live_at and go_live_at < timezone.now():
        findings.append(
            Finding(
                "发布时间",
                Severity.WARN,
                "定时发布时间早于当前时间，将在审核通过时立即发布",
                location="定时发布",
                excerpt=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
                suggestion="发布时间为实际首次发布时间，不能提前（倒填）",
            )
        )
    return findings


def check_images(page, content):
    findings = []
    for location, image in content.images:
        if image is None:
            findings.append(
                Finding(
                    "图片替代文字",
                    Severity.BLOCK,
                    "图片缺失",
                    location=location,
                    suggestion="请重新选择图片或删除该块",
                )
            )
            continue
        decorative = getattr(image, "decorative", False)
        alt = (getattr(image, "contextual_alt_text", "") or "").strip()
        if not decorative and not alt:
            findings.append(
                Finding(
                    "图片替代文字",
                    Severity.BLOCK,
                    "图片没有替代文字（alt）",
                    location=location,
                    excerpt=getattr(image, "title", ""),
                    suggestion="请填写描述图片内容的替代文字，供读屏软件朗读",
                )
            )
    return findings


def _load_documents(content):
    from wagtail.documents import get_document_model

    Document = get_document_model()
    ids = {ref for _loc, ref in content.documents if isinstance(ref, (int, str))}
    by_id = {
        str(d.pk): d for d in Document.objects.filter(pk__in=[i for i in ids if str(i).isdigit()])
    }
    for location, ref in content.documents:
        if ref is None or isinstance(ref, (int, str)):
            yield location, by_id.get(str(ref)) if ref is not None else None
        else:
            yield location, ref


def check_attachments(page, content):
    findings = []
    seen = set()
    for location, document in _load_documents(content):
        if document is None:
            findings.append(
                Finding(
                    "附件类型",
                    Severity.BLOCK,
                    "附件不存在或已被删除",
                    location=location,
                    suggestion="请重新上传附件",
                )
            )
            continue
        if document.pk in seen:
            continue
        seen.add(document.pk)
        ok, message = check_attachment(document)
        if not ok:
            findings.append(
                Finding(
                    "附件类型",
                    Severity.BLOCK,
                    message,
                    location=location,
                    excerpt=document.file.name.rsplit("/", 1)[-1],
                    suggestion="附件仅限 PDF、OFD、DOC、DOCX、WPS、XLS、XLSX、ET、JPG、PNG 格式",
                )
            )
    for location, document in content.videos:
        if document is None:
            continue
        if detect_file(document.file) != "mp4":
            findings.append(
                Finding(
                    "附件类型",
                    Severity.BLOCK,
                    "视频文件不是 MP4 格式",
                    location=location,
                    excerpt=document.file.name.rsplit("/", 1)[-1],
                    suggestion="请上传 MP4 格式的视频",
                )
            )
    return findings


def check_links(page, content):
    from wagtail.models import Page

    findings = []
    page_ids = {
        attrs.get("id")
        for _loc, attrs in content.links
        if attrs.get("linktype") == "page" and str(attrs.get("id", "")).isdigit()
    }
    live_ids = {
        str(pk)
        for pk in Page.objects.filter(pk__in=[int(i) for i in page_ids], live=True).values_list(
            "pk", flat=True
        )
    }
    for location, attrs in content.links:
        if attrs.get("linktype") == "page":
            if str(attrs.get("id")) not in live_ids:
                target = (
                    Page.objects.filter(pk=attrs.get("id")).first()
                    if str(attrs.get("id", "")).isdigit()
                    else None
                )
                findings.append(
                    Finding(
                        "内部链接",
                        Severity.BLOCK,
                        "内部链接指向未发布的页面" if target else "内部链接指向不存在的页面",
                        location=location,
                        excerpt=target.title if target else "",
                        suggestion="请改为链接已发布的页面，或删除该链接",
                    )
                )
            continue
        href = (attrs.get("href") or "").strip()
        if href.lower().startswith("http://"):
            findings.append(
                Finding(
                    "外部链接",
                    Severity.WARN,
                    "外部链接未使用 HTTPS",
                    location=location,
                    excerpt=href,
                    suggestion="请确认对方网站支持 HTTPS 并改为 https:// 链接",
                )
            )
        elif href.lower().startswith(("javascript:", "data:")):
            findings.append(
                Finding(
                    "外部链接",
                    Severity.BLOCK,
                    "链接地址不安全",
                    location=location,
                    excerpt=href[:60],
                    suggestion="请删除该链接",
                )
            )
    return findings


def _excerpt(text, start, end):
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    excerpt = text[left:right].replace("\n", " ")
    return ("…" if left > 0 else "") + excerpt + ("…" if right < len(text) else "")


def item_date(page):
    """The date deciding which institution names are right: the item's 成文日期, else its first
    publication, else today (a draft is written now); None for text without a page (a
    search term)."""
    if page is None:
        return None
    written = getattr(page, "written_date", None)
    if written:
        return written
    if page.first_published_at:
        return timezone.localtime(page.first_published_at).date()
    return None


def check_wording(page, content, rules=None, site=None):
    """The content checker (portal.review.checker) on every text of the page, with the rules
    of the page's site (站群: the platform-wide rules plus the site's own; ``site`` for text
    without a page, default the default site)."""
    from portal.core.sites import site_id_for_path

    from .checker import CATEGORY_LABELS, check_text
    from .checker.rules import rules_from_rows

    if rules is not None:
        rules = rules_from_rows(rules)
    if site is None and getattr(page, "path", None):
        site = site_id_for_path(page.path)
    date = item_date(page)
    findings = []
    for location, text in content.texts:
        if not text:
            continue
        for found in check_text(text, date=date, rules=rules, site=site):
            findings.append(
                Finding(
                    f"用语规则·{CATEGORY_LABELS.get(found.category, found.category)}",
                    found.severity,
                    found.explanation,
                    location=location,
                    excerpt=found.context,
                    suggestion=found.suggestion,
                )
            )
    return findings


CHECKS = (
    check_required_fields,
    check_body,
    check_publication_time,
    check_images,
    check_attachments,
    check_links,
    check_wording,
)


def run_checks(page):
    content = read_page(page)
    findings = []
    for check in CHECKS:
        findings.extend(list(check(page, content)))
    findings.sort(key=lambda f: 0 if f.blocks else 1)
    return findings
