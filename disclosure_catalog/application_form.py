"""The 政府信息公开申请表 as DOCX and PDF, generated from the online form's own fields.

The fields and their choices come from ``guide.application_fields()`` (the participation
app's model), the receiving office from ``guide.Office``: the paper form asks exactly what
the online form asks (条例第二十九条: 申请人的姓名或者名称、身份证明、联系方式；申请公开的
政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求，
包括获取信息的方式、途径).

DOCX: python-docx with the official layout of portal/statistics/officedoc.py. PDF: a small
writer in the style of portal/core/pdf.py, drawing with the standard Adobe Chinese font
STSong-Light (not embedded: PDF readers supply it, so the file stays a few kilobytes) and a
ToUnicode map so that the text can be searched and copied.
"""

import io

from portal.core.pdf import stream

from .guide import application_fields

TITLE = "政府信息公开申请表"
NOTES = [
    "1. 申请人应如实填写本表，并提供身份证明（自然人提供身份证件复印件，法人或其他组织提供统一社会信用代码证明复印件）。",
    "2. 所需信息的描述应尽量明确，写明信息名称、文号或便于查询的其他特征。",
    "3. 一份申请表宜只申请一项或一类政府信息。",
    "4. 依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，可依规定收取信息处理费（条例第四十二条）。",
]


def choice_text(choices):
    return "　".join(f"□{label}" for label in choices)


def form_rows():
    """[(section, [(label, text)])]: choices as check boxes, other fields blank."""
    return [
        (section, [(label, choice_text(choices) if choices else "") for label, choices in fields])
        for section, fields in application_fields()
    ]


def office_lines(office):
    lines = [f"受理机关：{office.name}"]
    if office.address:
        lines.append(
            f"地址：{office.address}" + (f"（邮编{office.postcode}）" if office.postcode else "")
        )
    contact = [
        f"电话：{office.phone}" if office.phone else "",
        f"传真：{office.fax}" if office.fax else "",
        f"电子邮箱：{office.email}" if office.email else "",
    ]
    contact = "　".join(c for c in contact if c)
    if contact:
        lines.append(contact)
    return lines


# --- DOCX -----------------------------------------------------------------------------------
def form_docx(office):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from portal.statistics import officedoc

    document = officedoc.official_document()
    document.add_heading(TITLE, level=1)
    table = officedoc.fixed_table(document, 0, [2.4, 4.6, 8.6])
    for section, rows in form_rows():
        first = None
        for label, text in rows:
            cells = table.add_row().cells
            cells[1].text = label
            cells[2].text = text
            if label.startswith("所需信息"):
                cells[2].add_paragraph("")
                cells[2].add_paragraph("")
            first = cells[0] if first is None else first.merge(cells[0])
        first.text = section
    sign = table.add_row().cells
    sign[0].merge(sign[1]).text = "申请人签名或盖章"
    sign[2].text = "　　　　　　　　申请日期：　　年　　月　　日"
    officedoc.finish_table(table, center_from=3)
    for row in table.rows:
        row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("")
    for line in office_lines(office) + ["填表说明："] + NOTES:
        paragraph = document.add_paragraph(line)
        for run in paragraph.runs:
            run.font.size = officedoc.TABLE_SIZE
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------
PAGE_W, PAGE_H = 595, 842  # A4 in points
LEFT, RIGHT, TOP = 56, 539, 780
COLUMNS = (60, 150, 273)  # section, label, value (together RIGHT − LEFT)
SIZE = 10.5
LEADING = 15


def _width(text, size):
    return sum(size / 2 if ord(ch) < 0x2E80 else size for ch in text)


def wrap(text, width, size=SIZE):
    """Lines of ``text`` no wider than ``width`` points (full-width characters: one em)."""
    lines, line = [], ""
    for ch in text:
        if _width(line + ch, size) > width:
            lines.append(line)
            line = ""
        line += ch
    if line or not lines:
        lines.append(line)
    return lines


