"""Word files built with python-docx for the 从 Word 导入正文 tests."""

import io

import docx
from docx.shared import Inches, Pt, RGBColor

from tests.factories import png_bytes

RED = (200, 30, 30)
BLUE = (30, 30, 200)


def sample_docx():
    """A 公文-like document: title, headings, styled and indented text, an empty paragraph,
    a table with a merged cell and two images."""
    document = docx.Document()
    document.add_heading("关于做好2026年春季学期开学工作的通知", 0)
    document.add_heading("一、总体要求", 1)
    paragraph = document.add_paragraph("　　各乡镇、各部门要高度重视，")
    run = paragraph.add_run("确保安全有序开学")
    run.bold = True
    run.font.name = "仿宋_GB2312"
    run.font.size = Pt(16)
    run.font.color.rgb = RGBColor(0xFF, 0, 0)
    paragraph.add_run("。")
    document.add_paragraph("")
    document.add_paragraph("　　")
    document.add_picture(io.BytesIO(png_bytes(120, 80, RED)), width=Inches(2))
    document.add_heading("二、工作安排", 2)
    table = document.add_table(rows=3, cols=3)
    cells = [["时间", "事项", "责任单位"], ["2月20日", "校园安全检查", "县教育局"], ["", "", ""]]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = cells[r][c]
    table.cell(2, 0).merge(table.cell(2, 2)).text = "以上工作须于开学前完成"
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    document.add_picture(io.BytesIO(png_bytes(90, 60, BLUE)), width=Inches(1.5))
    document.add_paragraph("特此通知。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
