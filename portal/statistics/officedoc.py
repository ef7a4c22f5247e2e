"""The page layout of the reports the statistics app writes: A4, official fonts, fixed tables.

Follows GB/T 9704-2012 (党政机关公文格式) for what a county office expects of a report it
will print and file: A4 paper (210 mm × 297 mm), margins 37 / 35 / 28 / 26 mm, 标题 in
方正小标宋简体 (黑体 where it is not installed), 一级标题 in 黑体, 正文 in 仿宋_GB2312 三号
(16 pt) with a two-character first-line indent, black text. Tables use 仿宋_GB2312 in a
smaller size and fixed column widths, so Word and WPS do not squeeze a column to one
character per line.

python-docx sets only the Latin font from ``font.name``; the Chinese font is the
``w:rFonts/@w:eastAsia`` attribute, set here explicitly, and the theme-font attributes of
Word's built-in heading styles (which win over explicit names) are removed.
"""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
TITLE_FALLBACK = "黑体"  # SimHei: installed with every Chinese Windows
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
BODY_FALLBACK = "仿宋"  # FangSong: Windows 7 and later ship 仿宋 instead of 仿宋_GB2312
#: fonts Word may not have, each with the installed font to use instead (fontTable altName)
ALTERNATES = {TITLE_FONT: TITLE_FALLBACK, BODY_FONT: BODY_FALLBACK}

A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
MARGINS = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}
#: the width of the text block (and of every table): 21.0 − 2.8 − 2.6 = 15.6 cm
TEXT_WIDTH_CM = 15.6
BLACK = RGBColor(0, 0, 0)
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
DENSE_TABLE_SIZE = Pt(9)  # 小五: tables with many columns


def set_fonts(rpr_owner, name, east_asia=None):
    """Latin and Chinese font of a style or run (theme fonts removed)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:eastAsia"), east_asia or name)


def _style(style, font, size, bold=False, east_asia=None):
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = BLACK  # also drops Word's themeColor (its default blue)
    set_fonts(style.element, font, east_asia)


def _font_table_alternates(document):
    """Name a fallback for fonts Word may lack (w:altName in word/fontTable.xml)."""
    from lxml import etree

    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/fontTable"):
            continue
        part = rel.target_part
        root = etree.fromstring(part.blob)
        for name, alt in ALTERNATES.items():
            font = etree.SubElement(root, qn("w:font"))
            font.set(qn("w:name"), name)
            alt_name = etree.SubElement(font, qn("w:altName"))
            alt_name.set(qn("w:val"), alt)
            charset = etree.SubElement(font, qn("w:charset"))
            charset.set(qn("w:val"), "86")  # GB2312
            family = etree.SubElement(font, qn("w:family"))
            family.set(qn("w:val"), "modern" if name == BODY_FONT else "script")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def official_document():
    """An empty python-docx Document on A4 with the official fonts and black headings."""
    from docx import Document

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        for side, value in MARGINS.items():
            setattr(section, f"{side}_margin", value)
    styles = document.styles
    normal = styles["Normal"]
    _style(normal, BODY_FONT, BODY_SIZE)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)

    title = styles["Heading 1"]
    _style(title, TITLE_FALLBACK, TITLE_SIZE, east_asia=TITLE_FONT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(0)
    title.paragraph_format.space_after = Pt(16)
    title.paragraph_format.line_spacing = Pt(36)
    heading = styles["Heading 2"]
    _style(heading, HEADING_FONT, BODY_SIZE)
    heading.paragraph_format.first_line_indent = Pt(32)
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.space_after = Pt(0)
    for name in ("Heading 1 Char", "Heading 2 Char", "Title", "Title Char"):
        if name in [s.name for s in styles]:
            styles[name].font.color.rgb = BLACK
    _font_table_alternates(document)
    return document


def body_paragraph(document, text):
    """正文: 仿宋_GB2312 三号 with a two-character (32 pt) first-line indent."""
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    return paragraph


def column_widths(weights, total_cm=TEXT_WIDTH_CM):
    """Widths in cm in proportion to ``weights``, together the text block's width."""
    scale = total_cm / sum(weights)
    return [w * scale for w in weights]


def fixed_table(document, rows, widths_cm):
    """A bordered table with a fixed layout and the given column widths."""
    table = document.add_table(rows=rows, cols=len(widths_cm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout type="fixed"
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(Cm(sum(widths_cm)).twips)))
    table._portal_widths = list(widths_cm)
    return table


def finish_table(table, size=TABLE_SIZE, center_from=1):
    """After the rows are in: every cell's width from the grid (merged cells: the sum of
    their columns), table text size, no indent, single spacing; columns from
    ``center_from`` centred (figures)."""
    widths = table._portal_widths
    for tr in table._tbl.tr_lst:
        offset = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths[offset : offset + span]))
            offset += span
    for row in table.rows:
        seen = set()
        for index, cell in enumerate(row.cells):
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                fmt = paragraph.paragraph_format
                fmt.first_line_indent = Pt(0)
                fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
                if index >= center_from:
                    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
                for run in paragraph.runs:
                    run.font.size = size
    return table


# --- XLSX -----------------------------------------------------------------------------------
def a4_sheet(ws, title_rows=None, landscape=False):
    """Print setup of an openpyxl worksheet: A4, one page wide, centred, title rows repeated."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4  # 9
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title_rows:
        ws.print_title_rows = title_rows


def narrow_cell_margins(table, cm=0.05):
    """Left and right cell margins of ``cm`` (Word's default 0.19 cm leaves a narrow
    column two characters less)."""
    tbl_pr = table._tbl.tblPr
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.append(margins)
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(Cm(cm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
