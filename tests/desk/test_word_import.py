"""从 Word 导入正文 through the real admin views (issue 11, the desk: Word/WPS in)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from portal.core.wordimport.importer import OLD_FORMAT, UNREADABLE
from portal.review.filetypes import OLE2_MAGIC
from tests.desk.word_files import sample_docx
from tests.factories import pdf_bytes
from tests.review.helpers import create_news_via_admin, login

DOCX = "开学通知.docx"


@pytest.fixture
def editor(portal):
    return portal.editor("czj")


@pytest.fixture
def draft(client, editor, portal):
    login(client, editor)
    page, _ = create_news_via_admin(
        client, portal.unit_news_column("czj"), "县财政局开学工作通知", ["占位"], action="draft"
    )
    return page


def upload(client, page, data, name=DOCX, **fields):
    return client.post(
        reverse("word_import", args=[page.pk]),
        {"file": SimpleUploadedFile(name, data), "mode": "replace", **fields},
    )


def test_the_page_editor_offers_the_import(client, draft):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    assert "从 Word 导入正文" in response.content.decode()
    assert reverse("word_import", args=[draft.pk]) in response.content.decode()
    form = client.get(reverse("word_import", args=[draft.pk])).content.decode()
    assert "导入方式" in form and "同时将原文件作为附件" in form


def test_a_docx_becomes_a_page_whose_public_body_keeps_headings_table_and_images(
    client, draft, portal
):
    response = upload(client, draft, sample_docx(), attach_original="on")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    messages = client.get(response.url).content.decode()
    assert "已从 Word 导入正文" in messages and "2 张图片缺少替代文字" in messages

    revision = Page.objects.get(pk=draft.pk).specific.get_latest_revision()
    page = revision.as_object()
    assert [b.block_type for b in page.body] == [
        "heading",
        "paragraph",
        "image",
        "heading",
        "table",
        "image",
        "paragraph",
        "attachment",
    ]
    # images live in the unit's collection (素材库)
    images = Image.objects.filter(
        pk__in=[b.value["image"].pk for b in page.body if b.block_type == "image"]
    )
    assert images.count() == 2
    assert {image.collection_id for image in images} == {portal.unit("czj").collection_id}
    original = Document.objects.get(pk=page.body[-1].value["document"].pk)
    assert original.collection_id == portal.unit("czj").collection_id

    revision.publish(skip_permission_checks=True)
    client.logout()
    html = client.get(Page.objects.get(pk=draft.pk).url).content.decode()
    body = html[html.index("一、总体要求") - 200 :]
    assert '<h2 class="body-heading">一、总体要求</h2>' in body
    assert '<h2 class="body-heading">二、工作安排</h2>' in body
    # plain <p> inside .article-body: the site's CSS gives it 首行缩进 and the site's font
    assert '<div class="article-body">' in html
    assert "<p>各乡镇、各部门要高度重视，<b>确保安全有序开学</b>。</p>" in body
    for cell in ("责任单位", "校园安全检查", "县教育局", "以上工作须于开学前完成"):
        assert re.search(rf"<t[dh][^>]*>\s*{cell}\s*</t[dh]>", body), cell
    assert 'colspan="3"' in body
    assert len(re.findall(r'<figure class="body-image">\s*<img src="/media/', body)) == 2
    assert "开学通知" in body and "附件：" in body
    assert "color" not in body[: body.index("特此通知")].split("<table")[0].lower()


def test_a_malformed_file_is_refused_in_chinese_and_nothing_is_saved(client, draft):
    revisions = draft.revisions.count()
    images, documents = Image.objects.count(), Document.objects.count()
    for data, name, message in (
        (b"PK\x03\x04" + b"\x00" * 200, DOCX, "文件已损坏"),
        (pdf_bytes(), DOCX, "文件内容是PDF，与扩展名“.docx”不符"),
        (OLE2_MAGIC + b"\x00" * 600, "通知.wps", OLD_FORMAT),
        (sample_docx(), "通知.pdf", "只能导入 Word 文档"),
    ):
        response = upload(client, draft, data, name=name, attach_original="on")
        assert response.status_code == 200
        assert message in response.content.decode(), name
    assert draft.revisions.count() == revisions
    assert (Image.objects.count(), Document.objects.count()) == (images, documents)


def test_a_docx_whose_xml_is_broken_is_unreadable(client, draft):
    import io
    import zipfile

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(sample_docx())) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    response = upload(client, draft, buffer.getvalue())
    assert UNREADABLE in response.content.decode()
    assert draft.revisions.count() == 1


def test_an_editor_of_another_unit_may_not_import(client, draft, portal):
    login(client, portal.editor("jyj"))
    response = upload(client, draft, sample_docx())
    # the admin answers PermissionDenied with a redirect to the dashboard and a message
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert draft.revisions.count() == 1
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]), follow=True)
    assert "从 Word 导入正文" not in edit.content.decode()


def test_a_wps_file_saved_in_docx_format_is_read(client, draft):
    response = upload(client, draft, sample_docx(), name="开学通知.wps")
    assert response.status_code == 302
    page = Page.objects.get(pk=draft.pk).specific.get_latest_revision_as_object()
    assert page.body[0].value == "一、总体要求"


# --- 从 Word 新建 ------------------------------------------------------------------------------
def new_url(column):
    return reverse("word_new", args=[column.pk])


def test_a_new_draft_is_made_from_a_word_file_once_per_submission(client, editor, portal):
    from news.models import NewsPage

    column = portal.unit_news_column("czj")
    login(client, editor)
    explorer = client.get(reverse("wagtailadmin_explore", args=[column.pk])).content.decode()
    assert new_url(column) in explorer and "从 Word 新建" in explorer
    form = client.get(new_url(column)).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]{32})"', form).group(1)
    data = {"page_type": "news.newspage", "title": "", "token": token}
    for _ in range(2):  # a double click
        response = client.post(
            new_url(column), {**data, "file": SimpleUploadedFile(DOCX, sample_docx())}
        )
        assert response.status_code == 302
    pages = NewsPage.objects.child_of(column).filter(title="关于做好2026年春季学期开学工作的通知")
    assert pages.count() == 1
    page = pages.get()
    assert not page.live and page.unit == portal.unit("czj")
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    body = page.get_latest_revision_as_object().body
    assert [b.block_type for b in body][:2] == ["heading", "paragraph"]
    assert sum(b.block_type == "image" for b in body) == 2


def test_a_bad_file_makes_no_page_and_the_form_keeps_the_title(client, editor, portal):
    column = portal.unit_news_column("czj")
    login(client, editor)
    children = column.get_children().count()
    response = client.post(
        new_url(column),
        {
            "page_type": "news.newspage",
            "title": "县财政局通知",
            "token": "a" * 32,
            "file": SimpleUploadedFile("通知.wps", OLE2_MAGIC + b"\x00" * 600),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "另存为" in html and 'value="县财政局通知"' in html
    assert column.get_children().count() == children


def test_another_units_editor_cannot_create_in_the_column(client, portal):
    column = portal.unit_news_column("czj")
    login(client, portal.editor("jyj"))
    response = client.get(new_url(column))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_the_column_listing_offers_a_new_draft_from_word(client, editor, portal):
    column = portal.unit_news_column("czj")
    login(client, editor)
    response = client.get(reverse("wagtailadmin_explore", args=[column.get_parent().pk]))
    assert response.status_code == 200
    assert new_url(column) in response.content.decode()
    assert new_url(portal.unit_news_column("jyj")) not in response.content.decode()


def test_append_keeps_the_current_body_before_the_imported_one(client, draft):
    upload(client, draft, sample_docx(), mode="append")
    page = Page.objects.get(pk=draft.pk).specific.get_latest_revision_as_object()
    assert page.body[0].block_type == "paragraph" and "占位" in str(page.body[0].value)
    assert page.body[1].value == "一、总体要求"
