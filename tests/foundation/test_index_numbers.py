"""索引号: {unit code}/{YYYY}-{NNNNN}, serial per unit per year, assigned on first
publication, never reused, unique under concurrent publication."""

import re
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import close_old_connections, connection

from disclosure_catalog.index_numbers import allocate_index_number
from disclosure_catalog.models import CatalogItemPage
from tests.factories import make_catalog_item, make_policy
from tests.requirements import require_postgres

TZ = ZoneInfo("Asia/Shanghai")


def test_format_and_assigned_on_first_publication(portal):
    unit = portal.unit("czj")
    column = portal.unit_catalogue_column("czj")
    draft = make_catalog_item(column, publish=False)
    assert draft.index_number is None
    draft.save_revision().publish()
    draft.refresh_from_db()
    year = datetime.now(TZ).year
    assert re.fullmatch(rf"{unit.code}/{year}-\d{{5}}", draft.index_number)

    # republishing keeps the number
    number = draft.index_number
    draft.title = "修改后的标题"
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.index_number == number


def test_serials_are_per_unit_and_restart_each_year(portal):
    czj, jyj = portal.unit_catalogue_column("czj"), portal.unit_catalogue_column("jyj")
    a = make_catalog_item(czj, published_at=datetime(2024, 12, 31, 23, 0, tzinfo=TZ))
    b = make_catalog_item(czj, published_at=datetime(2024, 6, 1, 9, 0, tzinfo=TZ))
    c = make_catalog_item(czj, published_at=datetime(2025, 1, 1, 0, 30, tzinfo=TZ))
    d = make_catalog_item(jyj, published_at=datetime(2024, 6, 1, 9, 0, tzinfo=TZ))
    code_czj, code_jyj = portal.unit("czj").code, portal.unit("jyj").code
    assert a.index_number == f"{code_czj}/2024-00001"
    assert b.index_number == f"{code_czj}/2024-00002"
    assert c.index_number == f"{code_czj}/2025-00001"
    assert d.index_number == f"{code_jyj}/2024-00001"


def test_numbers_are_never_reused_after_deletion(portal):
    column = portal.unit_catalogue_column("czj")
    first = make_catalog_item(column, published_at=datetime(2023, 3, 1, tzinfo=TZ))
    second = make_catalog_item(column, published_at=datetime(2023, 3, 2, tzinfo=TZ))
    deleted_number = second.index_number
    second.delete()
    third = make_catalog_item(column, published_at=datetime(2023, 3, 3, tzinfo=TZ))
    assert third.index_number != deleted_number
    assert third.index_number.endswith("-00003")
    assert first.index_number.endswith("-00001")


def test_legacy_numbers_are_kept_and_skipped(portal):
    column = portal.unit_catalogue_column("czj")
    code = portal.unit("czj").code
    legacy = make_catalog_item(column, publish=False)
    legacy.index_number = f"{code}/2022-00001"
    legacy.save()
    legacy.save_revision().publish()
    legacy.refresh_from_db()
    assert legacy.index_number == f"{code}/2022-00001"
    fresh = make_catalog_item(column, published_at=datetime(2022, 5, 1, tzinfo=TZ))
    assert fresh.index_number == f"{code}/2022-00002"


def test_policy_documents_share_the_unit_sequence(portal):
    column = portal.unit_catalogue_column("czj")
    item = make_catalog_item(column, published_at=datetime(2021, 1, 5, tzinfo=TZ))
    policy = make_policy(column, published_at=datetime(2021, 1, 6, tzinfo=TZ))
    assert item.index_number.endswith("2021-00001")
    assert policy.index_number.endswith("2021-00002")


def test_copy_does_not_copy_the_number(portal):
    column = portal.unit_catalogue_column("czj")
    item = make_catalog_item(column)
    draft_copy = item.copy(
        update_attrs={"slug": item.slug + "-copy", "title": "副本"}, keep_live=False
    )
    assert draft_copy.index_number is None
    live_copy = item.copy(update_attrs={"slug": item.slug + "-copy2", "title": "副本二"})
    assert live_copy.live and live_copy.index_number
    assert live_copy.index_number != item.index_number


@pytest.mark.django_db(transaction=True)
def test_concurrent_publication_gives_unique_numbers():
    """Parallel workers on PostgreSQL allocate numbers for the same unit and year."""
    require_postgres()
    workers, per_worker = 8, 10
    results, errors = [], []
    barrier = threading.Barrier(workers)

    def work():
        try:
            barrier.wait()
            for _ in range(per_worker):
                results.append(
                    allocate_index_number("CONCURRENCYTEST", datetime(2026, 5, 1, tzinfo=TZ))
                )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == workers * per_worker
    assert len(set(results)) == len(results)
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in results)
    assert serials == list(range(1, workers * per_worker + 1))


@pytest.mark.django_db(transaction=True)
def test_concurrent_page_publication_gives_unique_numbers(tmp_path):
    """Whole Wagtail publications in parallel (PostgreSQL): each item its own number."""
    require_postgres()
    from tests.factories import Portal, bootstrap_with_units

    # the transactional test before this one flushed the database: rebuild the tree with the
    # one unit this test needs, not all 45
    bootstrap_with_units(tmp_path, ["czj"])
    portal = Portal()
    column = portal.unit_catalogue_column("czj")
    pages = [make_catalog_item(column, publish=False) for _ in range(6)]
    barrier = threading.Barrier(len(pages))
    errors = []

    def publish(page_id):
        try:
            page = CatalogItemPage.objects.get(pk=page_id)
            barrier.wait()
            page.get_latest_revision().publish()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(p.pk,)) for p in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = list(
        CatalogItemPage.objects.filter(pk__in=[p.pk for p in pages]).values_list(
            "index_number", flat=True
        )
    )
    assert None not in numbers and len(set(numbers)) == len(numbers)
