"""A Word document's body as the StreamField data ``BodyBlock`` accepts (pure: no database).

What is kept: the text, in document order, as 正文段落 (``<p>``, lists, bold, italic, web
links), 小标题 (Word's heading styles or outline levels 1-2; levels 3 and below become h3/h4
inside the paragraph block), 表格 (cell text, merged cells) and 图片. What is dropped: every Word style — fonts, sizes, colours, inline indents, alignment —
and empty paragraphs; the site's CSS gives 正文 its font and 首行缩进, so leading spaces typed
for indentation are removed too. A paragraph in the 标题 (Title) style is returned as the
document's title rather than put in the body.

Images are handed to ``store_image(WordImage)``, which returns the id of a stored image (or
None to leave it out); the caller decides where images live.
"""

import re
import uuid
from dataclasses import dataclass, field

from django.utils.html import escape
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

#: the longest 小标题 (HeadingBlock.max_length); longer "headings" stay bold paragraphs
MAX_HEADING = 120

A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
R_EMBED = qn("r:embed")
R_ID = qn("r:id")

HEADING_STYLE = re.compile(r"^(heading|标题)\s*(\d)$", re.IGNORECASE)
#: spaces typed to indent a paragraph by hand (half- and full-width), and zero-width ones
LEADING_SPACE = re.compile(r"^[\s\u3000\u00a0\u200b\ufeff]+")
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


@dataclass
class WordImage:
    data: bytes
    filename: str
    alt_text: str = ""


@dataclass
class Conversion:
    """The result: the body's StreamField data, the title found, and what was left out."""

    blocks: list = field(default_factory=list)
    title: str = ""
    images: int = 0
    images_without_alt: int = 0
    skipped: list = field(default_factory=list)


def convert(document, store_image) -> Conversion:
    """``document`` is a ``docx.Document``; returns a :class:`Conversion`."""
    builder = _Builder(document, store_image)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            builder.table(item)
        else:
            builder.paragraph(item)
    builder.flush()
    return builder.result


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


class _Builder:
    def __init__(self, document, store_image):
        self.document = document
        self.store_image = store_image
        self.result = Conversion()
        self.html = []  # the pieces of the 正文段落 being gathered
        self.list_tag = None  # "ul"/"ol" while list items are gathered
        self.image_count = 0
        self.styles = {}

    # --- paragraphs ---------------------------------------------------------------------
    def style_of(self, paragraph: Paragraph):
        """The paragraph's style, looked up once per style (python-docx scans every style
        for each lookup)."""
        style_id = paragraph._p.style
        if style_id not in self.styles:
            self.styles[style_id] = paragraph.style
        return self.styles[style_id]

    def paragraph(self, paragraph: Paragraph):
        style = self.style_of(paragraph)
        if is_table_of_contents(style):
            return  # Word's 目录 points at page numbers that a web page does not have
        level = heading_level(paragraph, style)
        if level == 0:  # 标题 (Title): the document's title
            text = clean_text(paragraph.text)
            if text and not self.result.title:
                self.result.title = text
                return
            level = 1
        pieces = []  # (kind, html or WordImage)
        current = []
        for item in paragraph.iter_inner_content():
            if isinstance(item, Hyperlink):
                current.append(self._link(item))
                continue
            images = self._run_images(item)
            current.append(run_html(item))
            for image in images:
                pieces.append(("text", "".join(current)))
                current = []
                pieces.append(("image", image))
        pieces.append(("text", "".join(current)))

        for kind, content in pieces:
            if kind == "image":
                self._image(content)
                continue
            html = strip_leading_space(content)
            if not text_of(html):
                continue  # empty paragraphs (and spaces) are dropped
            if level is not None:
                text = clean_text(paragraph.text)
                if level >= 3:  # lower levels stay inside the 正文段落 (its h3/h4 features)
                    self._close_list()
                    tag = f"h{min(level, 4)}"
                    self.html.append(f"<{tag}>{escape(text)}</{tag}>")
                    continue
                if len(text) <= MAX_HEADING:
                    self.flush()
                    self.result.blocks.append(block("heading", text))
                    continue
                html = f"<b>{html}</b>"
            list_tag = list_kind(paragraph, style)
            if list_tag:
                if self.list_tag != list_tag:
                    self._close_list()
                    self.html.append(f"<{list_tag}>")
                    self.list_tag = list_tag
                self.html.append(f"<li>{html}</li>")
            else:
                self._close_list()
                self.html.append(f"<p>{html}</p>")

    def _link(self, hyperlink: Hyperlink):
        inner = "".join(run_html(run) for run in hyperlink.runs)
        address = hyperlink.address or ""
        if address and SAFE_LINK.match(address):
            return f'<a href="{escape(address)}">{inner}</a>'
        return inner

    def _close_list(self):
        if self.list_tag:
            self.html.append(f"</{self.list_tag}>")
            self.list_tag = None

    def flush(self):
        self._close_list()
        if self.html:
            self.result.blocks.append(block("paragraph", "".join(self.html)))
            self.html = []

    # --- images -------------------------------------------------------------------------
    def _run_images(self, run: Run):
        found = []
        for element in run._r.iter(A_BLIP, V_IMAGEDATA):
            rid = element.get(R_EMBED) if element.tag == A_BLIP else element.get(R_ID)
            part = self.document.part.related_parts.get(rid) if rid else None
            blob = getattr(part, "blob", None)
            if not blob:
                continue
            self.image_count += 1
            name = str(getattr(part, "partname", "")).rsplit("/", 1)[-1] or "image"
            found.append(WordImage(blob, name, alt_of(run._r)))
        return found

    def _image(self, image: WordImage):
        image_id = self.store_image(image)
        if image_id is None:
            self.result.skipped.append(f"图片“{image.filename}”")
            return
        self.flush()
        self.result.images += 1
        if not image.alt_text:
            self.result.images_without_alt += 1
        self.result.blocks.append(
            block(
                "image",
                {
                    "image": {"image": image_id, "alt_text": image.alt_text, "decorative": False},
                    "caption": "",
                },
            )
        )

    # --- tables -------------------------------------------------------------------------
    def table(self, table: Table):
        pictures = sum(1 for _ in table._tbl.iter(A_BLIP, V_IMAGEDATA))
        if pictures:
            self.result.skipped.append(f"表格中的图片{pictures}张")
        value = table_value(table)
        if value is None:
            return
        self.flush()
        self.result.blocks.append(block("table", value))


