"""No export cell becomes a spreadsheet formula (issue 16, item 12)."""

import csv
import io

from openpyxl import load_workbook

from portal.core.models import SiteIdentity
from portal.core.spreadsheets import safe_cell
from portal.participation.models import DisclosureApplication, Message
from portal.participation.roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS
from portal.statistics import exports
from portal.statistics.reports import annual_report
from tests.factories import UserFactory, make_news
from tests.migration.helpers import at
from tests.participation.conftest import application_post

ATTACK = '=HYPERLINK("http://evil.example/","点此查看")'


def rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_message_export_neutralises_formulas(client, portal):
    Message.objects.create(
        name="@某某", phone="13985551234", category="consult", subject=ATTACK, body="正文"
    )
    client.force_login(UserFactory(username="ly_export", groups=[MESSAGE_HANDLERS]))
    response = client.get("/admin/participation/messages/export.csv")
    assert response.status_code == 200
    cells = [cell for row in rows(response) for cell in row]
    assert "'" + ATTACK in cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells


def test_application_export_neutralises_formulas(client, portal):
    response = client.post("/participation/apply/", application_post(client))
    assert response.status_code == 200
    # a name the form would let through elsewhere, or one typed in by a handler
    assert DisclosureApplication.objects.update(name="=cmd|' /C calc'!A0") == 1
    client.force_login(UserFactory(username="ysq_export", groups=[DISCLOSURE_HANDLERS]))
    response = client.get("/admin/participation/applications/export.csv")
    cells = [cell for row in rows(response) for cell in row]
    assert any(c.startswith("'=") for c in cells), cells
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells


def test_statistics_exports_neutralise_formulas(portal):
    from wagtail.models import Site

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.site_name = ATTACK
    identity.save()
    unit = portal.unit("fgj")
    unit.name = "-发改局"
    unit.save()
    make_news(portal.unit_news_column("fgj"), published_at=at(2025, 3, 1))
    workbook = load_workbook(io.BytesIO(exports.annual_form_xlsx(2025)))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert "'" + ATTACK in [cell.value for cell in cells]
    text = exports.report_csv(annual_report(2025))
    values = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'-发改局" in values and "-发改局" not in values


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert safe_cell(-5) == -5 and safe_cell("县政府") == "县政府" and safe_cell("") == ""
    assert [safe_cell(v) for v in ("=1", "+1", "-1", "@a", "\tx", "\rx")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\tx",
        "'\rx",
    ]
