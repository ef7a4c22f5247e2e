"""Writers: text table, CSV, XLSX (openpyxl) and DOCX (python-docx).

- :func:`report_lines` — the 信息发布 block as (label, value) lines (table and CSV).
- :func:`annual_form_xlsx` / :func:`annual_form_docx` — the 政府网站工作年度报表 in the
  reference field layout (section, field, value), plus a sheet of the 信息发布 breakdown.
- :func:`disclosure_report_docx` — the draft 政府信息公开工作年度报告: six sections with
  表二, 表三 and 表四 in the year's format.
"""

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from portal.core.spreadsheets import csv_writer, safe_row

from . import officedoc
from .annual import annual_form, disclosure_report

MONTH_LABELS = [f"{m}月" for m in range(1, 13)]


def report_lines(report):
    lines = [
        ("信息发布总数（条）", report["total"]),
        ("概况类信息更新量（条）", report["overview_updates"]),
        ("政务动态信息更新量（条）", report["news"]["total"]),
    ]
    lines += [(f"　其中：{label}", n) for label, n in report["news"]["labels"].items()]
    lines.append(("信息公开目录信息更新量（条）", report["catalogue"]["total"]))
    lines += [(f"　其中：{label}", n) for label, n in report["catalogue"]["labels"].items()]
    lines += [
        ("其他各类栏目信息（条）", report["other"]),
        ("专栏专题：新开设数量（个）", report["topics"]["opened"]),
        ("专栏专题：维护数量（个）", report["topics"]["maintained"]),
        ("解读信息（条）", report["interpretations"]["total"]),
        ("　其中：解读材料（条）", report["interpretations"]["materials"]),
        ("　其中：解读产品（个）", report["interpretations"]["products"]),
        # 站群: items of other sites pushed here (信息推送), counted by their source site
        ("转载其他站点信息（条，不计入信息发布总数）", report.get("reprints", 0)),
    ]
    return lines


def report_table(report):
    title = f"{report['year']}年度信息发布统计"
    if report.get("unit"):
        title += f"（{report['unit']['name']}）"
    lines = report_lines(report)
    width = max(_display_width(label) for label, _ in lines) + 2
    out = [title, "=" * (width + 8)]
    for label, value in lines:
        out.append(label + " " * (width - _display_width(label)) + f"{value:>8}")
    out.append("")
    out.append("按月：" + "  ".join(f"{m['month']}月 {m['total']}" for m in report["months"]))
    if report["units"] and not report.get("unit"):
        out.append("")
        out.append("按单位（总数 / 政务动态 / 信息公开目录）：")
        for row in report["units"]:
            out.append(f"  {row['name']}：{row['total']} / {row['news']} / {row['catalogue']}")
    return "\n".join(out) + "\n"


def _display_width(text):
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def report_csv(report):
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["项目", "数量"])
    for label, value in report_lines(report):
        writer.writerow([label.strip("　"), value])
    writer.writerow([])
    writer.writerow(["月份", "总数", "概况类", "政务动态", "信息公开目录", "其他"])
    for m in report["months"]:
        writer.writerow(
            [
                f"{m['month']}月",
                m["total"],
                m["overview_updates"],
                m["news"],
                m["catalogue"],
                m["other"],
            ]
        )
    writer.writerow([])
    writer.writerow(
        ["单位", "统一社会信用代码", "总数", "概况类", "政务动态", "信息公开目录", "其他"]
    )
    for u in report["units"]:
        writer.writerow(
            [
                u["name"],
                u["code"],
                u["total"],
                u["overview_updates"],
                u["news"],
                u["catalogue"],
                u["other"],
            ]
        )
    return buffer.getvalue()


# --- XLSX -------------------------------------------------------------------------------------
def _append(sheet, row):
    sheet.append(safe_row(row))  # no cell becomes a formula (portal/core/spreadsheets.py)


