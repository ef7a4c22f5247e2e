"""Every CSV download opens in Excel on Chinese Windows (UTF-8 with a BOM) and every exported
time is 北京时间, not the UTC the database holds (issue 11, item 8)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from portal.participation.models import DisclosureApplication, Message
from tests.factories import UserFactory, make_news

pytestmark = pytest.mark.django_db

# 2026-03-01 17:30 UTC is 2026-03-02 01:30 in Beijing: the date changes too
INSTANT = datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC)
BEIJING = "2026-03-02 01:30"
UTC_TEXT = "2026-03-01 17:30"
BOM = b"\xef\xbb\xbf"


@pytest.fixture
def admin_client(client, db, portal):
    admin = UserFactory(username="csv_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    data = body(response)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert data.startswith(BOM), "Excel needs the UTF-8 BOM to read Chinese text"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def flat(rows):
    return "\n".join(",".join(row) for row in rows)


@pytest.fixture
def logged_page(portal):
    page = make_news(portal.unit_news_column("czj"), title="导出时间测试新闻")
    PageLogEntry.objects.log_action(page, "wagtail.edit", timestamp=INSTANT)
    return page


def test_audit_report_csv_and_xlsx_are_in_beijing_time(admin_client, logged_page):
    url = reverse("review_audit_report")
    text = flat(csv_rows(admin_client.get(url, {"export": "csv"})))
    assert BEIJING in text and UTC_TEXT not in text

    response = admin_client.get(url, {"export": "xlsx"})
    ws = load_workbook(io.BytesIO(body(response))).active
    times = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert datetime.datetime(2026, 3, 2, 1, 30) in times


def test_wagtail_site_history_csv_is_in_beijing_time(admin_client, logged_page):
    response = admin_client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    text = flat(csv_rows(response))
    assert BEIJING in text and UTC_TEXT not in text


def test_application_export_is_in_beijing_time(admin_client):
    app = DisclosureApplication.objects.create(
        applicant_type="natural",
        name="王小明",
        id_type="resident_id",
        id_number="522632199003071234",
        phone="13985551234",
        address="榕江县古州镇",
        description="申请公开某文件。",
        delivery_form="electronic",
        delivery_way="email",
    )
    DisclosureApplication.objects.filter(pk=app.pk).update(submitted_at=INSTANT)
    rows = csv_rows(admin_client.get("/admin/participation/applications/export.csv"))
    row = next(r for r in rows if r and r[0] == app.tracking_number)
    assert row[1] == BEIJING


def test_message_export_is_in_beijing_time(admin_client):
    message = Message.objects.create(
        name="张三", phone="13985551234", subject="道路问题", body="路灯不亮。"
    )
    Message.objects.filter(pk=message.pk).update(submitted_at=INSTANT, replied_at=INSTANT)
    rows = csv_rows(admin_client.get("/admin/participation/messages/export.csv"))
    row = next(r for r in rows if r and r[0] == message.tracking_number)
    assert row[1] == BEIJING and row[7] == BEIJING


def test_statistics_csv_has_the_bom(admin_client):
    url = reverse("statistics_admin:download", args=(2026, "stats.csv"))
    rows = csv_rows(admin_client.get(url))
    assert rows[0] == ["项目", "数量"]


def test_stats_command_writes_csv_with_the_bom(db, portal, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "stats.csv"
    call_command(
        "portal_stats",
        "--year",
        "2026",
        "--format",
        "csv",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    assert out.read_bytes().startswith(BOM)
