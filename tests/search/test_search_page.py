"""The public search page /search/: results, highlighting, filters, sorting, pagination,
exact 文号/索引号, zero results, popular searches and promotions."""

import datetime
import re

import pytest
from django.utils import timezone

from portal.core.columns import ColumnKey
from tests.factories import make_interpretation, make_news, make_policy, paragraph_body

pytestmark = pytest.mark.django_db


def when(y, m, d):
    return timezone.make_aware(datetime.datetime(y, m, d, 10, 0))


@pytest.fixture
def site(portal):
    office_news = portal.unit_news_column("xzfb")
    edu_news = portal.unit_news_column("jyj")
    policies = portal.column(ColumnKey.DISCLOSURE_POLICY)
    pages = {
        "old_news": make_news(
            office_news,
            title="县政府部署脱贫攻坚工作",
            body=paragraph_body("全县脱贫攻坚推进会议召开，部署下一阶段任务。"),
            published_at=when(2023, 3, 1),
        ),
        "new_news": make_news(
            edu_news,
            title="教育局开展脱贫攻坚助学行动",
            body=paragraph_body("为巩固脱贫攻坚成果，县教育局发放助学金。"),
            published_at=when(2025, 9, 1),
        ),
        "policy": make_policy(
            policies,
            title="关于巩固拓展脱贫攻坚成果的实施意见",
            document_number="榕府办发〔2019〕12号",
            body=paragraph_body("为巩固拓展脱贫攻坚成果，同乡村振兴有效衔接，制定本意见。"),
            published_at=when(2024, 6, 1),
        ),
        "cites": make_policy(
            policies,
            title="关于做好防汛工作的通知",
            document_number="榕府办发〔2020〕3号",
            body=paragraph_body("根据榕府办发〔2019〕12号文件精神，做好防汛准备。"),
            published_at=when(2024, 7, 1),
        ),
    }
    pages["interpretation"] = make_interpretation(
        portal.column(ColumnKey.DISCLOSURE_INTERPRETATION),
        [pages["policy"]],
        title="图解：脱贫攻坚成果巩固实施意见",
        body=paragraph_body("一图读懂脱贫攻坚成果巩固的主要措施。"),
    )
    return pages


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response, response.content.decode()


def result_titles(response):
    context = response.context
    exact = [r.page.title for r in context["exact"]]
    return exact + [r.page.title for r in context["results"]]


def test_results_show_title_column_unit_date_and_highlighted_snippet(client, site):
    response, html = get(client, q="脱贫攻坚")
    titles = result_titles(response)
    assert set(titles) == {
        "县政府部署脱贫攻坚工作",
        "教育局开展脱贫攻坚助学行动",
        "关于巩固拓展脱贫攻坚成果的实施意见",
        "图解：脱贫攻坚成果巩固实施意见",
    }
    assert "<mark>脱贫攻坚</mark>助学行动" in html  # title highlighted
    assert "巩固<mark>脱贫攻坚</mark>成果，县教育局" in html  # snippet highlighted
    assert "榕江县教育局" in html  # unit
    assert "2025-09-01" in html  # date
    new_news = site["new_news"]
    assert new_news.get_parent().title in html  # column


def test_user_text_is_escaped(client, site):
    _, html = get(client, q="<script>alert(1)</script>脱贫攻坚")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_filter_by_type(client, site):
    response, _ = get(client, q="脱贫攻坚", type="newspage")
    assert set(result_titles(response)) == {"县政府部署脱贫攻坚工作", "教育局开展脱贫攻坚助学行动"}
    response, _ = get(client, q="脱贫攻坚", type="interpretationpage")
    assert result_titles(response) == ["图解：脱贫攻坚成果巩固实施意见"]
    response, _ = get(client, q="脱贫攻坚", type="policydocumentpage")
    assert result_titles(response) == ["关于巩固拓展脱贫攻坚成果的实施意见"]


def test_filter_by_unit_column_and_date(client, site, portal):
    response, _ = get(client, q="脱贫攻坚", unit="jyj")
    assert result_titles(response) == ["教育局开展脱贫攻坚助学行动"]
    news_top = portal.column(ColumnKey.NEWS)
    response, _ = get(client, q="脱贫攻坚", column=news_top.slug)
    assert set(result_titles(response)) == {"县政府部署脱贫攻坚工作", "教育局开展脱贫攻坚助学行动"}
    response, _ = get(client, q="脱贫攻坚", **{"from": "2024-01-01", "to": "2024-12-31"})
    assert result_titles(response) == ["关于巩固拓展脱贫攻坚成果的实施意见"]


