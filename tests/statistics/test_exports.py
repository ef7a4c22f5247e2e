"""The 年度报表 as XLSX and DOCX, the 年报 draft, CSV and the table output."""

import io

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from portal.core.columns import ColumnKey
from portal.statistics import exports
from portal.statistics.annual import table3_layout
from portal.statistics.models import AnnualFormInput, ReviewLitigationRecord
from tests.factories import make_news, make_policy

from .helpers import at, republish

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2021(portal):
    headlines = portal.column(ColumnKey.NEWS_HEADLINES)
    for day in (3, 4, 5):
        make_news(headlines, published_at=at(2021, 3, day, 9))
    normative = portal.column(ColumnKey.DISCLOSURE_POLICY_NORMATIVE)
    kept = make_policy(normative, published_at=at(2021, 5, 1, 9), is_normative=True)
    make_policy(normative, published_at=at(2021, 6, 1, 9), is_normative=False)
    old = make_policy(normative, published_at=at(2019, 6, 1, 9), is_normative=True)
    old.validity, old.invalid_date = "废止", at(2021, 8, 1).date()
    old.save_revision(log_action=False)
    republish(old, at(2021, 8, 1, 10))
    make_policy(normative, published_at=at(2020, 2, 1, 9), is_normative=True)
    AnnualFormInput.objects.create(
        year=2021,
        unique_visitors=123456,
        total_visits=987654,
        filled_by="张三",
        report_problems="栏目更新不够及时。",
    )
    for proceeding, outcome in (
        ("review", "upheld"),
        ("review", "corrected"),
        ("lawsuit_direct", "pending"),
    ):
        ReviewLitigationRecord.objects.create(year=2021, proceeding=proceeding, outcome=outcome)
    return kept


def cells(ws):
    return {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(3, ws.max_row + 1)}


