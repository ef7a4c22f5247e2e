"""What the search page's speed work must keep (issue 18 item 5): a page made private
leaves the results at once, the filter form shows every column, unit and type with the
chosen one selected, and a unit added joins the form."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(portal):
    column = portal.unit_news_column("xzfb")
    return [
        make_news(column, title="古州镇开展森林防火宣传", body=paragraph_body("发放宣传资料。")),
        make_news(column, title="县里部署森林防火工作", body=paragraph_body("森林防火会议。")),
    ]


def found(client, q):
    return [r.page.pk for r in client.get("/search/", {"q": q}).context["results"]]


def test_a_page_made_private_leaves_the_results(client, news):
    assert set(found(client, "森林防火")) == {news[0].pk, news[1].pk}
    restriction = PageViewRestriction.objects.create(
        page=news[0], restriction_type=PageViewRestriction.LOGIN
    )
    assert found(client, "森林防火") == [news[1].pk]
    restriction.delete()
    assert set(found(client, "森林防火")) == {news[0].pk, news[1].pk}


def test_the_filter_form_lists_columns_units_and_types(client, news, portal):
    from portal.units.models import Unit
    from search import services

    unit = Unit.objects.get(slug="xzfb")
    response = client.get("/search/", {"q": "森林防火", "unit": unit.slug, "sort": "newest"})
    html = response.content.decode()
    assert f'<option value="{unit.slug}" selected>{unit.name}</option>' in html
    assert '<option value="newest" selected>最新发布</option>' in html
    for column in services.top_columns():
        assert f'<option value="{column.slug}">{column.title}</option>' in html
    for key, label in services.type_choices():
        assert f'<option value="{key}">{label}</option>' in html
    assert '<option value="">全部单位</option>' in html
    # a unit added shows in the form at once (the choices are remembered per generation)
    Unit.objects.create(
        name="县测试<局>", short_name="测试局", code="T1", slug="ceshi", kind=unit.kind
    )
    html = client.get("/search/", {"q": "森林防火"}).content.decode()
    assert '<option value="ceshi">县测试&lt;局&gt;</option>' in html


def test_a_promotion_added_shows_at_once(client, news):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    assert client.get("/search/", {"q": "森林防火"}).context["promoted"] == []
    SearchPromotion.objects.create(
        query=Query.get("森林防火"), page=news[1], description="防火专题"
    )
    assert "防火专题" in client.get("/search/", {"q": "森林防火"}).content.decode()


def _queries(client, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries], response


def _rows_read_again(statements):
    """Statements that read a page's row, a unit or a column: what a repeated search takes
    from the worker's memory instead (the search's own statements — on PostgreSQL a
    savepoint, the statement timeout, the planner settings and the window of newest
    matches — are left)."""
    page_row = 'SELECT "wagtailcore_page"."id", "wagtailcore_page"."path"'
    return [
        sql
        for sql in statements
        if sql.startswith(page_row)
        or '"units_unit"' in sql
        or '"news_newspage"' in sql
        or '"home_columnpage"' in sql
    ]


def test_a_search_seen_before_reuses_its_pages_and_a_publication_shows_at_once(client, news):
    """The result pages, their columns and units are remembered in the worker (issue 18 item
    5): a search repeated by the same visitor costs only the search itself, and a title
    changed and published shows in the very next search."""
    first, _ = _queries(client, {"q": "森林防火"})
    assert _rows_read_again(first)  # the first search reads its pages, units and columns
    again, response = _queries(client, {"q": "森林防火"})
    assert len(again) < len(first)
    assert _rows_read_again(again) == [], "a search seen before read its rows again"
    assert "古州镇开展森林防火宣传" in _text(response)

    page = news[0]
    page.title = "古州镇开展森林防火专项宣传"
    page.save_revision().publish()
    text = _text(client.get("/search/", {"q": "森林防火"}))
    assert "古州镇开展森林防火专项宣传" in text
    assert "古州镇开展森林防火宣传" not in text


def _text(response):
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")
