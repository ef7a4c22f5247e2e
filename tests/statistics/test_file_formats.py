"""The 年度报表 (DOCX, XLSX) and the 年报 draft (DOCX) as a county office prints them: A4,
official fonts, black headings, readable tables, 首页网址 the site's real address (issue 11,
item 8). Rendered with LibreOffice to PDF, as a reader's office suite would."""

import re
import subprocess
import zipfile

import pytest
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from portal.core.columns import ColumnKey
from portal.statistics import exports
from portal.statistics.models import AnnualFormInput, ReviewLitigationRecord
from tests.factories import make_news
from tests.requirements import require_soffice

from .helpers import at

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A4_TWIPS = (11906, 16838)  # 210 mm × 297 mm
A4_POINTS = (595, 842)
MIN_COLUMN_TWIPS = 560  # ~1 cm: two characters of 小五 per line at least
CJK = re.compile(r"^[\u3400-\u9fff]$")


@pytest.fixture
def year_2026(portal):
    for day in (3, 4):
        make_news(portal.column(ColumnKey.NEWS_HEADLINES), published_at=at(2026, 3, day, 9))
    AnnualFormInput.objects.create(year=2026, unique_visitors=1234, filled_by="张三")
    ReviewLitigationRecord.objects.create(year=2026, proceeding="review", outcome="upheld")


@pytest.fixture
def files(year_2026, tmp_path):
    paths = {
        "form.docx": exports.annual_form_docx(2026),
        "report.docx": exports.disclosure_report_docx(2026),
        "form.xlsx": exports.annual_form_xlsx(2026),
    }
    out = {}
    for name, data in paths.items():
        stem, ext = name.split(".")
        out[name] = tmp_path / f"{stem}-{ext}.{ext}"  # distinct PDF names after conversion
        out[name].write_bytes(data)
    return out


def styles_xml(path):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/styles.xml"))


def style(root, style_id):
    return root.find(f"{W}style[@{W}styleId='{style_id}']")


@pytest.mark.parametrize("name", ["form.docx", "report.docx"])
def test_docx_is_a4_with_official_fonts_and_black_headings(files, name):
    document = Document(files[name])
    for section in document.sections:
        assert (section.page_width.twips, section.page_height.twips) == A4_TWIPS

    root = styles_xml(files[name])
    normal_fonts = style(root, "Normal").find(f"{W}rPr/{W}rFonts")
    assert normal_fonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    title_fonts = style(root, "Heading1").find(f"{W}rPr/{W}rFonts")
    assert title_fonts.get(f"{W}eastAsia") == "方正小标宋简体"
    assert title_fonts.get(f"{W}ascii") in ("黑体", "SimHei")
    assert style(root, "Heading2").find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "黑体"
    for style_id in ("Heading1", "Heading2"):
        rpr = style(root, style_id).find(f"{W}rPr")
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(f"{W}eastAsiaTheme") is None, "a theme font would override 黑体"
        color = rpr.find(f"{W}color")
        assert color is not None and color.get(f"{W}val") == "000000"
        assert color.get(f"{W}themeColor") is None, "Word's default blue heading"

    with zipfile.ZipFile(files[name]) as z:
        font_table = z.read("word/fontTable.xml").decode()
    assert 'w:name="方正小标宋简体"' in font_table and 'w:val="黑体"' in font_table

    text_width = (
        A4_TWIPS[0]
        - int(document.sections[0].left_margin.twips)
        - int(document.sections[0].right_margin.twips)
    )
    for table in document.tables:
        tbl = table._tbl
        layout = tbl.tblPr.find(f"{W}tblLayout")
        assert layout is not None and layout.get(f"{W}type") == "fixed"
        widths = [int(col.get(f"{W}w")) for col in tbl.tblGrid.findall(f"{W}gridCol")]
        assert min(widths) >= MIN_COLUMN_TWIPS, widths
        assert sum(widths) <= text_width + 10


def test_xlsx_prints_on_a4_one_page_wide_with_the_real_address(files, settings):
    wb = load_workbook(files["form.xlsx"])
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize in (9, "9")
        assert int(ws.page_setup.fitToWidth) == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    ws = wb["年度报表"]
    values = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(3, ws.max_row + 1)}
    # the bootstrap's Site is "localhost": the address the portal is served at is printed
    assert values["首页网址"] == "http://testserver/"


def test_home_address_is_the_sites_public_host_once_set(year_2026):
    from wagtail.models import Site

    from portal.statistics.annual import site_facts

    Site.objects.filter(is_default_site=True).update(hostname="www.rongjiang.gov.cn", port=443)
    assert site_facts()[1] == "https://www.rongjiang.gov.cn/"


def render_pdfs(files, tmp_path):
    soffice = require_soffice()
    out = tmp_path / "pdf"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(p) for p in files.values()],
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {name: out / (path.stem + ".pdf") for name, path in files.items()}


def cell_texts(files):
    texts = set()
    for name in ("form.docx", "report.docx"):
        for table in Document(files[name]).tables:
            for row in table.rows:
                texts.update(cell.text.strip() for cell in row.cells)
    for ws in load_workbook(files["form.xlsx"]).worksheets:
        for row in ws.iter_rows(values_only=True):
            texts.update(str(v).strip() for v in row if v is not None)
    return texts


def test_rendered_files_are_a4_and_no_cell_wraps_one_character_per_line(files, tmp_path):
    from pypdf import PdfReader

    pdfs = render_pdfs(files, tmp_path)
    whole_cells = cell_texts(files)
    for name, pdf in pdfs.items():
        reader = PdfReader(pdf)
        assert reader.pages, name
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if name.endswith(".xlsx"):
                size = tuple(sorted(size))  # the breakdown sheet prints landscape
            assert abs(size[0] - A4_POINTS[0]) <= 2 and abs(size[1] - A4_POINTS[1]) <= 2, (
                name,
                size,
            )
        lines = [line.strip() for page in reader.pages for line in page.extract_text().splitlines()]
        text = "\n".join(lines)
        assert "政府" in text, f"{name}: the PDF holds no Chinese text"
        # a cell squeezed to one character per line renders as a run of one-character lines
        # (a long value whose last character wraps gives a single one: that is fine)
        single = [bool(CJK.match(line)) and line not in whole_cells for line in lines]
        runs = [lines[i : i + 2] for i in range(len(lines) - 1) if single[i] and single[i + 1]]
        assert not runs, f"{name}: table text wrapped one character per line: {runs[:5]}"
        if name == "form.xlsx":
            # labels and values on the same page: 首页网址 with its address
            first = reader.pages[0].extract_text()
            assert "首页网址" in first and "http://testserver/" in first
