"""Attachments (issue 16 items 2, 6 and 10): a file used by a live page is not replaced outside
review; uploads are checked by content; bombs get a Chinese form error, never a slow save or
a 500; documents of private collections are not served under /media/."""

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from search.attachments import extract_bytes
from tests.factories import UserFactory, make_news, paragraph_body, pdf_bytes, png_bytes
from tests.review.helpers import login

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def docx_bytes(*paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bomb_docx(paragraphs=150_000):
    """About 28 KB that inflates to about 9.5 MB of repeated paragraphs."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "<w:p><w:r><w:t>重复的内容重复的内容</w:t></w:r></w:p>" * paragraphs
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def huge_png(width=30000, height=30000):
    """A valid PNG header declaring width×height pixels (the pixel data is never read)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def editor(portal):
    return portal.editor("czj")


@pytest.fixture
def collection(portal):
    return portal.unit("czj").collection


@pytest.fixture
def document(collection):
    return Document.objects.create(
        title="预算公开表",
        file=ContentFile(pdf_bytes("v1"), name="budget.pdf"),
        collection=collection,
    )


def live_page_with(portal, document):
    body = paragraph_body("正文见附件。") + [
        {"type": "attachment", "value": {"document": document.pk, "title": ""}}
    ]
    return make_news(portal.unit_news_column("czj"), title="预算公开", body=body)


def stored_bytes(document):
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        return handle.read()


def edit_document(client, document, data, name="budget.pdf"):
    url = reverse("wagtaildocs:edit", args=(document.pk,))
    return client.post(
        url,
        {
            "title": document.title,
            "collection": document.collection_id,
            "file": SimpleUploadedFile(name, data),
            "tags": "",
        },
    )


def test_replacing_a_document_used_by_a_live_page_is_refused(client, portal, editor, document):
    page = live_page_with(portal, document)
    before = stored_bytes(document)
    public = client.get(page.url)
    assert public.status_code == 200 and document.url in public.content.decode()
    login(client, editor)
    response = edit_document(client, document, pdf_bytes("v2 未经审核"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "正被已发布的页面《预算公开》使用，不能直接替换文件" in html
    assert "请上传为新的文档" in html
    assert stored_bytes(document) == before
    client.logout()
    served = client.get(document.url)
    assert b"".join(served.streaming_content) == before


def test_superusers_are_refused_too_and_unused_documents_may_be_replaced(
    client, portal, document, collection
):
    admin = UserFactory(username="super_docs", is_superuser=True, is_staff=True)
    live_page_with(portal, document)
    login(client, admin)
    assert "不能直接替换文件" in edit_document(client, document, pdf_bytes("v2")).content.decode()
    spare = Document.objects.create(
        title="草稿附件", file=ContentFile(pdf_bytes("v1"), name="spare.pdf"), collection=collection
    )
    make_news(
        portal.unit_news_column("czj"),
        title="草稿",
        publish=False,
        body=[{"type": "attachment", "value": {"document": spare.pk, "title": ""}}],
    )
    response = edit_document(client, spare, pdf_bytes("v2"), name="spare.pdf")
    assert response.status_code == 302
    assert b"v2" in stored_bytes(spare)


def test_html_inside_a_pdf_is_refused_on_upload(client, editor, collection):
    login(client, editor)
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "伪装的PDF",
            "collection": collection.pk,
            "file": SimpleUploadedFile("a.pdf", HTML),
        },
    )
    assert response.status_code == 200
    assert "文件内容不是允许的附件格式" in response.content.decode()
    assert not Document.objects.filter(title="伪装的PDF").exists()
    # multiple upload (drag and drop) checks the same
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"collection": collection.pk, "files[]": SimpleUploadedFile("b.pdf", HTML)},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "文件内容不是允许的附件格式" in str(response.json())
    assert not Document.objects.filter(file__contains="b").filter(title="b").exists()


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("a.docx", b"PK\x03\x04" + b"\x00" * 100, "文件已损坏"),
        ("a.docx", None, "与扩展名“.docx”不符"),  # an xlsx named .docx
        ("a.png", b"%PDF-1.4 ...", "与扩展名“.png”不符"),
        ("a.txt", b"\x00\x01binary", "不是纯文本"),
        ("a.mp4", HTML, "不是 MP4 视频"),
    ],
)
def test_uploads_are_checked_by_content(client, editor, collection, name, data, message):
    if data is None:
        from openpyxl import Workbook

        buffer = io.BytesIO()
        Workbook().save(buffer)
        data = buffer.getvalue()
    login(client, editor)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "检查", "collection": collection.pk, "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()


