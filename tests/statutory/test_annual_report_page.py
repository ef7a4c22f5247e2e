"""Issue 15 item 1: the 年报 page renders the year's report from the statistics — the six
sections, 表二/表三/表四 as accessible HTML tables — the same data as the DOCX draft, with
the office's own text where it wrote one."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document
from lxml import html as lxml_html

from disclosure_catalog.models import AnnualReportPage
from portal.core.columns import ColumnKey
from portal.participation.models import ApplicationStatus
from portal.statistics import exports
from portal.statistics.annual import table3_layout
from portal.statistics.models import AnnualFormInput, ReviewLitigationRecord
from tests.factories import add_page, make_policy
from tests.participation.conftest import make_application

pytestmark = pytest.mark.django_db

YEAR = 2025


def at(*args):
    return timezone.make_aware(dt.datetime(*args))


def application(applicant_type, org, received, replied=None, reply_type=""):
    return make_application(
        applicant_type=applicant_type,
        organisation_kind=org,
        received_on=received,
        clock_start=received,
        replied_on=replied,
        reply_type=reply_type,
        status=ApplicationStatus.REPLIED if replied else ApplicationStatus.PROCESSING,
    )


@pytest.fixture
def year_data(portal):
    d = dt.date
    # carried in from 2024, answered in 2025
    application("natural", "", d(2024, 12, 20), d(2025, 1, 10), "disclosed")
    # new in 2025: answered with several outcomes, one carried into 2026
    application("natural", "", d(2025, 3, 1), d(2025, 3, 20), "disclosed")
    application("natural", "", d(2025, 4, 1), d(2025, 4, 25), "partial")
    application("organisation", "business", d(2025, 5, 6), d(2025, 5, 30), "withheld_secret")
    application("organisation", "legal", d(2025, 6, 2), d(2025, 6, 20), "not_exist")
    application("organisation", "research", d(2025, 7, 1), d(2025, 7, 15), "repeated")
    application("natural", "", d(2025, 12, 22))
    normative = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    make_policy(normative, published_at=at(2025, 5, 1, 9), is_normative=True)
    AnnualFormInput.objects.create(year=YEAR, report_problems="部分栏目更新不够及时。")
    ReviewLitigationRecord.objects.create(year=YEAR, proceeding="review", outcome="upheld")
    column = portal.column(ColumnKey.DISCLOSURE_ANNUAL_REPORTS)
    return add_page(
        column,
        AnnualReportPage(
            title=f"榕江县人民政府{YEAR}年政府信息公开工作年度报告",
            report_year=YEAR,
            summary=f"{YEAR}年政府信息公开工作年度报告。",
            topic_category="综合政务/政务公开",
            genre="报告",
            other_text="本年度收取信息处理费0元。\n无其他需要报告的事项。",
        ),
        published_at=at(YEAR + 1, 1, 20, 10),
    )


def html_table(tree, table_id):
    """[(row header text, [cell texts])] of the body rows of a table."""
    rows = []
    for tr in tree.get_element_by_id(table_id).xpath("./tbody/tr"):
        header = tr.xpath("./th")
        cells = [td.text_content().strip() for td in tr.xpath("./td")]
        rows.append((header[0].text_content().strip() if header else "", cells))
    return rows


def docx_table3(year):
    document = Document(io.BytesIO(exports.disclosure_report_docx(year)))
    for table in document.tables:
        if table.rows[2].cells[0].text.strip().startswith("一、"):
            return [
                (row.cells[0].text.strip("　 "), [c.text.strip() for c in row.cells[2:9]])
                for row in table.rows[2:]
            ]
    raise AssertionError("the DOCX has no 表三")


def numbers(cells):
    return [int(c) for c in cells]


def test_table3_equals_the_docx_and_balances(client, year_data):
    response = client.get(year_data.url)
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content.decode())
    page_rows = html_table(tree, "table3")
    docx_rows = docx_table3(YEAR)

    # every row, label and value, as the DOCX has it
    assert page_rows == docx_rows
    assert len(page_rows) == len(table3_layout(YEAR)) == 30

    rows = {label[:3] if label.startswith("（") else label[:2]: cells for label, cells in page_rows}
    new, carried_in = numbers(rows["一、"]), numbers(rows["二、"])
    total, carried_out = numbers(rows["（七）"]), numbers(rows["四、"])
    # the figures of the fixture: 6 new in 2025, 1 carried in, 1 carried out
    assert new[-1] == 6 and carried_in[-1] == 1 and carried_out[-1] == 1 and total[-1] == 6
    assert new[:2] == [3, 1]  # 自然人, 商业企业
    # 勾稽关系, in every column: 一 + 二 = 三（七） + 四
    for i in range(7):
        assert new[i] + carried_in[i] == total[i] + carried_out[i]
    # （七）总计 is the sum of the results; 总计 is the sum of the applicant columns
    leaves = [
        numbers(cells)
        for label, cells in page_rows
        if label.startswith(("（", "1", "2", "3", "4", "5", "6", "7", "8"))
        and cells[0]
        and not label.startswith("（七）")
    ]
    assert [sum(col) for col in zip(*leaves, strict=True)] == total
    for _label, cells in page_rows:
        if cells[0]:
            assert sum(numbers(cells[:-1])) == int(cells[-1])
    assert "表三数据未平衡" not in response.content.decode()


def test_report_page_shows_six_sections_and_accessible_tables(client, year_data):
    html = client.get(year_data.url).content.decode()
    tree = lxml_html.fromstring(html)
    headings = [h.text_content() for h in tree.xpath("//article//h2")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    for table_id, caption in (
        ("table2", "表二"),
        ("table3", "表三"),
        ("table4", "表四"),
    ):
        table = tree.get_element_by_id(table_id)
        assert table.xpath("./caption")[0].text_content().startswith(caption)
        headers = table.xpath(".//th")
        assert headers and all(th.get("scope") in ("col", "row", "colgroup") for th in headers)
    # 表二: the normative document published in the year
    table2 = dict(html_table(tree, "table2"))
    assert table2["行政规范性文件"] == ["1", "0", "1"]
    # 表四: one 行政复议, upheld
    table4 = html_table(tree, "table4")[0][1]
    assert table4[:5] == ["1", "0", "0", "0", "1"] and len(table4) == 15
    # text: the office's own (page field), the 年度报表 input, the generated overview
    assert "本年度收取信息处理费0元。" in html and "无其他需要报告的事项。" in html
    assert "部分栏目更新不够及时。" in html
    assert f"{YEAR}年，" in html
    # printable: the page's own print rules
    assert "css/disclosure.css" in html


def test_office_text_replaces_the_generated_text(client, year_data):
    year_data.overview_text = "本年度，县政府办公室牵头推进政务公开标准化规范化建设。"
    year_data.save_revision(log_action=False).publish(log_action=False, skip_permission_checks=True)
    html = client.get(year_data.url).content.decode()
    assert "牵头推进政务公开标准化规范化建设" in html
    assert "全年门户网站发布信息" not in html  # the generated overview is replaced


def test_print_stylesheet_keeps_the_tables_whole():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static/css/disclosure.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".report-grid thead { display: table-header-group; }" in print_rules
    assert "overflow: visible" in print_rules
