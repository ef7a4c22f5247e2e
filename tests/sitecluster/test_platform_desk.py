"""统一监管 (issue 12 §4): one row per site for platform administrators only — freshness,
empty columns, items this month and year, overdue 依申请公开 and 留言, failed automatic
checks; sortable, exportable, drilling into the site; queries bounded whatever the number of
sites."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from portal.core import clock
from portal.core.columns import ColumnKey
from portal.core.roles import SITE_ADMINS
from portal.core.sites import default_site, group_name
from portal.platform.desk import site_rows
from portal.statistics.reports import annual_report
from tests.factories import UserFactory, make_catalog_item, make_news

from .stats_sites import build_site, column

pytestmark = pytest.mark.django_db

DESK = "/admin/platform/"


@pytest.fixture
def sites(tmp_path, portal):
    b = build_site(tmp_path, "yixian", "乙县人民政府")
    c = build_site(tmp_path, "bingxian", "丙县人民政府", division="8")
    return default_site(), b, c


@pytest.fixture
def platform_client(client):
    client.force_login(UserFactory(username="pf", groups=[Group.objects.get(name="平台管理员")]))
    return client


def rows_by_site(rows):
    return {r["site_id"]: r for r in rows}


def overdue_message(**extra):
    from portal.participation.models import Message

    return Message.objects.create(
        tracking_number=f"LY2026{Message.objects.count():07d}",
        name="张三",
        phone="13800000000",
        subject="道路维修",
        body="请问何时维修？",
        submitted_at=timezone.now() - timedelta(days=100),
        **extra,
    )


def overdue_application():
    from portal.participation.models import DisclosureApplication

    started = clock.today() - timedelta(days=70)
    return DisclosureApplication.objects.create(
        tracking_number="YS20260000001",
        query_code_hash="x" * 64,
        applicant_type="natural",
        name="李四",
        id_type="resident_id",
        id_number="520000199001011234",
        phone="13900000000",
        address="贵州省",
        description="2025年道路维修经费",
        delivery_form="electronic",
        delivery_way="email",
        status="processing",
        received_on=started,
        clock_start=started,
    )


def failed_auto_check(site):
    """A 县财政局 item of ``site`` submitted without its required fields: the workflow's
    automatic check fails it."""
    from portal.units.models import Unit

    unit = Unit.objects.get(site=site, slug="czj")
    editor = UserFactory(username=f"ed_{site.pk}", groups=[unit.editors_group])
    page = make_catalog_item(
        unit.catalogue_column.specific, publish=False, topic_category="", genre=""
    )
    page.save_revision(user=editor, log_action=False)
    page.get_workflow().start(page, editor)
    return page


def test_one_row_per_site_with_each_sites_figures(sites, platform_client):
    a, b, c = sites
    today = clock.today()
    for _ in range(3):
        make_news(column(b, ColumnKey.NEWS_HEADLINES), title="乙县本月要闻")
    make_news(column(a, ColumnKey.NEWS_HEADLINES), title="甲县本月要闻")
    overdue_message()
    overdue_application()
    failed_auto_check(c)
    from portal.review.models import InspectionFinding

    InspectionFinding.objects.create(
        page=column(b, ColumnKey.NEWS_HEADLINES).get_children().first(),
        kind="wording",
        rule="错别字",
        severity="block",
        text="再接再励",
        fingerprint="f1",
    )
    rows = rows_by_site(site_rows())
    assert set(rows) == {a.pk, b.pk, c.pk}
    assert rows[b.pk]["name"] == "乙县人民政府" and rows[b.pk]["hostname"] == "yixian.localhost"
    for site in (a, b, c):
        # the desk's 本年发布 is the 年度报表's 信息发布总数 of that site
        assert rows[site.pk]["year_items"] == annual_report(today.year, site=site)["total"]
    assert rows[b.pk]["month_items"] == 3 and rows[c.pk]["month_items"] == 0
    assert rows[a.pk]["month_items"] >= 1
    # a new site's columns are all empty; its monitored ones are overdue
    from portal.statistics.monitor import column_health

    health_c = column_health(site=c)
    assert rows[c.pk]["empty"] == len(health_c["empty"]) > 0
    assert rows[c.pk]["stale"] == len(health_c["stale"])
    assert rows[b.pk]["empty"] < rows[c.pk]["empty"]  # B's 要闻 has items
    # participation records made before they carry a site belong to the default site
    assert rows[a.pk]["overdue_messages"] == 1 and rows[b.pk]["overdue_messages"] == 0
    assert rows[a.pk]["overdue_applications"] == 1 and rows[c.pk]["overdue_applications"] == 0
    assert rows[c.pk]["failed_checks"] == 1 and rows[a.pk]["failed_checks"] == 0
    assert rows[b.pk]["open_findings"] == 1 and rows[c.pk]["open_findings"] == 0

    html = platform_client.get(DESK).content.decode()
    assert "统一监管" in html and "乙县人民政府" in html and "丙县人民政府" in html
    assert "超期未答复的依申请公开" in html and "自动检查未通过" in html
    # drilling into a site: its statistics and its monitor
    assert f"/admin/statistics/?site={b.pk}" in html
    assert f"/admin/statistics/monitor/?site={c.pk}" in html
    drill = platform_client.get(f"/admin/statistics/?site={b.pk}").content.decode()
    assert "站点：乙县人民政府" in drill


def test_sorting_by_any_column(sites, platform_client):
    a, b, c = sites
    for _ in range(2):
        make_news(column(b, ColumnKey.NEWS_HEADLINES))
    html = platform_client.get(f"{DESK}?sort=-month_items").content.decode()
    month = rows_by_site(site_rows())
    expected = sorted((a, b, c), key=lambda s: (month[s.pk]["month_items"], s.pk), reverse=True)
    positions = sorted((html.index(f'data-site="{s.pk}"'), s.pk) for s in (a, b, c))
    assert [pk for _pos, pk in positions] == [s.pk for s in expected]
    html = platform_client.get(f"{DESK}?sort=name").content.decode()
    names = sorted(["榕江县人民政府", "乙县人民政府", "丙县人民政府"])
    assert [html.index(f">{n}</a>") for n in names] == sorted(
        html.index(f">{n}</a>") for n in names
    )
    # the header offers the reverse order once sorted
    assert "?sort=-name" in html
    assert platform_client.get(f"{DESK}?sort=nonsense").status_code == 200


def test_export_xlsx_and_csv(sites, platform_client):
    a, b, c = sites
    response = platform_client.get(f"{DESK}export.xlsx?sort=name")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content))["统一监管"]
    values = list(ws.values)
    assert values[0][0] == "站点" and "本年发布" in values[0]
    assert sorted(row[0] for row in values[1:]) == sorted(
        ["榕江县人民政府", "乙县人民政府", "丙县人民政府"]
    )
    response = platform_client.get(f"{DESK}export.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "站点" and len(rows) == 4


def test_only_platform_administrators(sites, client):
    a, b, c = sites
    site_admin = UserFactory(
        username="a_admin", groups=[Group.objects.get(name=group_name(a, SITE_ADMINS))]
    )
    client.force_login(site_admin)
    assert client.get(DESK).status_code == 403
    assert client.get(f"{DESK}export.xlsx").status_code == 403
    assert client.get(f"{DESK}export.csv").status_code == 403
    assert "platform-desk" not in client.get("/admin/").content.decode()  # no menu item
    client.logout()
    assert client.get(DESK).status_code == 302  # to the sign-in page
    client.force_login(UserFactory(username="pf2", groups=[Group.objects.get(name="平台管理员")]))
    assert client.get(DESK).status_code == 200
    assert "platform-desk" in client.get("/admin/").content.decode()


def test_queries_do_not_grow_with_the_number_of_sites(tmp_path, portal, platform_client):
    """The desk costs the same number of queries for 2 sites as for 3 (no per-site or
    per-column loop of queries), and stays under a fixed bound."""
    build_site(tmp_path, "yixian", "乙县人民政府")
    site_rows()  # warm the per-worker memo (site roots) and the content types
    with CaptureQueriesContext(connection) as two:
        site_rows()
    build_site(tmp_path, "bingxian", "丙县人民政府", division="8")
    make_news(column(default_site(), ColumnKey.NEWS_HEADLINES))
    site_rows()
    with CaptureQueriesContext(connection) as three:
        rows = site_rows()
    assert len(rows) == 3
    assert len(three) <= len(two), [q["sql"][:120] for q in three.captured_queries]
    with CaptureQueriesContext(connection) as view:
        assert platform_client.get(DESK).status_code == 200
    assert len(view) <= 40, len(view)


def test_empty_platform(portal, platform_client, monkeypatch):
    from portal.platform import views

    monkeypatch.setattr(views, "site_rows", lambda: [])
    html = platform_client.get(DESK).content.decode()
    assert 'id="platform-desk-empty"' in html and "平台上还没有站点" in html