def test_sort_newest(client, site):
    response, _ = get(client, q="脱贫攻坚", sort="newest", type="newspage")
    assert result_titles(response) == ["教育局开展脱贫攻坚助学行动", "县政府部署脱贫攻坚工作"]
    response, _ = get(client, q="脱贫攻坚", sort="newest", **{"to": "2024-12-31"})
    assert result_titles(response) == [
        "关于巩固拓展脱贫攻坚成果的实施意见",
        "县政府部署脱贫攻坚工作",
    ]


def test_pagination_keeps_query_and_filters(client, portal):
    column = portal.unit_news_column("xzfb")
    for i in range(13):
        make_news(
            column, title=f"森林防火宣传第{i + 1}期", body=paragraph_body("森林防火，人人有责。")
        )
    response, html = get(client, q="森林防火", type="newspage")
    assert len(response.context["results"]) == 10
    assert "page=2" in html and "type=newspage" in html
    response, _ = get(client, q="森林防火", type="newspage", page="2")
    assert len(response.context["results"]) == 3
    response, _ = get(client, q="森林防火", page="999")  # past the end: the last page
    assert len(response.context["results"]) == 3


@pytest.mark.parametrize(
    "typed",
    [
        "榕府办发〔2019〕12号",
        "榕府办发[2019]12号",
        "榕府办发(2019)12号",
        "榕府办发（2019）12号",
        "榕府办发［2019］12号",
        " 榕府办发 [2019] 12 号 ",
    ],
)
def test_document_number_puts_the_exact_match_first(client, site, typed):
    response, html = get(client, q=typed)
    titles = result_titles(response)
    assert titles[0] == "关于巩固拓展脱贫攻坚成果的实施意见"
    assert response.context["exact"][0].exact
    assert "精确匹配" in html
    assert titles.count(titles[0]) == 1


def test_index_number_puts_the_exact_match_first(client, site):
    policy = site["policy"]
    policy.refresh_from_db()
    assert policy.index_number
    response, _ = get(client, q=policy.index_number.lower())
    assert result_titles(response)[0] == policy.title


def test_zero_results_suggest_fewer_words_and_popular_searches(client, site):
    from search.models import ApprovedSearchTerm

    ApprovedSearchTerm.objects.create(query="脱贫攻坚")
    for n in range(3):  # three visitors searched it (tests/search/test_popular_searches.py)
        client.get("/search/", {"q": "脱贫攻坚"}, REMOTE_ADDR=f"10.0.0.{n}")
    response, html = get(client, q="脱贫攻坚 量子纠缠")
    assert response.context["results"] == []
    assert "没有找到" in html
    assert "脱贫攻坚" in response.context["suggestions"]
    assert 'href="?q=%E8%84%B1%E8%B4%AB%E6%94%BB%E5%9D%9A"' in html  # suggestion link
    assert "热门搜索" in html


def test_popular_searches_come_from_hits_and_filter_junk(client, site):
    from search.models import ApprovedSearchTerm, PopularSearchHit

    for query in ("脱贫攻坚", "防汛", "量子纠缠", "<script>", "1234567", "x"):
        ApprovedSearchTerm.objects.create(query=query)  # approval alone does not show them

    def search_from(n, q):
        client.get("/search/", {"q": q}, REMOTE_ADDR=f"10.0.0.{n}")

    for n in range(4):
        search_from(n, "脱贫攻坚")
    for n in range(3):
        search_from(n, "防汛")
        search_from(n, "量子纠缠")  # nothing found: not counted
    today = timezone.localdate()
    for junk in ["<script>", "' OR 1=1 --", "http://spam.example", "1234567", "x"]:
        for n in range(5):
            PopularSearchHit.objects.create(query=junk, day=today, client=f"c{n}")
    response, html = get(client, q="")
    popular = response.context["popular"]
    assert popular[0] == "脱贫攻坚"
    assert "防汛" in popular
    assert "量子纠缠" not in popular
    assert not any(
        j in popular for j in ["<script>", "' or 1=1 --", "http://spam.example", "1234567", "x"]
    )


def test_promoted_results(client, site, portal):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get("办事指南"), page=site["policy"], description="县政府办事指南汇总"
    )
    response, html = get(client, q="办事指南")
    assert "search-result--promoted" in html
    assert "县政府办事指南汇总" in html
    assert site["policy"].title in html


def test_long_query_is_cut_and_still_answers(client, site):
    response, html = get(client, q="脱贫攻坚" * 100)
    assert "搜索词过长" in html
    assert len(response.context["query"]) == 60