def annual_form_xlsx(year, report=None, site=None):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from .reports import annual_report

    report = report or annual_report(year, site=site)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook()
    ws = wb.active
    ws.title = "年度报表"
    _append(ws, [f"政府网站工作年度报表（{year}年度）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    _append(ws, ["栏目", "项目", "内容"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for name, rows in annual_form(year, report, site):
        first = ws.max_row + 1
        for label, value in rows:
            _append(ws, [name, label, value])
        if len(rows) > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=ws.max_row, end_column=1)
        ws.cell(first, 1).alignment = Alignment(vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="center")
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=3):
        for cell in row:
            cell.border = border
            if cell.column > 1:
                cell.alignment = wrap
    # on A4 portrait, one page wide: labels (B) and values (C) print side by side
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 30
    officedoc.a4_sheet(ws, title_rows="1:2")

    detail = wb.create_sheet("信息发布明细")
    _append(detail, ["项目", "数量"])
    for label, value in report_lines(report):
        _append(detail, [label.strip("　"), value])
    _append(detail, [])
    _append(detail, ["月份", "总数", "概况类", "政务动态", "信息公开目录", "其他"])
    for m in report["months"]:
        _append(
            detail,
            [
                f"{m['month']}月",
                m["total"],
                m["overview_updates"],
                m["news"],
                m["catalogue"],
                m["other"],
            ],
        )
    _append(detail, [])
    _append(
        detail, ["单位", "统一社会信用代码", "总数", "概况类", "政务动态", "信息公开目录", "其他"]
    )
    for u in report["units"]:
        _append(
            detail,
            [
                u["name"],
                u["code"],
                u["total"],
                u["overview_updates"],
                u["news"],
                u["catalogue"],
                u["other"],
            ],
        )
    detail.column_dimensions["A"].width = 32
    detail.column_dimensions["B"].width = 20
    for column in "CDEFG":
        detail.column_dimensions[column].width = 12
    officedoc.a4_sheet(detail, landscape=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# --- DOCX -------------------------------------------------------------------------------------
def _docx():
    return officedoc.official_document()


def _bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _text(value):
    return "" if value is None else str(value)


def annual_form_docx(year, report=None, site=None):
    from .reports import annual_report

    report = report or annual_report(year, site=site)
    document = _docx()
    document.add_heading(f"政府网站工作年度报表（{year}年度）", level=1)
    sections = annual_form(year, report, site)
    table = officedoc.fixed_table(document, 1, [2.4, 7.2, 6.0])
    for cell, text in zip(table.rows[0].cells, ["栏目", "项目", "内容"], strict=True):
        cell.text = text
    for name, rows in sections:
        first = None
        for label, value in rows:
            cells = table.add_row().cells
            cells[1].text = label
            cells[2].text = _text(value)
            if first is None:
                first = cells[0]
                first.text = name
            else:
                first = first.merge(cells[0]) if first is not cells[0] else first
        if first is not None:
            first.text = name
    officedoc.finish_table(table, center_from=2)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return _bytes(document)


def disclosure_report_docx(year, site=None):
    data = disclosure_report(year, site)
    document = _docx()
    document.add_heading(data["title"], level=1)
    officedoc.body_paragraph(
        document, f"（{data['format']}年格式；本稿由门户网站统计数据自动生成，请核对后发布。）"
    )
    s1, s2, s3, s4, s5, s6 = data["sections"]

    document.add_heading(s1, level=2)
    for paragraph in data["overview"].split("\n"):
        officedoc.body_paragraph(document, paragraph)

    document.add_heading(s2, level=2)
    officedoc.body_paragraph(document, data["proactive"])
    for block, columns, rows in data["table2"]:
        widths = officedoc.column_widths([1.6] + [1] * (len(columns) - 1))
        table = officedoc.fixed_table(document, 2, widths)
        merged = table.rows[0].cells[0].merge(table.rows[0].cells[-1])
        merged.text = block
        for cell, text in zip(table.rows[1].cells, columns, strict=True):
            cell.text = text
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = _text(value)
        officedoc.finish_table(table)
        document.add_paragraph("")

    document.add_heading(s3, level=2)
    officedoc.body_paragraph(document, data["requests"])
    columns, rows = data["table3"]
    # two label columns (5.6 cm together), then the seven applicant columns
    table = officedoc.fixed_table(document, 2, [1.6, 4.0] + [10.0 / len(columns)] * len(columns))
    head, sub = table.rows[0].cells, table.rows[1].cells
    head[0].merge(
        sub[1]
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    head[2].merge(sub[2]).text = columns[0]
    head[3].merge(head[7]).text = "法人或其他组织"
    for i, name in enumerate(columns[1:6]):
        sub[3 + i].text = name
    head[8].merge(sub[8]).text = columns[6]
    for label, level, values in rows:
        cells = table.add_row().cells
        cells[0].merge(cells[1]).text = "　" * level + label
        for cell, value in zip(cells[2:], values or [""] * len(columns), strict=True):
            cell.text = str(value)
    officedoc.finish_table(table, size=officedoc.DENSE_TABLE_SIZE, center_from=2)
    document.add_paragraph("")

    document.add_heading(s4, level=2)
    officedoc.body_paragraph(document, data["review"])
    groups, t4_columns, values = data["table4"]
    width = len(t4_columns)
    table = officedoc.fixed_table(document, 3, officedoc.column_widths([1] * width * 3))
    top, middle, bottom = (table.rows[i].cells for i in range(3))
    top[0].merge(middle[width - 1]).text = groups[0]
    top[width].merge(top[width * 3 - 1]).text = "行政诉讼"
    middle[width].merge(middle[width * 2 - 1]).text = "未经复议直接起诉"
    middle[width * 2].merge(middle[width * 3 - 1]).text = "复议后起诉"
    for i in range(3):
        for j, name in enumerate(t4_columns):
            bottom[i * width + j].text = name
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = str(value)
    officedoc.finish_table(table, size=officedoc.DENSE_TABLE_SIZE, center_from=0)
    officedoc.narrow_cell_margins(table)
    document.add_paragraph("")

    document.add_heading(s5, level=2)
    officedoc.body_paragraph(document, data["problems"])
    document.add_heading(s6, level=2)
    officedoc.body_paragraph(document, data["other"])
    return _bytes(document)
