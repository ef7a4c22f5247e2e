"""Issue 16 item 7: after a bulk load the planner knows the tables' sizes (ANALYZE), and a
search that runs too long answers "搜索繁忙" within the bound instead of holding a worker."""

import time

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from wagtail.models import Page

from portal.core.db import statement_timeout
from search import services
from tests import factories
from tests.migration.helpers import build_site, export, import_

pytestmark = pytest.mark.django_db


def planner_rows(table):
    """The row count the query planner believes ``table`` has."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            row = cursor.fetchone()
            return int(row[0]) if row else None
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NULL", [table])
        row = cursor.fetchone()
        if row is None:  # tables with an index carry the count on every index row
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            row = cursor.fetchone()
        return int(row[0].split()[0]) if row else None


def add_news(portal, count):
    from portal.core.columns import ColumnKey

    column = portal.column(ColumnKey.NEWS_HEADLINES)
    for n in range(count):
        factories.make_news(column, title=f"批量导入的新闻第{n}条")


def test_bootstrap_leaves_the_planner_knowing_the_table_sizes(portal):
    add_news(portal, 40)
    pages = Page.objects.count()
    assert planner_rows("wagtailcore_page") != pages  # stale after the load
    call_command("bootstrap_portal", stdout=None, stderr=None)
    assert planner_rows("wagtailcore_page") == Page.objects.count() == pages


def test_import_leaves_the_planner_knowing_the_table_sizes(portal, tmp_path):
    build_site(portal)
    add_news(portal, 30)
    export(tmp_path / "bundle")
    assert planner_rows("wagtailcore_page") != Page.objects.count()
    import_(tmp_path / "bundle")
    assert planner_rows("wagtailcore_page") == Page.objects.count()


SLOW_SQL = {
    # seconds of work, long past any bound under test
    "postgresql": "SELECT pg_sleep(20)",
    "sqlite": (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000) "
        "SELECT count(*) FROM c"
    ),
}


def run_slow_statement():
    with connection.cursor() as cursor:
        cursor.execute(SLOW_SQL[connection.vendor])


def test_statement_timeout_interrupts_a_long_statement():
    started = time.monotonic()
    with pytest.raises(DatabaseError):
        with statement_timeout(200):
            run_slow_statement()
    assert time.monotonic() - started < 5
    # the connection is usable afterwards, without the bound
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def test_a_search_past_its_time_answers_busy_not_500(client, portal, settings, monkeypatch):
    settings.PORTAL_SEARCH_TIMEOUT_MS = 200
    original = services.run_search

    def slow_search(params, base):
        run_slow_statement()
        return original(params, base)

    monkeypatch.setattr(services, "run_search", slow_search)
    started = time.monotonic()
    response = client.get("/search/", {"q": "春耕", "sort": "newest"})
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert "搜索繁忙，请稍后再试" in response.content.decode()
    assert response["Retry-After"]
    # the busy answer is not kept by the page cache: the next visitor gets results
    monkeypatch.setattr(services, "run_search", original)
    assert client.get("/search/", {"q": "春耕", "sort": "newest"}).status_code == 200


def test_update_index_leaves_the_planner_knowing_the_table_sizes(portal):
    add_news(portal, 20)
    assert planner_rows("wagtailcore_page") != Page.objects.count()
    call_command("update_index", stdout=None, stderr=None)
    assert planner_rows("wagtailcore_page") == Page.objects.count()
