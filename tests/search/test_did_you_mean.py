"""Did you mean: a query that finds nothing gets a vocabulary word of the same pinyin or
one character off, shown as a link (SQLite and PostgreSQL)."""

import pytest

from search import didyoumean
from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(portal):
    column = portal.unit_news_column("xzfb")
    make_news(column, title="古州镇开展森林防火宣传", body=paragraph_body("进村入户发放宣传资料。"))
    make_news(column, title="社会保障卡申领指南", body=paragraph_body("携带身份证到窗口办理。"))
    didyoumean.reset()
    yield
    didyoumean.reset()


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("森林放火", "森林防火"),  # same pinyin
        ("森林防伙", "森林防火"),  # one character off
        ("申岭指南", "申领指南"),  # a word replaced inside the query
    ],
)
def test_a_query_that_finds_nothing_gets_a_link_to_what_was_meant(client, pages, typed, meant):
    response = client.get("/search/", {"q": typed})
    html = response.content.decode()
    assert "没有找到" in html
    assert "您是不是要找" in html
    assert f'href="?q={meant}"' in html or f">{meant}</a>" in html
    followed = client.get("/search/", {"q": meant}).content.decode()
    assert "没有找到" not in followed


def test_a_query_with_results_gets_no_suggestion(client, pages):
    html = client.get("/search/", {"q": "森林防火"}).content.decode()
    assert "您是不是要找" not in html


def test_nothing_is_suggested_for_nonsense(client, pages):
    html = client.get("/search/", {"q": "量子纠缠"}).content.decode()
    assert "没有找到" in html and "您是不是要找" not in html
