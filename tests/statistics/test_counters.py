"""Publication counters moved by Wagtail's publish / unpublish / delete events."""

import pytest

from portal.core.columns import ColumnKey
from portal.statistics.models import DailyCount, PublicationEvent
from portal.statistics.reports import annual_report
from tests.factories import add_page, make_catalog_item, make_news, paragraph_body

from .helpers import at, delete, republish, stats_json, unpublish, verify_ok

pytestmark = pytest.mark.django_db


def overview_page(portal, title="县情概况", when=None):
    from home.models import OverviewPage

    page = OverviewPage(title=title, body=paragraph_body("概况正文"))
    return add_page(portal.column(ColumnKey.OVERVIEW), page, published_at=when)


def test_real_publish_counts_today_under_the_units_label(portal):
    from django.utils import timezone

    unit = portal.unit(portal_first_department_slug())
    page = make_news(unit.news_column.specific)  # revision.publish, now
    year = timezone.localdate().year
    report = annual_report(year)
    assert report["news"]["total"] == 1
    assert report["news"]["labels"]["部门动态"] == 1
    assert report["total"] == 1
    row = PublicationEvent.objects.get(page_id=page.pk)
    assert row.first_publication and row.unit_id == unit.pk
    assert row.column_id == unit.news_column_id
    unit_rows = {u["code"]: u for u in report["units"]}
    assert unit_rows[unit.code]["news"] == 1
    assert verify_ok(year)[0]


def portal_first_department_slug():
    from portal.units.models import Unit, UnitKind

    return Unit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("sort_order", "pk")[0].slug


def test_republishing_counts_once_for_items_but_every_time_for_overview(portal):
    news = make_news(portal.column(ColumnKey.NEWS_HEADLINES), published_at=at(2019, 3, 1, 9))
    republish(news, at(2019, 3, 2, 9))
    republish(news, at(2019, 4, 2, 9))
    overview = overview_page(portal, when=at(2019, 1, 5, 10))
    republish(overview, at(2019, 6, 1, 10))
    republish(overview, at(2019, 7, 1, 10))
    report = stats_json(2019)
    assert report["news"]["labels"]["要闻"] == 1
    assert report["overview_updates"] == 3
    assert report["total"] == 4
    assert report["months"][5]["overview_updates"] == 1  # June
    assert verify_ok(2019)[0]