def test_unpublished_pages_are_not_found(client, portal):
    make_news(portal.unit_news_column("xzfb"), title="草稿：防汛抢险预案", publish=False)
    response, _ = get(client, q="防汛抢险")
    assert result_titles(response) == []


def test_api_v2_search_is_segmented(client, site):
    response = client.get("/api/v2/pages/", {"search": "脱贫攻坚", "type": "news.NewsPage"})
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {"县政府部署脱贫攻坚工作", "教育局开展脱贫攻坚助学行动"}
    response = client.get("/api/v2/pages/", {"search": "量子纠缠"})
    assert response.json()["items"] == []


def test_snippet_highlight_helpers():
    from search.services import highlight, highlight_pattern, snippet

    pattern = highlight_pattern(["人民政府", "通知"])
    assert (
        highlight("县人民政府<通知>", pattern) == "县<mark>人民政府</mark>&lt;<mark>通知</mark>&gt;"
    )
    text = "前言" * 100 + "县人民政府发布通知" + "结尾" * 100
    result = snippet(text, pattern)
    assert "<mark>人民政府</mark>" in result and result.startswith("…")
    assert len(re.sub(r"<[^>]+>", "", result)) <= 125


def test_count_is_capped_and_the_page_says_so(client, site, monkeypatch):
    from wagtail.models import Page

    from search import services

    # four pages say 脱贫攻坚; with a cap of 3 the backend stops counting at the cap
    live = Page.objects.live()
    assert live.search("脱贫攻坚", operator="and").count() == 4
    assert live.search("脱贫攻坚", operator="and").count_capped(3) == (3, True)
    assert live.search("脱贫攻坚", operator="and").count_capped(4) == (4, False)
    assert live.search("脱贫攻坚", operator="and").count_capped(10) == (4, False)
    # filtered: only the pages of the queryset are counted (the slow path of the SQLite count)
    news = live.filter(title__contains="脱贫攻坚工作")
    assert news.search("脱贫攻坚", operator="and").count_capped(0) == (0, True)
    assert news.search("脱贫攻坚", operator="and").count_capped(1) == (1, False)
    assert live.search("量子纠缠", operator="and").count_capped(3) == (0, False)

    monkeypatch.setattr(services, "COUNT_CAP", 3)
    response, html = get(client, q="脱贫攻坚")
    assert response.context["total_capped"] is True
    assert "约有 <strong>3</strong> 条以上" in html
    assert len(response.context["results"]) == 3
    # below the cap: the exact figure, as before
    monkeypatch.setattr(services, "COUNT_CAP", 1000)
    response, html = get(client, q="脱贫攻坚")
    assert response.context["total_capped"] is False
    assert "找到 <strong>4</strong> 条" in html


@pytest.mark.parametrize(
    "q, title, url",
    [
        ("县长信箱", "我要写信（县长信箱）", "/participation/messages/new/"),
        ("我要留言", "我要写信（县长信箱）", "/participation/messages/new/"),
        ("依申请公开", "依申请公开（在线申请）", "/participation/apply/"),
        ("政府信息公开申请", "依申请公开（在线申请）", "/participation/apply/"),
    ],
)
def test_service_entries_are_found_by_their_names(client, site, q, title, url):
    response, html = get(client, q=q)
    assert "服务入口" in html
    assert f'<a href="{url}">{title}</a>' in html


def test_the_service_guide_column_is_an_entry(client, site, portal):
    from portal.core.columns import ColumnKey

    column = portal.column(ColumnKey.SERVICES)
    response, html = get(client, q="办事指南")
    assert f'<a href="{column.url}">办事服务（办事指南）</a>' in html


def test_snippet_is_centred_on_the_phrase_and_marks_whole_words(client, portal):
    from tests.factories import make_news, paragraph_body

    filler = "本办法自发布之日起施行，各单位应当认真贯彻执行。" * 6
    make_news(
        portal.unit_news_column("xzfb"),
        title="便民服务通知",
        body=paragraph_body(filler + "持社会保障卡到窗口办理，银行卡不能代替。" + filler),
    )
    response, html = get(client, q="社保卡办理")
    snippet = response.context["results"][0].snippet_html
    assert "<mark>社会保障卡</mark>" in snippet  # the synonym, as a whole word
    assert "银行<mark>卡</mark>" not in snippet  # never a lone character inside a word
    assert "<mark>办理</mark>" in snippet
    # centred: the match is in the middle of the snippet, not at its start
    position = snippet.index("<mark>社会保障卡</mark>")
    assert 30 < position < len(snippet) - 30
    assert "找到 <strong>1</strong> 条" in html