def test_real_documents_are_accepted(client, editor, collection):
    login(client, editor)
    for name, data in (("a.pdf", pdf_bytes("x")), ("b.docx", docx_bytes("通知正文"))):
        response = client.post(
            reverse("wagtaildocs:add"),
            {"title": name, "collection": collection.pk, "file": SimpleUploadedFile(name, data)},
        )
        assert response.status_code == 302, name
    assert Document.objects.filter(title__in=["a.pdf", "b.docx"]).count() == 2


def test_a_docx_bomb_is_refused_quickly_with_a_chinese_error(client, editor, collection):
    data = bomb_docx()
    assert len(data) < 40_000
    login(client, editor)
    started = time.monotonic()
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "炸弹",
            "collection": collection.pk,
            "file": SimpleUploadedFile("bomb.docx", data),
        },
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "文件解压后达" in response.content.decode()
    assert not Document.objects.filter(title="炸弹").exists()


def test_text_extraction_is_bounded(portal, collection):
    """A bomb that reached the database anyway (an older upload, an import) is read within the
    caps when its page is saved and indexed."""
    started = time.monotonic()
    text = extract_bytes(bomb_docx(), "docx")
    assert time.monotonic() - started < 6
    assert 0 < len(text) <= 200_000
    document = Document.objects.create(
        title="旧附件", file=ContentFile(bomb_docx(), name="old.docx"), collection=collection
    )
    started = time.monotonic()
    live_page_with(portal, document)  # saving and publishing indexes the attachment text
    assert time.monotonic() - started < 10


def test_a_30000_pixel_square_png_gets_a_form_error_not_a_500(client, editor, collection):
    login(client, editor)
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "巨图",
            "collection": collection.pk,
            "file": SimpleUploadedFile("big.png", huge_png()),
        },
    )
    assert response.status_code == 200
    assert "图片像素过多" in response.content.decode()
    assert not Image.objects.filter(title="巨图").exists()
    # within Pillow's limit but above the portal's
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "大图",
            "collection": collection.pk,
            "file": SimpleUploadedFile("big2.png", huge_png(9000, 9000)),
        },
    )
    assert response.status_code == 200 and "图片像素过多" in response.content.decode()
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": collection.pk, "files[]": SimpleUploadedFile("big3.png", huge_png())},
    )
    assert response.status_code == 200 and response.json()["success"] is False


def test_replacing_an_image_used_by_a_live_page_is_refused(client, portal, editor, collection):
    image = Image.objects.create(
        title="会场照片",
        file=ContentFile(png_bytes(), name="photo.png"),
        collection=collection,
        width=64,
        height=48,
    )
    body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "会场", "decorative": False},
                "caption": "",
            },
        }
    ]
    make_news(portal.unit_news_column("czj"), title="会议新闻", body=body)
    login(client, editor)
    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": "会场照片",
            "collection": collection.pk,
            "file": SimpleUploadedFile("other.png", png_bytes(color=(0, 0, 255))),
            "tags": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "focal_point_width": "",
            "focal_point_height": "",
        },
    )
    assert response.status_code == 200
    assert "该图片正被已发布的页面《会议新闻》使用" in response.content.decode()
    image.refresh_from_db()
    assert image.file.name.endswith("photo.png")


def test_private_collection_documents_are_not_served_under_media(client, portal):
    root = Collection.get_first_root_node()
    private = root.add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret = Document.objects.create(
        title="内部",
        file=ContentFile(pdf_bytes("internal"), name="internal.pdf"),
        collection=private,
    )
    public = Document.objects.create(
        title="公开", file=ContentFile(pdf_bytes("public"), name="public.pdf"), collection=root
    )
    # the document view applies the collection's restriction
    response = client.get(secret.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(public.url).status_code == 200
    # the files themselves are not reachable under /media/
    for document in (secret, public):
        assert client.get(f"/media/{document.file.name}").status_code == 404
    # other media (images) still are
    image = Image.objects.create(
        title="图", file=ContentFile(png_bytes(), name="m.png"), width=64, height=48
    )
    assert client.get(f"/media/{image.file.name}").status_code == 200