def test_withdrawal_in_the_same_year_takes_the_item_back_and_republish_restores_it(portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    withdrawn = make_news(column, published_at=at(2019, 2, 1, 9))
    unpublish(withdrawn, at(2019, 2, 3, 9))
    restored = make_news(column, published_at=at(2019, 5, 1, 9))
    unpublish(restored, at(2019, 5, 2, 9))
    republish(restored, at(2019, 5, 3, 9))
    later = make_news(column, published_at=at(2019, 11, 1, 9))
    unpublish(later, at(2020, 1, 10, 9))  # a later year does not reopen 2019
    deleted_later = make_news(column, published_at=at(2019, 12, 31, 23, 50))
    delete(deleted_later, at(2020, 3, 1, 9))
    deleted_now = make_news(column, published_at=at(2019, 8, 1, 9))
    delete(deleted_now, at(2019, 8, 5, 9))
    report = stats_json(2019)
    assert report["news"]["labels"]["要闻"] == 3  # restored, later, deleted_later
    assert report["months"][1]["news"] == 0  # February's item was withdrawn
    assert report["months"][4]["news"] == 1
    assert stats_json(2020)["news"]["total"] == 0
    assert verify_ok(2019)[0] and verify_ok(2020)[0]
    assert PublicationEvent.objects.filter(page_id=deleted_now.pk, event="delete").exists()


def test_drafts_and_deleted_drafts_leave_no_trace(portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    draft = make_news(column, publish=False, live=False)
    gone = make_news(column, publish=False, live=False)
    gone.delete()
    assert not PublicationEvent.objects.filter(page_id__in=[draft.pk, gone.pk]).exists()
    assert not DailyCount.objects.filter(new_items__gt=0).exists()


def test_year_boundary_follows_the_sites_time_zone(portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    make_news(column, published_at=at(2019, 1, 1, 0, 5))  # 2018-12-31 16:05 UTC
    make_news(column, published_at=at(2018, 12, 31, 23, 55))
    assert stats_json(2019)["news"]["total"] == 1
    assert stats_json(2018)["news"]["total"] == 1


def test_catalogue_labels_and_interpretations(portal):
    from disclosure_catalog.models import InterpretationPage, PolicyDocumentPage  # noqa: F401
    from tests.factories import make_interpretation, make_policy

    policy_column = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    policy = make_policy(policy_column, published_at=at(2019, 4, 1, 9), is_normative=True)
    make_interpretation(portal.column(ColumnKey.DISCLOSURE_INTERPRETATION), [policy])
    unit = portal.unit(portal_first_department_slug())
    make_catalog_item(unit.catalogue_column.specific, published_at=at(2019, 4, 2, 9))
    from django.utils import timezone

    report = annual_report(2019)
    assert report["catalogue"]["labels"]["政策文件"] == 1
    assert report["catalogue"]["labels"]["部门信息公开目录"] == 1
    this_year = annual_report(timezone.localdate().year)
    assert this_year["interpretations"]["total"] == 1
    assert this_year["interpretations"]["materials"] == 1
    assert this_year["catalogue"]["labels"]["政策解读"] == 1


def test_verify_names_a_difference_and_fails(portal):
    make_news(portal.column(ColumnKey.NEWS_HEADLINES), published_at=at(2019, 3, 1, 9))
    row = DailyCount.objects.get(new_items=1)
    row.new_items = 5
    row.save()
    ok, message = verify_ok(2019)
    assert not ok
    assert "news.total" in message and "要闻" in message


def test_unit_filter(portal):
    from portal.units.models import Unit, UnitKind

    townships = list(Unit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("pk")[:2])
    make_news(townships[0].news_column.specific, published_at=at(2019, 3, 1, 9))
    make_news(townships[0].news_column.specific, published_at=at(2019, 3, 2, 9))
    make_news(townships[1].news_column.specific, published_at=at(2019, 3, 3, 9))
    report = stats_json(2019, "--unit", townships[0].code)
    assert report["unit"]["code"] == townships[0].code
    assert report["news"]["labels"]["乡镇动态"] == 2
    assert stats_json(2019)["news"]["labels"]["乡镇动态"] == 3


def test_aliases_are_not_counted_again(portal):
    headlines = portal.column(ColumnKey.NEWS_HEADLINES)
    page = make_news(headlines, published_at=at(2019, 3, 1, 9))
    alias = page.create_alias(parent=portal.column(ColumnKey.NEWS_NOTICES))
    republish(page, at(2019, 3, 5, 9))  # Wagtail republishes the alias too
    assert not PublicationEvent.objects.filter(page_id=alias.pk).exists()
    report = stats_json(2019)
    assert report["news"]["total"] == 1 and report["news"]["labels"].get("通知公告", 0) == 0


def test_a_live_publish_of_a_page_with_an_old_time_counts_now(portal):
    """E.g. a copy of an old page keeping the original's first_published_at: it is new now
    and does not reopen the original's year."""
    from django.utils import timezone
    from wagtail.models import Page

    headlines = portal.column(ColumnKey.NEWS_HEADLINES)
    make_news(headlines, published_at=at(2019, 3, 1, 9))
    before = stats_json(2019)
    page = make_news(headlines, publish=False)
    Page.objects.filter(pk=page.pk).update(first_published_at=at(2019, 3, 1, 9))
    page.refresh_from_db()
    page.get_latest_revision().publish(log_action=False, skip_permission_checks=True)
    assert stats_json(2019) == before
    assert annual_report(timezone.localdate().year)["news"]["labels"]["要闻"] == 1


def test_historical_republication_of_an_unseen_page_infers_its_first_publication(portal):
    from django.utils import timezone

    from portal.core.history import publish_with_time
    from portal.statistics.models import PublicationEvent as Event

    page = make_news(portal.column(ColumnKey.NEWS_HEADLINES), publish=False)
    publish_with_time(page, at(2020, 5, 1, 9), first_published_at=at(2019, 6, 1, 9))
    rows = list(Event.objects.filter(page_id=page.pk).order_by("at"))
    assert [r.first_publication for r in rows] == [True, False]
    assert timezone.localtime(rows[0].at).year == 2019
    assert stats_json(2019)["news"]["total"] == 1
    assert stats_json(2020)["news"]["total"] == 0


def test_rebuild_from_the_log_gives_the_same_counters(portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    kept = make_news(column, published_at=at(2019, 2, 1, 9))
    republish(kept, at(2019, 2, 9, 9))
    gone = make_news(column, published_at=at(2019, 3, 1, 9))
    unpublish(gone, at(2019, 3, 2, 9))
    overview = overview_page(portal, when=at(2019, 4, 1, 9))
    republish(overview, at(2019, 5, 1, 9))
    before = stats_json(2019)
    assert before["news"]["total"] == 1 and before["overview_updates"] == 2
    DailyCount.objects.all().delete()
    assert stats_json(2019)["total"] == 0
    assert not verify_ok(2019)[0]
    after = stats_json(2019, "--rebuild")
    assert after == before
    assert verify_ok(2019)[0]