def test_annual_form_xlsx_holds_the_reference_fields_and_the_figures(year_2021, tmp_path):
    out = tmp_path / "form.xlsx"
    call_command(
        "portal_stats",
        "--year",
        "2021",
        "--format",
        "xlsx",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    wb = load_workbook(out)
    ws = wb["年度报表"]
    values = cells(ws)
    assert values["总数（条）"] == 5  # 3 news + 2 policy documents first published in 2021
    assert values["政务动态信息更新量（条）"] == 3
    assert values["信息公开目录信息更新量（条）"] == 2
    assert values["独立用户访问总量（个）"] == 123456
    assert values["网站总访问量（次）"] == 987654
    assert values["政府网站标识码"] == "5226320001"
    assert values["填报人"] == "张三"
    sections = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert sections == [
        "基本信息",
        "访问量",
        "信息发布",
        "专栏专题",
        "解读回应",
        "办事服务",
        "互动交流",
        "安全防护",
        "移动新媒体",
        "创新发展",
        "填报",
    ]
    detail = wb["信息发布明细"]
    rows = {detail.cell(r, 1).value: detail.cell(r, 2).value for r in range(1, 20)}
    assert rows["其中：要闻"] == 3


def test_annual_form_docx(year_2021, tmp_path):
    out = tmp_path / "form.docx"
    call_command(
        "portal_stats",
        "--year",
        "2021",
        "--format",
        "docx",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    table = Document(out).tables[0]
    values = {row.cells[1].text: row.cells[2].text for row in table.rows[1:]}
    assert values["政务动态信息更新量（条）"] == "3"
    assert values["网站总访问量（次）"] == "987654"
    assert table.rows[1].cells[0].text == "基本信息"


def test_disclosure_report_2021_tables(year_2021):
    doc = Document(io.BytesIO(exports.disclosure_report_docx(2021)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert any("栏目更新不够及时" in p.text for p in doc.paragraphs)
    first = doc.tables[0]
    assert [c.text for c in first.rows[1].cells] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    normative = [c.text for c in first.rows[3].cells]
    # issued 2021: one; repealed in 2021: one; in force: the 2021 and 2020 documents
    assert normative == ["行政规范性文件", "1", "1", "2"]
    table3 = doc.tables[4]
    labels = [row.cells[0].text.strip("　") for row in table3.rows[2:]]
    assert labels == [label for label, _level in table3_layout(2021)]
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
    table4 = doc.tables[5]
    numbers = [c.text for c in table4.rows[3].cells]
    assert numbers[:5] == ["1", "1", "0", "0", "2"]
    assert numbers[5:10] == ["0", "0", "0", "1", "1"]


def test_disclosure_report_2019_format(portal):
    doc = Document(io.BytesIO(exports.disclosure_report_docx(2019)))
    first = doc.tables[0]
    assert [c.text for c in first.rows[1].cells] == [
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ]
    assert first.rows[3].cells[0].text == "规范性文件"
    blocks = [t.rows[0].cells[0].text for t in doc.tables[:5]]
    assert "第二十条第（九）项" in blocks
    table3 = doc.tables[5]
    labels = [row.cells[0].text.strip("　") for row in table3.rows[2:]]
    other = labels.index("（六）其他处理")
    assert labels[other + 1] == "（七）总计"  # 2019: no sub-rows under （六）


def test_table3_uses_the_participation_figures_when_they_exist(portal, monkeypatch):
    import types

    from portal.statistics import annual

    # the participation app's shape: sub-rows named with their parent, no heading rows
    rows, parent = [], ""
    for i, (label, level) in enumerate(table3_layout(2021)):
        if level == 1:
            parent = label
        if label.startswith("三、") or label in (
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
            "（六）其他处理",
        ):
            continue
        name = f"{parent} {label}" if level == 2 else label
        rows.append([name, [i] * 6 + [6 * i]])
    fake = types.SimpleNamespace(
        table3=lambda year: {"columns": [], "rows": rows},
        interaction_counts=lambda year: {"messages_received": 42},
    )
    monkeypatch.setattr(annual, "participation_stats", lambda: fake)
    _columns, table = annual.table3(2021)
    by_label = {label: values for label, _level, values in table}
    layout = table3_layout(2021)
    index = {label: i for i, (label, _level) in enumerate(layout)}
    assert by_label["一、本年新收政府信息公开申请数量"] == [0] * 7
    assert by_label["三、本年度办理结果"] is None  # a heading row, blank
    assert by_label["（三）不予公开"] is None
    secret = index["1.属于国家秘密"]
    assert by_label["1.属于国家秘密"] == [secret] * 6 + [6 * secret]
    query = index["8.属于行政查询事项"]
    assert by_label["8.属于行政查询事项"] == [query] * 6 + [6 * query]
    # the 2019 layout folds （六）'s three sub-rows into one
    _columns, table2019 = annual.table3(2019)
    six = [v for label, _l, v in table2019 if label.startswith("（六）")][0]
    subs = [
        index[label]
        for label, _l in layout
        if label[:2] in ("1.", "2.", "3.") and index[label] > index["（六）其他处理"]
    ]
    assert six == [sum(subs)] * 6 + [6 * sum(subs)]
    inputs = annual.inputs_for(2021)
    assert annual.interaction_figures(2021, inputs)["messages_received"] == 42
    inputs.messages_received = 7
    assert annual.interaction_figures(2021, inputs)["messages_received"] == 7


def test_csv_and_table_output(year_2021):
    out = io.StringIO()
    call_command("portal_stats", "--year", "2021", "--format", "csv", stdout=out)
    assert "信息发布总数（条）,5" in out.getvalue()
    out = io.StringIO()
    call_command("portal_stats", "--year", "2021", stdout=out)
    assert "政务动态信息更新量（条）" in out.getvalue()
    assert "要闻" in out.getvalue()


def test_every_row_of_the_participation_table3_has_its_place(portal):
    """When the participation app provides 表三, each of its rows lands on a layout row."""
    stats = pytest.importorskip("portal.participation.stats")
    from portal.statistics import annual

    result = stats.table3(2021)
    layout_keys, parent = set(), ""
    for label, level in table3_layout(2021):
        if level == 1:
            parent = label
        layout_keys.add(annual._data_key(label, parent))
    parent = ""
    for label, values in result["rows"]:
        key = annual._data_key(label, parent)
        if len(key) == 1 and key[0].startswith("（"):
            parent = key[0]
        assert key in layout_keys, label
        assert len(values) == 7