def _hex(text):
    # UniGB-UCS2-H: two bytes per character, the character's code point (BMP)
    return "".join(f"{ord(ch):04X}" for ch in text if ord(ch) <= 0xFFFF)


class Canvas:
    def __init__(self):
        self.ops = []

    def text(self, x, y, text, size=SIZE):
        if text:
            self.ops.append(f"BT /F1 {size:g} Tf {x:.1f} {y:.1f} Td <{_hex(text)}> Tj ET")

    def centred(self, y, text, size):
        self.text((PAGE_W - _width(text, size)) / 2, y, text, size)

    def rect(self, x, y, w, h):
        self.ops.append(f"{x:.1f} {y:.1f} {w:.1f} {h:.1f} re S")

    def content(self):
        return ("0 0 0 RG 0.6 w\n" + "\n".join(self.ops)).encode("ascii")


def _cell(canvas, x, top, w, h, lines):
    canvas.rect(x, top - h, w, h)
    y = top - (h - len(lines) * LEADING) / 2 - SIZE
    for line in lines:
        canvas.text(x + 5, y, line)
        y -= LEADING


def form_pdf(office):
    canvas = Canvas()
    canvas.centred(TOP, TITLE, 20)
    y = TOP - 34
    for line in office_lines(office)[:1]:
        canvas.centred(y, line, SIZE)
        y -= LEADING
    y -= 6
    x_label = LEFT + COLUMNS[0]
    x_value = x_label + COLUMNS[1]
    for section, rows in form_rows():
        section_top = y
        for label, text in rows:
            label_lines = wrap(label, COLUMNS[1] - 10)
            value_lines = wrap(text, COLUMNS[2] - 10)
            lines = max(len(label_lines), len(value_lines))
            if label.startswith("所需信息"):
                lines = max(lines, 5)
            h = lines * LEADING + 12
            _cell(canvas, x_label, y, COLUMNS[1], h, label_lines)
            _cell(canvas, x_value, y, COLUMNS[2], h, value_lines)
            y -= h
        _cell(
            canvas, LEFT, section_top, COLUMNS[0], section_top - y, wrap(section, COLUMNS[0] - 10)
        )
    _cell(canvas, LEFT, y, COLUMNS[0] + COLUMNS[1], 40, ["申请人签名或盖章"])
    _cell(canvas, x_value, y, COLUMNS[2], 40, ["　" * 6 + "申请日期：　　年　　月　　日"])
    y -= 60
    for line in office_lines(office)[1:] + ["填表说明："] + NOTES:
        for part in wrap(line, RIGHT - LEFT, 9):
            canvas.text(LEFT, y, part, 9)
            y -= 13
    return pdf_document(canvas.content())


def _to_unicode_cmap():
    ranges = [
        f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi <= 0xDF
    ]
    blocks = []
    for start in range(0, len(ranges), 100):
        chunk = ranges[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend"
    ).encode("ascii")


def to_unicode_cmap(text):
    """A ToUnicode map of just the characters of ``text`` (small: quick for readers and text
    extraction, unlike the map of the whole plane)."""
    codes = sorted(
        {ord(ch) for ch in text if ord(ch) <= 0xFFFF and not 0xD800 <= ord(ch) <= 0xDFFF}
    )
    blocks = []
    for start in range(0, len(codes), 100):
        chunk = codes[start : start + 100]
        pairs = "\n".join(f"<{c:04X}> <{c:04X}>" for c in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{pairs}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend"
    ).encode("ascii")


def pdf_document(content, title=TITLE, to_unicode=None):
    """A one-page A4 PDF drawing ``content`` with /F1 = STSong-Light (UniGB-UCS2-H), with
    ``title`` in its document information; ``to_unicode``: the ToUnicode map (default: the
    whole plane)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % (PAGE_W, PAGE_H),
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >>",
        stream(to_unicode or _to_unicode_cmap()),
        b"<< /Title <FEFF" + _hex(title).encode() + b"> /Producer (portal) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(objects), xref)
    )
    return out.getvalue()
