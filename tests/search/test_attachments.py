"""The text of PDF and DOCX attachments is indexed with the page that carries them."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Page

from search.attachments import extract_bytes
from tests.factories import DocumentFactory, make_news, paragraph_body
from tests.search.pdfgen import chinese_pdf

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "联系电话"
    table.rows[0].cells[1].text = "县应急管理局值班室"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def attach(document, text="正文见附件。"):
    return paragraph_body(text) + [
        {"type": "attachment", "value": {"document": document.pk, "title": ""}}
    ]


def test_pdf_attachment_text_finds_the_page(portal):
    pdf = DocumentFactory(
        title="附件1",
        file=ContentFile(chinese_pdf("关于开展汛期地质灾害隐患排查的紧急通知"), name="notice.pdf"),
    )
    page = make_news(
        portal.unit_news_column("xzfb"), title="县政府办发布一则通知", body=attach(pdf)
    )
    found = list(Page.objects.live().search("隐患排查"))
    assert [p.pk for p in found] == [page.pk]
    assert list(Page.objects.live().search("汛期地质灾害")) == found


def test_docx_attachment_paragraphs_and_tables(portal):
    doc = DocumentFactory(
        title="附件2",
        file=ContentFile(
            docx_bytes("榕江县森林火灾应急预案", "各乡镇要落实护林员巡山制度。"), name="plan.docx"
        ),
    )
    page = make_news(portal.unit_news_column("xzfb"), title="应急预案印发", body=attach(doc))
    assert [p.pk for p in Page.objects.live().search("护林员")] == [page.pk]
    assert [p.pk for p in Page.objects.live().search("值班室")] == [page.pk]


def test_text_is_cached_and_refreshed_when_the_file_changes(portal):
    from search.models import AttachmentText

    doc = DocumentFactory(
        title="附件3", file=ContentFile(docx_bytes("第一版内容：秸秆禁烧"), name="v1.docx")
    )
    page = make_news(portal.unit_news_column("xzfb"), title="禁烧通知", body=attach(doc))
    assert AttachmentText.objects.get(document=doc).text.startswith("第一版内容")
    doc.file = ContentFile(docx_bytes("第二版内容：野外用火审批"), name="v2.docx")
    doc.file_hash = ""
    doc.save()
    doc._set_file_hash()
    doc.save()
    page.save_revision().publish()
    assert [p.pk for p in Page.objects.live().search("野外用火")] == [page.pk]
    assert list(Page.objects.live().search("秸秆禁烧")) == []


def test_broken_or_unknown_files_index_nothing_and_do_not_fail(portal):
    assert extract_bytes(b"not a pdf", "pdf") == ""
    assert extract_bytes(b"PK\x03\x04broken", "docx") == ""
    assert extract_bytes(b"anything", "exe") == ""
    broken = DocumentFactory(title="坏文件", file=ContentFile(b"%PDF-1.4 garbage", name="x.pdf"))
    page = make_news(portal.unit_news_column("xzfb"), title="附件损坏的新闻", body=attach(broken))
    assert [p.pk for p in Page.objects.live().search("附件损坏")] == [page.pk]
