"""Every page type renders; listings paginate; public pages stay within a query budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from disclosure_catalog.models import AnnualReportPage
from home.models import ColumnPage, OverviewPage, TopicPage
from news.models import NewsPage
from portal.core.columns import ColumnKey
from tests.factories import (
    ImageFactory,
    add_page,
    make_catalog_item,
    make_interpretation,
    make_news,
    make_policy,
    paragraph_body,
)


def get(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200, (page, response.status_code)
    return response.content.decode()


def test_every_page_type_renders(client, portal):
    html = get(client, portal.home)
    for section in ("榕江要闻", "部门动态", "乡镇动态", "政府信息公开", "专题专栏"):
        assert section in html
    assert "5226320001" in html and "黔ICP备16003252号" in html  # identity footer

    news = make_news(
        portal.column(ColumnKey.NEWS_HEADLINES), title="县长调研春耕生产", source="县融媒体中心"
    )
    html = get(client, news)
    assert "县长调研春耕生产" in html and "发布时间" in html and "来源：县融媒体中心" in html

    overview = add_page(
        portal.column(ColumnKey.OVERVIEW),
        OverviewPage(title="县情概况", body=paragraph_body("榕江县位于黔东南。")),
    )
    assert "榕江县位于黔东南" in get(client, overview)

    topic = add_page(
        portal.column(ColumnKey.TOPICS),
        TopicPage(title="乡村振兴", intro="专题简介", cover_image=ImageFactory()),
    )
    sub = add_page(topic, ColumnPage(title="工作动态", slug="gzdt", content_kind="news"))
    make_news(sub, title="专题新闻一")
    html = get(client, topic)
    assert "工作动态" in html and "专题新闻一" in html

    catalogue = portal.unit_catalogue_column("czj")
    item = make_catalog_item(catalogue, title="县财政局2025年部门预算", document_number="")
    html = get(client, item)
    for label in (
        "索引号",
        "发布机构",
        "文号",
        "成文日期",
        "发布日期",
        "主题分类",
        "体裁",
        "有效性",
        "关键词",
        "内容概述",
    ):
        assert f'<th scope="row">{label}</th>' in html
    assert item.index_number in html

    policy_column = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    policy = make_policy(
        policy_column, title="关于印发某办法的通知", document_number="榕府发〔2026〕3号"
    )
    interp = make_interpretation(
        portal.column(ColumnKey.DISCLOSURE_INTERPRETATION), [policy], title="某办法政策解读"
    )
    policy_html = get(client, policy)
    assert "某办法政策解读" in policy_html and "榕府发〔2026〕3号" in policy_html
    assert "关于印发某办法的通知" in get(client, interp)

    report = add_page(
        portal.column(ColumnKey.DISCLOSURE_ANNUAL_REPORTS),
        AnnualReportPage(
            title="2025年政府信息公开工作年度报告",
            report_year=2025,
            summary="年度报告",
            topic_category="综合政务/政务公开",
            genre="报告",
            body=paragraph_body("报告正文"),
        ),
    )
    assert "年度报告" in get(client, report)
    for column in ColumnPage.objects.live()[:10]:
        get(client, column)


def test_unpublished_and_missing_pages_give_friendly_404(client, portal):
    draft = make_news(portal.column(ColumnKey.NEWS_HEADLINES), publish=False)
    response = client.get("/xwdt/rjyw/" + draft.slug + "/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert "网站标识码" in response.content.decode()


def test_column_with_1000_children_paginates(client, portal):
    """1,000 live items in one column: the first and last listing pages render.

    The items are inserted in one bulk operation with correct tree paths (the publication
    path itself is tested elsewhere), so the test measures the listing, not the setup."""
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    column = portal.unit_news_column("czj")
    base = timezone.now() - timedelta(days=1000)
    content_type = ContentType.objects.get_for_model(Page)
    pages = []
    for index in range(1000):
        slug = f"bulk-{index:04d}"
        pages.append(
            Page(
                title=f"批量新闻{index:04d}",
                slug=slug,
                live=True,
                path=Page._get_path(column.path, column.depth + 1, index + 1),
                depth=column.depth + 1,
                numchild=0,
                url_path=f"{column.url_path}{slug}/",
                content_type=content_type,
                locale_id=column.locale_id,
                first_published_at=base + timedelta(hours=index),
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=column.pk).update(numchild=1000)
    column.refresh_from_db()
    assert column.get_children().live().count() == 1000

    first = client.get(column.url).content.decode()
    assert "批量新闻0999" in first and "批量新闻0980" in first and "批量新闻0979" not in first
    assert "共 50 页" in first
    last = client.get(column.url, {"page": 50}).content.decode()
    assert "批量新闻0000" in last and "批量新闻0019" in last and "批量新闻0020" not in last
    assert 'href="/xwdt/bmdt/czj/bulk-0000/"' in last
    # out-of-range and junk page numbers still answer
    assert client.get(column.url, {"page": 999}).status_code == 200
    assert client.get(column.url, {"page": "abc"}).status_code == 200


@pytest.mark.slow
def test_query_budget_with_demo_content(client, portal):
    from home.demo import DemoBuilder

    DemoBuilder().run()
    assert NewsPage.objects.live().count() > 200
    client.get("/")  # renditions are generated on first view
    with CaptureQueriesContext(connection) as home_queries:
        response = client.get("/")
    assert response.status_code == 200
    assert len(home_queries) <= 15, [q["sql"] for q in home_queries]

    news = NewsPage.objects.live().filter(cover_image__isnull=False).first()
    client.get(news.url)
    with CaptureQueriesContext(connection) as news_queries:
        response = client.get(news.url)
    assert response.status_code == 200
    assert len(news_queries) <= 15, [q["sql"] for q in news_queries]
    assert Page.objects.live().count() > 300


def test_menu_follows_publication_without_stale_cache(client, portal):
    html = client.get("/").content.decode()
    assert "政务服务地图" not in html
    column = add_page(
        portal.home,
        ColumnPage(title="政务服务地图", slug="map", show_in_menus=True, content_kind="general"),
    )
    assert "政务服务地图" in client.get("/").content.decode()
    column.unpublish()
    assert "政务服务地图" not in client.get("/").content.decode()


def test_english_translation_is_served_with_english_chrome(client, portal):
    from wagtail.models import Locale

    english = Locale.objects.get(language_code="en")
    overview = portal.column(ColumnKey.OVERVIEW)
    page = add_page(
        overview,
        OverviewPage(title="县情概况", slug="xqgk", body=paragraph_body("榕江县位于黔东南。")),
    )
    translated = page.copy_for_translation(english, copy_parents=True)
    translated.title = "County Profile"
    translated.save_revision().publish()
    html = client.get("/en/zjrj/xqgk/").content.decode()
    assert "County Profile" in html and 'lang="en"' in html and "Published: " in html
    chinese = client.get(page.url).content.decode()
    assert 'hreflang="en"' in chinese


def test_participation_columns_link_to_their_forms(client, portal):
    html = client.get(portal.column(ColumnKey.DISCLOSURE_ON_REQUEST).url).content.decode()
    assert "在线申请政府信息公开" in html and 'href="/participation/apply/"' in html
    html = client.get(portal.column(ColumnKey.INTERACTION_MESSAGES).url).content.decode()
    assert "我要留言" in html
