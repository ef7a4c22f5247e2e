"""自动检查: each rule with a passing and a failing page, run by the real workflow task."""

import io
import itertools
import zipfile

import pytest
from django.core.files.base import ContentFile
from wagtail.models import WorkflowState

from news.models import NewsPage
from portal.review.models import CheckResult, Severity, WordingRule
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    make_catalog_item,
    make_news,
    paragraph_body,
    pdf_bytes,
    png_bytes,
)

OK_TEXT = "县财政局召开预算执行情况通报会。"


def auto_check(page, user):
    """Submit ``page`` (its latest revision written by ``user``) into its workflow."""
    page.save_revision(user=user, log_action=False)
    state = page.get_workflow().start(page, user)
    result = CheckResult.objects.filter(page_id=page.pk).order_by("-pk").first()
    state.refresh_from_db()
    return state, result


def rules_of(result, severity=None):
    return [f["rule"] for f in result.findings if severity is None or f["severity"] == severity]


def assert_passes(state, result):
    assert result.passed, result.findings
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "本单位审核"


def assert_rejected(state, result, rule):
    assert not result.passed
    assert rule in rules_of(result, Severity.BLOCK), result.findings
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


@pytest.fixture
def editor(people):
    return people.editor


_slugs = itertools.count(1)


def news(column, body=None, title=None, **fields):
    fields.setdefault("slug", f"check-{next(_slugs)}")
    return make_news(
        column,
        title=title or "县财政局召开预算执行情况通报会",
        body=body if body is not None else paragraph_body(OK_TEXT),
        publish=False,
        **fields,
    )


# --- required fields, body, publication time ------------------------------------------------
def test_required_fields(portal, editor):
    column = portal.unit_catalogue_column("czj")
    good = make_catalog_item(column, publish=False)
    assert_passes(*auto_check(good, editor))
    bad = make_catalog_item(column, publish=False, topic_category="", genre="")
    state, result = auto_check(bad, editor)
    assert_rejected(state, result, "必填项")
    messages = " ".join(f["message"] for f in result.findings)
    assert "主题分类" in messages and "体裁" in messages


def test_body_not_empty(news_column, editor):
    assert_passes(*auto_check(news(news_column), editor))
    empty = news(news_column, title="空正文稿件")
    empty.body = []
    state, result = auto_check(empty, editor)
    assert_rejected(state, result, "正文")
    blank = news(news_column, body=paragraph_body("   "), title="只有空段落")
    assert_rejected(*auto_check(blank, editor), "正文")


def test_visible_publication_time(news_column, editor, monkeypatch):
    assert_passes(*auto_check(news(news_column), editor))
    # a template that does not show 发布时间 fails the check
    monkeypatch.setattr(NewsPage, "template", "404.html")
    state, result = auto_check(news(news_column, title="模板不显示时间"), editor)
    assert_rejected(state, result, "发布时间")


# --- images ---------------------------------------------------------------------------------
def image_block(image, alt="", decorative=False):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": alt, "decorative": decorative},
            "caption": "",
        },
    }


def test_image_alt_text(news_column, editor):
    image = ImageFactory()
    with_alt = news(
        news_column,
        body=paragraph_body(OK_TEXT) + [image_block(image, alt="县财政局会议现场")],
        title="有替代文字",
    )
    assert_passes(*auto_check(with_alt, editor))
    decorative = news(
        news_column,
        body=paragraph_body(OK_TEXT) + [image_block(image, decorative=True)],
        title="装饰性图片",
    )
    assert_passes(*auto_check(decorative, editor))
    without = news(
        news_column, body=paragraph_body(OK_TEXT) + [image_block(image)], title="无替代文字"
    )
    assert_rejected(*auto_check(without, editor), "图片替代文字")


# --- attachments, by content ------------------------------------------------------------------
def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
FILES = {
    "pdf": pdf_bytes(),
    "docx": zip_bytes(["[Content_Types].xml", "word/document.xml"]),
    "xlsx": zip_bytes(["[Content_Types].xml", "xl/workbook.xml"]),
    "ofd": zip_bytes(["OFD.xml", "Doc_0/Document.xml"]),
    "doc": OLE2,
    "xls": OLE2,
    "wps": OLE2,
    "et": OLE2,
    "png": png_bytes(),
    "jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
}


