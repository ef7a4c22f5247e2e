"""Issue 12 acceptance: each site's ``portal_stats --site KEY --year Y --verify`` is exact
while the other site publishes, withdraws and imports noise in the same year."""

import pytest

from portal.core.columns import ColumnKey
from portal.core.sites import default_site
from portal.statistics.models import DailyCount, PublicationEvent
from portal.statistics.recorder import (
    HistoricalPublication,
    rebuild_counters,
    record_historical_publications,
)
from tests.factories import make_catalog_item, make_news
from tests.statistics.helpers import at, delete, republish, unpublish

from .stats_sites import build_site, column, stats_json, verify_ok

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def second(tmp_path, portal):
    return build_site(tmp_path, "yixian", "乙县人民政府")


def unit_of(site, slug):
    from portal.units.models import Unit

    return Unit.objects.get(site=site, slug=slug)


def county_a_publishes(portal):
    site = default_site()
    headlines = column(site, ColumnKey.NEWS_HEADLINES)
    news = make_news(headlines, title="甲县要闻一", published_at=at(YEAR, 2, 1, 9))
    republish(news, at(YEAR, 2, 3, 9))
    make_news(headlines, title="甲县要闻二", published_at=at(YEAR, 6, 1, 9))
    withdrawn = make_news(headlines, title="甲县撤回", published_at=at(YEAR, 3, 1, 9))
    unpublish(withdrawn, at(YEAR, 3, 5, 9))
    czj = unit_of(site, "czj")
    make_catalog_item(
        czj.catalogue_column.specific, title="甲县财政公开", published_at=at(YEAR, 4, 2, 10)
    )
    return site


def county_b_noise(site):
    """Everything that moves counters, in site B and in the same year."""
    headlines = column(site, ColumnKey.NEWS_HEADLINES)
    pages = [
        make_news(headlines, title=f"乙县要闻{i}", published_at=at(YEAR, 1 + i, 10, 9))
        for i in range(5)
    ]
    republish(pages[0], at(YEAR, 7, 1, 9))
    unpublish(pages[1], at(YEAR, 7, 2, 9))  # withdrawn in the same year: taken back
    delete(pages[2], at(YEAR, 8, 1, 9))  # deleted in the same year
    unpublish(pages[3], at(YEAR, 8, 2, 9))
    republish(pages[3], at(YEAR, 8, 3, 9))  # restored
    b_czj = unit_of(site, "czj")
    make_catalog_item(
        b_czj.catalogue_column.specific, title="乙县财政公开", published_at=at(YEAR, 5, 5, 10)
    )
    # a historical import into B: by column, and by the page id of one of B's pages
    notices = column(site, ColumnKey.NEWS_NOTICES)
    record_historical_publications(
        [
            HistoricalPublication(page_id=900001, at=at(YEAR, 9, 1, 9), column=notices),
            HistoricalPublication(page_id=900002, at=at(YEAR, 9, 2, 9), column=notices.pk),
            HistoricalPublication(
                page_id=900002, at=at(YEAR, 9, 20, 9), event="unpublish", column=notices.pk
            ),
            HistoricalPublication(
                page_id=pages[4].pk, at=at(YEAR, 10, 1, 9), category="news", label="要闻"
            ),
        ]
    )
    return pages


def test_each_sites_figures_are_its_own_and_verify_is_exact(portal, second):
    site_a = county_a_publishes(portal)
    a_before = stats_json(YEAR)
    assert a_before == stats_json(YEAR, "--site", "rongjiang")
    assert a_before["news"]["labels"]["要闻"] == 2
    assert a_before["catalogue"]["total"] == 1
    assert stats_json(YEAR, "--site", "yixian")["total"] == 0
    a_rows = sorted(DailyCount.objects.filter(site_id=site_a.pk).values_list())

    pages = county_b_noise(second)

    # site A: not one figure moved, not one counter row changed
    assert stats_json(YEAR) == a_before
    assert stats_json(YEAR, "--site", "rongjiang") == a_before
    assert sorted(DailyCount.objects.filter(site_id=site_a.pk).values_list()) == a_rows
    # site B: its own figures
    b = stats_json(YEAR, "--site", "yixian")
    # 要闻: pages 0, 3, 4 (1 withdrawn, 2 deleted in the year); 通知公告: 900001 (900002
    # withdrawn in the same year)
    assert b["news"]["labels"]["要闻"] == 3
    assert b["news"]["total"] == 4
    assert b["catalogue"]["total"] == 1
    assert b["units"] and all(u["name"].startswith("从江县") or not u["code"] for u in b["units"])
    for extra in ((), ("--site", "rongjiang"), ("--site", "yixian")):
        ok, text = verify_ok(YEAR, *extra)
        assert ok, text
    # the log knows the site of every event, deletions and imports included
    assert set(
        PublicationEvent.objects.filter(page_id__in=[p.pk for p in pages]).values_list(
            "site_id", flat=True
        )
    ) == {second.pk}
    assert set(
        PublicationEvent.objects.filter(page_id__in=[900001, 900002]).values_list(
            "site_id", flat=True
        )
    ) == {second.pk}


def test_rebuilding_the_counters_touches_no_row_that_is_right(portal, second):
    site_a = county_a_publishes(portal)
    county_b_noise(second)
    a_rows = sorted(DailyCount.objects.filter(site_id=site_a.pk).values_list())
    b_report = stats_json(YEAR, "--site", "yixian")
    assert rebuild_counters() == 0  # the counters agree with the log: nothing written
    # damage B's counters only: a rebuild repairs B and leaves A's rows as they were
    DailyCount.objects.filter(site_id=second.pk).update(new_items=7)
    assert rebuild_counters(site=second) > 0
    assert stats_json(YEAR, "--site", "yixian") == b_report
    assert sorted(DailyCount.objects.filter(site_id=site_a.pk).values_list()) == a_rows


def test_events_copied_without_a_site_get_theirs_on_rebuild(portal, second):
    """A bundle's publication log arrives without sites (migration importer): the rebuild
    gives each event its page's, column's or unit's site before counting."""
    county_b_noise(second)
    b_report = stats_json(YEAR, "--site", "yixian")
    PublicationEvent.objects.filter(site_id=second.pk).update(site_id=0)
    DailyCount.objects.filter(site_id=second.pk).delete()
    rebuild_counters()
    assert not PublicationEvent.objects.filter(site_id=0).exists()
    assert stats_json(YEAR, "--site", "yixian") == b_report
    assert verify_ok(YEAR, "--site", "yixian")[0]


def test_unknown_site_and_foreign_unit_are_refused(portal, second):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="找不到站点代号"):
        call_command("portal_stats", "--year", str(YEAR), "--site", "nowhere")
    with pytest.raises(CommandError, match="不属于站点"):
        call_command(
            "portal_stats",
            "--year",
            str(YEAR),
            "--site",
            "yixian",
            "--unit",
            unit_of(default_site(), "czj").code,
        )
