"""Every publication event purges the URLs that show the page (portal/pagecache/signals.py),
in the in-app cache and through Wagtail's front-end cache backends.

Purges go out when the transaction commits; the test transaction never does, so each
publication here runs inside ``django_capture_on_commit_callbacks(execute=True)``."""

import pytest
from django.db import transaction
from wagtail.models import Locale

from home.models import LISTING_PAGE_SIZE
from portal.core.columns import ColumnKey
from tests.factories import UserFactory, make_news

HOST = "http://localhost"


def listing(column, pages):
    return {HOST + column.url} | {f"{HOST}{column.url}?page={n}" for n in range(1, pages + 2)}


@pytest.fixture
def unit_column(portal):
    return portal.unit_news_column("fgj")


def ancestors_listings(column, pages=1):
    """The column and every column above it, each with all its listing pages."""
    from home.models import ColumnPage

    urls = set()
    for ancestor in ColumnPage.objects.ancestor_of(column, inclusive=True):
        urls |= listing(ancestor, pages if ancestor.pk == column.pk else 1)
    return urls


def test_publish_purges_the_page_its_columns_and_the_home_page(
    portal, unit_column, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        news = make_news(unit_column, title="发改局动态")
    purged = set(page_cache.purged)
    assert HOST + news.url in purged
    assert HOST + "/" in purged
    # every column above it lists it: 政务动态 › 部门动态 › 发改局, all their listing pages
    missing = ancestors_listings(unit_column) - purged
    # listing pages beyond the last one that exists are not needed, only page 1 … last + 1
    assert not {u for u in missing if "?page=" not in u}, missing
    assert f"{HOST}{unit_column.url}?page=1" in purged


def test_all_pages_of_a_long_listing_are_purged(
    portal, unit_column, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(LISTING_PAGE_SIZE * 2):
            make_news(unit_column)
    page_cache.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        make_news(unit_column, title="第四十一条")
    purged = set(page_cache.purged)
    # 41 items: pages 1-3 of the column now, and page 4 (where the last item could have been)
    for n in (1, 2, 3, 4):
        assert f"{HOST}{unit_column.url}?page={n}" in purged


def test_unpublish_and_withdraw_purge_and_the_cached_copy_is_gone(
    client, portal, unit_column, page_cache, django_capture_on_commit_callbacks
):
    from portal.review.services import withdraw

    with django_capture_on_commit_callbacks(execute=True):
        news = make_news(unit_column, title="待撤稿的动态")
    assert client.get(news.url).status_code == 200
    assert client.get(news.url)["X-Page-Cache"] == "HIT"
    assert "待撤稿的动态" in client.get(unit_column.url).content.decode()
    admin = UserFactory(username="pagecache_admin", is_superuser=True)
    page_cache.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(news, admin, "内容有误")
    assert HOST + news.url in page_cache.purged
    assert HOST + unit_column.url in page_cache.purged
    gone = client.get(news.url)
    assert gone.status_code == 410
    assert gone["X-Accel-Expires"] == "60"  # nginx replaces its stored copy on refresh
    assert "待撤稿的动态" not in client.get(unit_column.url).content.decode()


def test_move_purges_old_and_new_places(
    client, portal, unit_column, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        news = make_news(unit_column, title="搬家的动态")
    old_url = news.url
    target = portal.unit_news_column("jyj")
    with django_capture_on_commit_callbacks(execute=True):
        news.move(target, pos="last-child")
    news.refresh_from_db()
    purged = set(page_cache.purged)
    assert {HOST + old_url, HOST + news.url, HOST + unit_column.url, HOST + target.url} <= purged
    moved = client.get(old_url)  # Wagtail's automatic redirect, which nginx keeps briefly
    assert moved.status_code == 301 and moved["Location"] == news.url
    assert moved["X-Accel-Expires"] == "60"


def test_delete_purges(portal, unit_column, page_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        news = make_news(unit_column, title="删除的动态")
    url = news.url
    with django_capture_on_commit_callbacks(execute=True):
        news.delete()
    assert {HOST + url, HOST + unit_column.url, HOST + "/"} <= set(page_cache.purged)


def test_translations_are_purged(portal, page_cache, django_capture_on_commit_callbacks):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    with django_capture_on_commit_callbacks(execute=True):
        news = make_news(column, title="有英文版的新闻")
        english = news.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=True
        )
        english.title = "News in English"
        english.save_revision().publish()
    page_cache.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    english.refresh_from_db()
    assert HOST + english.url in page_cache.purged
    assert english.url.startswith("/en/")


def test_one_batch_per_transaction_and_none_after_rollback(
    portal, unit_column, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        news = make_news(unit_column)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        try:
            with transaction.atomic():
                news.unpublish()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        news.save_revision().publish()
        other = make_news(unit_column)
    from portal.pagecache.signals import _Batch

    assert len([c for c in callbacks if isinstance(c, _Batch)]) == 1
    for callback in callbacks:
        callback()
    assert {HOST + news.url, HOST + other.url} <= set(page_cache.purged)