def table_value(table: Table):
    """The TableBlock value of a Word table: cell text, merged cells, a header row when Word
    marks one (重复标题行) or the whole first row is bold. None for a table with no text."""
    grid = []
    for row in table.rows:
        try:
            grid.append([cell._tc for cell in row.cells])
        except (IndexError, ValueError):  # a malformed grid: keep what python-docx reads
            continue
    if not grid:
        return None
    width = max(len(row) for row in grid)
    for row in grid:
        row.extend([None] * (width - len(row)))
    data = [[None] * width for _ in grid]
    cells_meta, merges, seen = [], [], set()
    for r, row in enumerate(grid):
        for c, tc in enumerate(row):
            if tc is None:
                data[r][c] = ""
                continue
            if id(tc) in seen:
                cells_meta.append({"row": r, "col": c, "hidden": True})
                continue
            seen.add(id(tc))
            colspan = 1
            while c + colspan < width and row[c + colspan] is tc:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and grid[r + rowspan][c] is tc:
                rowspan += 1
            text = "\n".join(clean_text(p.text) for p in _cell_paragraphs(tc) if clean_text(p.text))
            data[r][c] = text
            if colspan > 1 or rowspan > 1:
                merges.append({"row": r, "col": c, "rowspan": rowspan, "colspan": colspan})
    for r, c in ((m["row"], m["col"]) for m in cells_meta):
        data[r][c] = None
    if not any(cell for row in data for cell in row):
        return None
    header = _marked_header(table) and len(data) > 1
    value = {
        "data": data,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_header_choice": "row" if header else "neither",
        "table_caption": "",
    }
    if cells_meta:
        value["cell"] = cells_meta
    if merges:
        value["mergeCells"] = merges
    return value


def _cell_paragraphs(tc):
    from docx.table import _Cell

    return _Cell(tc, None).paragraphs


def _marked_header(table: Table):
    first = table.rows[0]
    tr_pr = first._tr.trPr
    if tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None:
        return True
    runs = [
        run
        for cell in first.cells
        for p in cell.paragraphs
        for run in p.runs
        if clean_text(run.text)
    ]
    return bool(runs) and all(run.bold for run in runs)


# --- small pure helpers -------------------------------------------------------------------
def heading_level(paragraph: Paragraph, style=None):
    """0 for the Title style, 1-9 for a heading (style or outline level), else None."""
    style = style or paragraph.style
    name = (style.name if style is not None else "") or ""
    if name.lower() in ("title", "标题"):
        return 0
    match = HEADING_STYLE.match(name.strip())
    if match:
        return int(match.group(2))
    level = _outline_level(paragraph._p.pPr)
    if level is None and style is not None:
        level = _outline_level(style.element.pPr)
    return None if level is None else level + 1


def is_table_of_contents(style):
    name = ((style.name if style is not None else "") or "").lower()
    return name.startswith(("toc", "目录")) or name == "toc heading"


def _outline_level(p_pr):
    if p_pr is None:
        return None
    element = p_pr.find(qn("w:outlineLvl"))
    if element is None:
        return None
    try:
        value = int(element.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
    return value if 0 <= value < 9 else None  # 9 is "body text"


def list_kind(paragraph: Paragraph, style=None):
    """ "ul" or "ol" for a list paragraph (a List style or Word numbering), else None."""
    style = style or paragraph.style
    name = ((style.name if style is not None else "") or "").lower()
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.find(qn("w:numPr")) is not None
    if "bullet" in name:
        return "ul"
    if name.startswith("list") or numbered:
        return "ol"
    return None


def run_html(run: Run):
    text = run.text
    if not text:
        return ""
    html = escape(text).replace("\n", "<br/>").replace("\t", " ")
    if run.italic:
        html = f"<i>{html}</i>"
    if run.bold:
        html = f"<b>{html}</b>"
    return html


def alt_of(element):
    for doc_pr in element.iter(WP_DOCPR):
        text = clean_text(doc_pr.get("descr") or doc_pr.get("title") or "")
        if text:
            return text[:250]
    return ""


def clean_text(text):
    return re.sub(r"\s+", " ", LEADING_SPACE.sub("", text or "").replace("\u3000", " ")).strip()


def strip_leading_space(html):
    # leading spaces may sit inside <b>/<i>: strip them after any opening tags
    match = re.match(r"^((?:<[bi]>)*)", html)
    prefix = match.group(1)
    return prefix + LEADING_SPACE.sub("", html[len(prefix) :])


def text_of(html):
    return LEADING_SPACE.sub("", re.sub(r"<[^>]+>", "", html)).strip()
