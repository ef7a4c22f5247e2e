"""Stable segmentation, phrase and proximity ranking, quoted phrases (SQLite and PostgreSQL)."""

import pytest
from wagtail.models import Page

from search.segmentation import segmenter
from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db

FILLER = "本办法自发布之日起施行，各单位应当认真贯彻执行。"


def ranked_titles(q):
    return [p.title for p in Page.objects.live().search(q)]


@pytest.fixture
def column(portal):
    return portal.unit_news_column("xzfb")


@pytest.mark.parametrize(
    "text, word",
    [
        ("办理社会保障卡挂失手续。", "保障卡"),
        ("鼓励外国投资者并购境内企业。", "外国投资"),
    ],
)
def test_a_word_is_found_however_jieba_cut_the_text(column, text, word):
    # the precondition of the test: in this text jieba did not cut the word as such
    assert word not in segmenter.words(text)
    assert word not in set(segmenter.index_tokens(text))
    make_news(column, title="通知", body=paragraph_body(text))
    assert ranked_titles(word) == ["通知"]


def test_no_match_inside_another_word_through_single_characters(column):
    make_news(column, title="县人民政府召开常务会议", body=paragraph_body(FILLER))
    assert ranked_titles("府召") == []  # 政府 + 召开: no word 府召 anywhere
    assert ranked_titles("村会") == []


def test_adjacent_words_rank_above_scattered_words(column):
    scattered = (
        "加强宣传工作，组织宣传活动，开展宣传教育。"
        + FILLER * 3
        + "做好森林防火，落实森林防火责任。"
    )
    make_news(column, title="工作要点", body=paragraph_body(scattered))
    make_news(column, title="活动简报", body=paragraph_body(FILLER + "开展森林防火宣传。" + FILLER))
    assert ranked_titles("森林防火宣传") == ["活动简报", "工作要点"]


def test_title_match_ranks_above_body_match(column):
    make_news(
        column,
        title="全县工作会议",
        body=paragraph_body("推进乡村振兴，巩固乡村振兴成果，乡村振兴见实效。" + FILLER),
    )
    make_news(column, title="乡村振兴工作推进会", body=paragraph_body(FILLER))
    assert ranked_titles("乡村振兴")[0] == "乡村振兴工作推进会"


@pytest.mark.parametrize("quote", ["“{}”", '"{}"'])
def test_quoted_query_requires_the_exact_phrase(column, quote):
    make_news(column, title="工作要点", body=paragraph_body("森林资源保护。做好防火宣传。"))
    make_news(column, title="活动简报", body=paragraph_body("开展森林防火宣传。"))
    assert set(ranked_titles("森林防火宣传")) >= {"活动简报"}
    assert set(ranked_titles("森林 防火")) == {"工作要点", "活动简报"}
    assert ranked_titles(quote.format("森林防火")) == ["活动简报"]
    assert ranked_titles(quote.format("资源保护。做好防火")) == ["工作要点"]
    assert ranked_titles(quote.format("防火宣传活动")) == []
