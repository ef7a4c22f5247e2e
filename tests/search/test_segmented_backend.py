"""Chinese search through every Wagtail entry point (SQLite FTS5 and PostgreSQL)."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.segmentation import segmenter
from tests.factories import make_news, make_policy, paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(portal):
    headlines = portal.unit_news_column("xzfb")
    policies = portal.unit_catalogue_column("xzfb")
    a = make_news(
        headlines,
        title="县人民政府召开常务会议",
        body=paragraph_body("会议研究部署脱贫攻坚成果巩固工作，要求各乡镇抓好落实。"),
    )
    b = make_news(
        headlines,
        title="古州镇开展森林防火宣传",
        body=paragraph_body("镇政府组织干部职工进村入户发放宣传资料。"),
    )
    c = make_policy(
        policies,
        title="关于印发榕江县乡村振兴实施方案的通知",
        document_number="榕府办发〔2019〕12号",
        body=paragraph_body("为全面推进乡村振兴，加快农业农村现代化，制定本方案。"),
    )
    return a, b, c


def titles(results):
    return {p.title for p in results}


def test_backend_is_the_segmenting_one():
    backend = get_search_backend()
    assert type(backend).__name__ in {"ChineseSQLiteSearchBackend", "ChinesePostgresSearchBackend"}
    assert connection.vendor in type(backend).__name__.lower().replace("postgres", "postgresql")


@pytest.mark.parametrize(
    "word, expected",
    [
        ("人民政府", "县人民政府召开常务会议"),
        ("脱贫攻坚", "县人民政府召开常务会议"),
        ("通知", "关于印发榕江县乡村振兴实施方案的通知"),
        ("乡村振兴", "关于印发榕江县乡村振兴实施方案的通知"),
        ("森林防火", "古州镇开展森林防火宣传"),
        ("古州镇", "古州镇开展森林防火宣传"),
        ("农业农村现代化", "关于印发榕江县乡村振兴实施方案的通知"),
    ],
)
def test_page_objects_search_finds_chinese_words(pages, word, expected):
    found = titles(Page.objects.live().search(word))
    assert expected in found
    # and nothing that does not contain the word
    for page in Page.objects.live().search(word):
        text = page.specific.title + segmenter.index_text(str(getattr(page.specific, "body", "")))
        assert (
            word in page.specific.title
            or word in str(getattr(page.specific, "body", ""))
            or word in text
        )


def test_stock_behaviour_would_have_failed(pages):
    # the stock backend stores 县人民政府召开常务会议 as one token; ours stores words
    from wagtail.search.models import IndexEntry

    entry = IndexEntry.objects.get(object_id=str(pages[0].pk))
    if connection.vendor == "postgresql":
        # the tsvector holds the words; title_text keeps the text itself (exact phrases)
        assert "'人民政府'" in str(entry.title)
        assert entry.title_text == "县人民政府召开常务会议"
    else:
        assert "人民政府" in entry.title.split()


def test_queryset_search_and_filters(pages, portal):
    from news.models import NewsPage

    assert titles(NewsPage.objects.live().search("宣传")) == {"古州镇开展森林防火宣传"}
    assert titles(NewsPage.objects.search("乡村振兴")) == set()


def test_unknown_word_matches_nothing_even_if_its_characters_occur(pages):
    # 村 and 会 occur in the pages, 村会 never; 镇干 neither as a word
    assert list(Page.objects.live().search("村会")) == []
    assert list(Page.objects.live().search("量子纠缠")) == []
    assert list(Page.objects.live().search("府召")) == []


def test_all_words_must_match(pages):
    assert titles(Page.objects.live().search("人民政府 森林防火")) == set()
    assert titles(Page.objects.live().search("森林防火 宣传")) == {"古州镇开展森林防火宣传"}


def test_admin_page_search_uses_segmentation(pages, admin_client):
    # the admin searches titles (autocomplete), a whole word or one being typed
    for q in ("常务会议", "常务会", "召开常务"):
        response = admin_client.get("/admin/pages/search/", {"q": q})
        assert response.status_code == 200
        assert "县人民政府召开常务会议" in response.content.decode(), q
    response = admin_client.get("/admin/pages/search/", {"q": "量子纠缠"})
    assert "县人民政府召开常务会议" not in response.content.decode()


def test_autocomplete_prefix(pages):
    assert "县人民政府召开常务会议" in titles(Page.objects.live().autocomplete("人民政"))


def test_special_syntax_does_not_break_the_backend(pages):
    for q in [
        '"',
        "*",
        "OR",
        "NEAR(",
        "人民 OR",
        "-政府",
        "a:b",
        "((",
        "'; drop table x; --",
        "\x00",
        "🙂",
        '人民"政府',
    ]:
        list(Page.objects.live().search(q))
        list(Page.objects.live().autocomplete(q))
