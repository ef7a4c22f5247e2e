"""Issue 15 item 1: the 信息公开目录 is browsable by 主题分类, 体裁, 发布机构 and year, lists
索引号 and 文号, paginates server-side keeping the filters; the 规范性文件 library shows
and filters validity. Query counts do not grow with the number of items."""

import datetime as dt

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from disclosure_catalog.models import CatalogIndexPage
from portal.core.columns import ColumnKey
from tests.factories import make_catalog_item, make_policy

pytestmark = pytest.mark.django_db


def at(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.fixture
def catalogue(portal):
    # bootstrap creates both below the home page (test_plain_bootstrap.py)
    return CatalogIndexPage.objects.child_of(portal.home).get(normative_only=False)


@pytest.fixture
def library(portal):
    return CatalogIndexPage.objects.child_of(portal.home).get(normative_only=True)


@pytest.fixture
def items(portal):
    finance = portal.unit_catalogue_column("czj")
    office_policies = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    return {
        "budget": make_catalog_item(
            finance,
            title="县财政局2025年部门预算公开",
            topic_category="财政、金融、审计/财政",
            genre="报告",
            published_at=at(2025, 3, 1, 9),
        ),
        "audit": make_catalog_item(
            finance,
            title="县财政局2026年审计整改情况",
            topic_category="财政、金融、审计/审计",
            genre="公告",
            published_at=at(2026, 2, 1, 9),
        ),
        "policy": make_policy(
            office_policies,
            title="榕江县农村公路养护管理办法",
            document_number="榕府发〔2026〕3号",
            topic_category="工业、交通/公路",
            genre="意见",
            is_normative=True,
            published_at=at(2026, 4, 1, 9),
        ),
    }


def rows(html):
    tree = lxml_html.fromstring(html)
    out = []
    for tr in tree.xpath("//table[@class='catalog-table']/tbody/tr"):
        out.append({td.get("data-label"): td.text_content().strip() for td in tr.xpath("./td")})
    return out


def test_listing_shows_index_numbers_and_document_numbers(client, catalogue, items):
    html = client.get(catalogue.url).content.decode()
    listed = rows(html)
    assert [r["名称"] for r in listed] == [
        "榕江县农村公路养护管理办法",
        "县财政局2026年审计整改情况",
        "县财政局2025年部门预算公开",
    ]
    policy = listed[0]
    assert policy["索引号"] == items["policy"].index_number and "/2026-" in policy["索引号"]
    assert policy["文号"] == "榕府发〔2026〕3号"
    assert policy["发布机构"] == "榕江县人民政府办公室"
    assert policy["发布日期"] == "2026-04-01"
    assert listed[1]["发布机构"] == "榕江县财政局"
    assert "共 3 条信息" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("topic=财政、金融、审计", ["县财政局2026年审计整改情况", "县财政局2025年部门预算公开"]),
        ("topic=财政、金融、审计/审计", ["县财政局2026年审计整改情况"]),
        ("genre=意见", ["榕江县农村公路养护管理办法"]),
        ("year=2025", ["县财政局2025年部门预算公开"]),
        ("q=榕府发〔2026〕3号", ["榕江县农村公路养护管理办法"]),
    ],
)
def test_filters(client, catalogue, items, query, expected):
    html = client.get(f"{catalogue.url}?{query}").content.decode()
    assert [r["名称"] for r in rows(html)] == expected


def test_unit_filter_and_filters_keep_their_values(client, catalogue, items, portal):
    finance = portal.unit("czj")
    html = client.get(f"{catalogue.url}?unit={finance.pk}&year=2026&genre=公告").content.decode()
    assert [r["名称"] for r in rows(html)] == ["县财政局2026年审计整改情况"]
    tree = lxml_html.fromstring(html)

    def selected(name):
        return tree.xpath(f"//select[@name='{name}']/option[@selected]")[0].text

    assert selected("unit") == "榕江县财政局"
    assert selected("year") == "2026年"
    assert selected("genre") == "公告"
    assert "清除筛选" in html
    # the years offered are those with items
    assert [o.text for o in tree.xpath("//select[@name='year']/option")][1:] == ["2026年", "2025年"]


def test_empty_state_in_chinese_and_invalid_filters_reported(client, catalogue, items):
    html = client.get(f"{catalogue.url}?genre=命令&year=2019").content.decode()
    assert rows(html) == []
    assert "没有符合筛选条件的信息，请调整筛选条件后再试。" in html
    html = client.get(f"{catalogue.url}?genre=不存在的体裁").content.decode()
    assert "以下筛选条件无效，已忽略：体裁。" in html
    assert len(rows(html)) == 3


def test_pagination_keeps_the_filters(client, catalogue, portal):
    column = portal.unit_catalogue_column("czj")
    for day in range(1, 24):
        make_catalog_item(column, genre="通知", published_at=at(2026, 1, day, 9))
    make_catalog_item(column, genre="公告", published_at=at(2026, 1, 28, 9))
    html = client.get(f"{catalogue.url}?genre=通知").content.decode()
    assert len(rows(html)) == 20
    assert "第 1 页 / 共 2 页（23 条）" in html
    assert 'href="?genre=%E9%80%9A%E7%9F%A5&amp;page=2"' in html
    second = client.get(f"{catalogue.url}?genre=通知&page=2").content.decode()
    assert len(rows(second)) == 3


def test_query_count_does_not_grow_with_items(client, catalogue, portal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        client.get(url)  # the per-worker caches (site, route, identity, menu) warm
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured.captured_queries), html

    column = portal.unit_catalogue_column("czj")
    make_catalog_item(column, published_at=at(2026, 1, 1, 9))
    few, _html = queries(catalogue.url + "?genre=通知")
    for day in range(2, 26):
        make_catalog_item(column, published_at=at(2026, 1, day, 9))
    many, html = queries(catalogue.url + "?genre=通知")
    assert len(rows(html)) == 20
    # units, years, count, the page of items (+ the request's own lookups): not per item
    assert many == few
    assert many <= 8


def test_normative_library_shows_and_filters_validity(client, library, portal):
    column = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    make_policy(column, title="现行有效的办法", is_normative=True, published_at=at(2025, 1, 5, 9))
    repealed = make_policy(
        column,
        title="已废止的规定",
        is_normative=True,
        validity="废止",
        invalid_date=dt.date(2026, 3, 1),
        published_at=at(2024, 6, 1, 9),
    )
    make_policy(column, title="不是规范性文件", is_normative=False, published_at=at(2025, 2, 1, 9))
    html = client.get(library.url).content.decode()
    listed = {r["名称"]: r for r in rows(html)}
    assert set(listed) == {"现行有效的办法", "已废止的规定"}
    assert listed["现行有效的办法"]["有效性"] == "有效"
    assert listed["已废止的规定"]["有效性"] == "废止（2026-03-01）"
    assert repealed.index_number in html
    html = client.get(library.url + "?validity=废止").content.decode()
    assert [r["名称"] for r in rows(html)] == ["已废止的规定"]
