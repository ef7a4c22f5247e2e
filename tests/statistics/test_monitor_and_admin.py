"""栏目监测 with a frozen clock, the daily email, and the admin 统计 menu."""

import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from portal.core.clock import frozen
from portal.core.columns import ColumnKey
from portal.core.roles import SITE_ADMINS
from portal.statistics.models import ColumnAlertLog
from portal.statistics.monitor import column_health
from tests.factories import UserFactory, make_news

from .helpers import at

pytestmark = pytest.mark.django_db

# a month after the real now, so the bootstrap's own publications are a month old
NOW = (timezone.localtime() + timedelta(days=30)).replace(
    hour=12, minute=0, second=0, microsecond=0
)


@pytest.fixture
def townships(portal):
    from portal.units.models import Unit, UnitKind

    return list(Unit.objects.filter(kind=UnitKind.TOWNSHIP).order_by("pk")[:3])


def by_id(entries):
    return {e["id"]: e for e in entries}


def test_stale_and_fresh_news_columns_with_a_frozen_clock(portal, townships):
    stale, fresh, _empty = (u.news_column.specific for u in townships)
    make_news(stale, published_at=NOW - timedelta(days=15))
    make_news(fresh, published_at=NOW - timedelta(days=13))
    with frozen(NOW):
        health = column_health()
    stale_ids, approaching = by_id(health["stale"]), by_id(health["approaching"])
    assert stale.pk in stale_ids and stale_ids[stale.pk]["days_since"] == 15
    assert fresh.pk not in stale_ids
    assert approaching[fresh.pk]["days_since"] == 13
    assert _empty.pk in by_id(health["empty"])
    assert stale.pk not in by_id(health["empty"])
    # the same columns a day earlier: 14 days is not yet "more than 14 days"
    with frozen(NOW - timedelta(days=1)):
        earlier = column_health()
    assert stale.pk not in by_id(earlier["stale"])
    assert stale.pk in by_id(earlier["approaching"])


def test_home_page_undated_items_and_vetoes(portal):
    headlines = portal.column(ColumnKey.NEWS_HEADLINES)
    make_news(headlines, published_at=NOW - timedelta(days=20))
    undated = make_news(headlines, published_at=NOW - timedelta(days=20))
    # e.g. an item imported without its time: live, but no visible publication time
    type(undated).objects.filter(pk=undated.pk).update(first_published_at=None)
    with frozen(NOW):
        health = column_health()
    assert health["home"]["days_since"] >= 20 and health["home"]["stale"]
    assert undated.pk in {p["id"] for p in health["undated_items"]}
    vetoes = {v["key"]: v for v in health["vetoes"]}
    assert vetoes["home_page_not_updated"]["triggered"]
    assert vetoes["empty_columns"]["triggered"]  # the fresh portal has many empty columns
    assert vetoes["undated_items"]["triggered"]
    make_news(headlines, published_at=NOW - timedelta(days=2))
    with frozen(NOW):
        assert not column_health()["home"]["stale"]


def test_column_health_command_json(portal, townships):
    make_news(townships[0].news_column.specific, published_at=NOW - timedelta(days=30))
    out = io.StringIO()
    with frozen(NOW):
        call_command("column_health", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["as_of"] == NOW.date().isoformat()
    assert townships[0].news_column_id in {e["id"] for e in data["stale"]}
    text = io.StringIO()
    with frozen(NOW):
        call_command("column_health", stdout=text)
    assert "超期未更新栏目" in text.getvalue()


def test_alert_email_goes_out_once_per_day(portal, townships):
    UserFactory(username="stats_admin", email="admin@example.gov.cn", is_superuser=True)
    UserFactory(username="site_admin", email="site@example.gov.cn", groups=[SITE_ADMINS])
    UserFactory(username="editor_only", email="editor@example.gov.cn")
    column = townships[0].news_column.specific
    make_news(column, published_at=NOW - timedelta(days=12))
    out = io.StringIO()
    with frozen(NOW):
        call_command("send_column_alerts", stdout=out)
        call_command("send_column_alerts", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["admin@example.gov.cn", "site@example.gov.cn"]
    assert column.title in message.body and "已12天未更新" in message.body
    assert ColumnAlertLog.objects.count() == 1
    with frozen(NOW + timedelta(days=1)):
        call_command("send_column_alerts", stdout=out)
        call_command("send_column_alerts", stdout=out)
    assert len(mail.outbox) == 2
    # nothing close to its limit: no email
    with frozen(NOW + timedelta(days=10)):
        call_command("send_column_alerts", stdout=out)
    assert len(mail.outbox) == 2


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="stats_site_admin", groups=[SITE_ADMINS])
    client.force_login(user)
    return client


def test_admin_statistics_pages(portal, admin_client):
    make_news(portal.column(ColumnKey.NEWS_HEADLINES), published_at=at(2019, 4, 1, 9))
    response = admin_client.get("/admin/statistics/?year=2019")
    assert response.status_code == 200
    html = response.content.decode()
    assert "政务动态信息更新量" in html and "<svg" in html and "4月：1条" in html
    xlsx = admin_client.get("/admin/statistics/2019/form.xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content))["年度报表"]
    values = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(3, ws.max_row + 1)}
    assert values["政务动态信息更新量（条）"] == 1
    assert admin_client.get("/admin/statistics/2019/report.docx").status_code == 200
    data = admin_client.get("/admin/statistics/2019/stats.json").json()
    assert data["news"]["labels"]["要闻"] == 1
    assert admin_client.get("/admin/statistics/monitor/").status_code == 200
    home = admin_client.get("/admin/")
    assert "栏目监测" in home.content.decode()
    assert admin_client.get("/admin/annual_form_inputs/").status_code == 200
    from django.forms.models import model_to_dict

    from portal.statistics.models import AnnualFormInput

    form = {
        k: v
        for k, v in model_to_dict(AnnualFormInput(year=2019)).items()
        if v is not None and v is not False and k != "id"
    }
    form.update(total_visits=54321, unique_visitors=1200)
    response = admin_client.post("/admin/annual_form_inputs/new/", form)
    assert response.status_code == 302
    assert AnnualFormInput.objects.get(year=2019).total_visits == 54321
    xlsx = admin_client.get("/admin/statistics/2019/form.xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content))["年度报表"]
    values = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(3, ws.max_row + 1)}
    assert values["网站总访问量（次）"] == 54321


def test_editors_cannot_see_statistics(portal, client):
    from portal.units.models import Unit

    unit = Unit.objects.order_by("pk")[0]
    editor = UserFactory(username="stats_editor", groups=[unit.editors_group])
    client.force_login(editor)
    assert client.get("/admin/statistics/?year=2019").status_code in (302, 403)
    assert client.get("/admin/statistics/2019/form.xlsx").status_code in (302, 403)
    assert "栏目监测" not in client.get("/admin/").content.decode()