def attachment_page(column, filename, content, title):
    document = DocumentFactory(file=ContentFile(content, name=filename))
    body = paragraph_body(OK_TEXT) + [
        {"type": "attachment", "value": {"document": document.pk, "title": ""}}
    ]
    return news(column, body=body, title=title)


@pytest.mark.parametrize("ext", sorted(FILES))
def test_allowed_attachment_types_pass(news_column, editor, ext):
    page = attachment_page(news_column, f"附件.{ext}", FILES[ext], f"附件{ext}")
    assert_passes(*auto_check(page, editor))


@pytest.mark.parametrize(
    "filename,content",
    [
        ("通知.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows program renamed to .pdf
        ("通知.pdf", FILES["docx"]),  # content and extension disagree
        ("通知.docx", zip_bytes(["readme.txt"])),  # a plain zip renamed to .docx
        ("通知.txt", b"plain text"),
        ("压缩包.zip", zip_bytes(["a.pdf"])),
    ],
)
def test_attachment_outside_allow_list_is_rejected(news_column, editor, filename, content):
    page = attachment_page(news_column, filename, content, f"坏附件{filename}{len(content)}")
    assert_rejected(*auto_check(page, editor), "附件类型")


def test_document_link_in_rich_text_is_checked(news_column, editor):
    document = DocumentFactory(file=ContentFile(b"MZ" + b"\x00" * 100, name="a.pdf"))
    body = [
        {
            "type": "paragraph",
            "value": f'<p>{OK_TEXT}<a linktype="document" id="{document.pk}">下载</a></p>',
        }
    ]
    assert_rejected(*auto_check(news(news_column, body=body, title="文档链接"), editor), "附件类型")


# --- links ------------------------------------------------------------------------------------
def link_body(html):
    return [{"type": "paragraph", "value": f"<p>{OK_TEXT}{html}</p>"}]


def test_internal_links_must_point_to_live_pages(news_column, editor):
    live = make_news(news_column, title="已发布的稿件", slug="live-target")
    draft = make_news(news_column, title="未发布的稿件", publish=False, slug="draft-target")
    good = news(
        news_column,
        title="链接有效",
        body=link_body(f'<a linktype="page" id="{live.pk}">相关新闻</a>'),
    )
    assert_passes(*auto_check(good, editor))
    to_draft = news(
        news_column,
        title="链接草稿",
        body=link_body(f'<a linktype="page" id="{draft.pk}">相关新闻</a>'),
    )
    state, result = auto_check(to_draft, editor)
    assert_rejected(state, result, "内部链接")
    assert any(f["excerpt"] == "未发布的稿件" for f in result.findings)
    missing = news(
        news_column,
        title="链接不存在",
        body=link_body('<a linktype="page" id="987654">相关新闻</a>'),
    )
    assert_rejected(*auto_check(missing, editor), "内部链接")


def test_non_https_external_link_is_a_warning_that_does_not_block(news_column, editor):
    https = news(
        news_column,
        title="HTTPS 链接",
        body=link_body('<a href="https://www.gov.cn/">中国政府网</a>'),
    )
    state, result = auto_check(https, editor)
    assert_passes(state, result)
    assert result.findings == []
    http = news(
        news_column,
        title="HTTP 链接",
        body=link_body('<a href="http://www.example.org/">某网站</a>'),
    )
    state, result = auto_check(http, editor)
    assert_passes(state, result)
    assert rules_of(result, Severity.WARN) == ["外部链接"]
    assert result.findings[0]["excerpt"] == "http://www.example.org/"


def test_reviewers_see_warnings(client, people, news_column):
    from django.urls import reverse

    from tests.review.helpers import login

    page = news(
        news_column,
        title="HTTP 链接给审核人看",
        body=link_body('<a href="http://www.example.org/">某网站</a>'),
    )
    auto_check(page, people.editor)
    login(client, people.reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "外部链接未使用 HTTPS" in html
    assert "http://www.example.org/" in html


# --- wording rules ----------------------------------------------------------------------------
def test_wording_error_in_title_is_rejected(news_column, editor):
    page = news(news_column, title="截止目前全县完成预算执行")
    state, result = auto_check(page, editor)
    assert_rejected(state, result, "用语规则·错别字")
    finding = next(f for f in result.findings if f["rule"] == "用语规则·错别字")
    assert finding["location"] == "标题"
    assert finding["suggestion"] == "截至目前"
    assert "截止目前全县完成" in finding["excerpt"]
    # the audit log attributes the rejection to the check, not to the editor who submitted
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.reject")
    assert entry.user is None
    assert "截至目前" in entry.data["comment"]


def test_wording_error_in_streamfield_rich_text_is_rejected(news_column, editor):
    body = paragraph_body(OK_TEXT, "会议强调，要深入学习习近平新时代特色社会主义思想，推进工作。")
    state, result = auto_check(news(news_column, body=body, title="学习会议"), editor)
    assert_rejected(state, result, "用语规则·严重表述错误")
    finding = result.blocking[0]
    assert finding["location"].startswith("正文第2块")
    assert "深入学习习近平新时代特色社会主义思想" in finding["excerpt"]
    assert finding["suggestion"] == "习近平新时代中国特色社会主义思想"


def test_wording_warning_does_not_block(news_column, editor):
    body = paragraph_body("全县多措并举帮助企业度过难关。")
    state, result = auto_check(news(news_column, body=body, title="助企纾困"), editor)
    assert_passes(state, result)
    assert rules_of(result, Severity.WARN) == ["用语规则·错别字"]


def test_exceptions_and_disabled_rules(news_column, editor):
    body = paragraph_body("全县干部认真学习总书记重要讲话精神。")
    assert_passes(*auto_check(news(news_column, body=body, title="学习讲话"), editor))
    WordingRule.objects.filter(phrase="截止目前").update(enabled=False)
    assert_passes(*auto_check(news(news_column, title="截止目前稿件"), editor))


def test_rule_added_in_the_admin_is_applied(client, people, news_column):
    from django.urls import reverse

    from tests.review.helpers import login

    login(client, people.admin)
    response = client.post(
        reverse("wagtailsnippets_review_wordingrule:add"),
        {
            "kind": "literal",
            "phrase": "榕江县政府网",
            "correction": "榕江县人民政府门户网站",
            "category": "typo",
            "severity": "block",
            "note": "网站名称应使用全称",
            "exceptions": "",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    state, result = auto_check(
        news(news_column, body=paragraph_body("欢迎访问榕江县政府网。"), title="网站名称"),
        people.editor,
    )
    assert_rejected(state, result, "用语规则·错别字")


def test_default_table_has_at_least_100_rules_with_corrections(db):
    rules = list(WordingRule.objects.filter(kind="literal"))
    assert len(rules) >= 100
    assert {r.category for r in rules} == {"serious", "typo", "sensitive"}
    assert all(r.correction.strip() and r.correction != r.phrase for r in rules)
    assert sum(r.severity == "block" for r in rules) >= 100


def test_default_table_catches_every_entry_in_title_and_rich_text(news_column):
    from portal.review.checks import check_wording, read_page

    rules = list(WordingRule.objects.filter(enabled=True, kind="literal"))
    missed = []
    for rule in rules:
        page = NewsPage(
            title=f"关于{rule.phrase}的报道",
            body=paragraph_body(f"会议指出，{rule.phrase}，要认真整改。"),
        )
        findings = check_wording(page, read_page(page), rules)
        where = {f.location for f in findings if f.suggestion == rule.correction}
        if where != {"标题", "正文第1块"}:
            missed.append((rule.phrase, where))
        # the suggested correction itself passes
        fixed = NewsPage(title=f"关于{rule.correction}的报道", body=paragraph_body(OK_TEXT))
        if any(
            f.suggestion == rule.correction and f.message.startswith(f"“{rule.phrase}”")
            for f in check_wording(fixed, read_page(fixed), rules)
        ):
            missed.append((rule.phrase, "correction flagged"))
    assert missed == []
