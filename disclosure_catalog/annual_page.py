"""The 年报 page's content: the statistics' 年报 data (portal/statistics/annual.py
``disclosure_report``, the same data the DOCX draft is written from), laid out for HTML,
with the page's own text for the sections the office wrote."""

from portal.statistics.annual import disclosure_report

#: page field → the key of the generated text in ``disclosure_report``
TEXT_FIELDS = {
    "overview_text": "overview",
    "proactive_text": "proactive",
    "requests_text": "requests",
    "review_text": "review",
    "problems_text": "problems",
    "other_text": "other",
}


def paragraphs(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def table3_rows(rows):
    """表三 body rows: (label, level, values, css class); headings with sub-rows have no
    values (blank cells, as in the official layout)."""
    out = []
    for label, level, values in rows:
        out.append({"label": label, "level": level, "values": values})
    return out


def balance(columns, rows):
    """The 勾稽关系 of 表三 per column (国办公开办函〔2021〕30号 附件 表三 说明): 一 + 二 =
    三（七）总计 + 四, and （七）总计 = the sum of the results （一） to （六）; the 总计 column
    is the sum of the applicant columns. Returns a list of the failed checks (empty when
    the table balances)."""
    by_prefix = {}
    results = []
    for label, level, values in rows:
        if values is None:
            continue
        if level == 0:
            by_prefix[label[:2]] = values
        elif label.startswith("（七）"):
            by_prefix["（七）"] = values
        else:
            results.append(values)
    failures = []
    width = len(columns)
    new, carried_in = by_prefix.get("一、", [0] * width), by_prefix.get("二、", [0] * width)
    total, carried_out = by_prefix.get("（七）", [0] * width), by_prefix.get("四、", [0] * width)
    for i, name in enumerate(columns):
        if new[i] + carried_in[i] != total[i] + carried_out[i]:
            failures.append(f"{name}：一加二不等于三（七）加四")
        if sum(r[i] for r in results) != total[i]:
            failures.append(f"{name}：办理结果之和不等于总计")
    for label, _level, values in rows:
        if values is not None and sum(values[:-1]) != values[-1]:
            failures.append(f"{label}：各类申请人之和不等于总计")
    return failures


def table2_blocks(blocks):
    """表二's blocks with the span of their last column, so that every block is as wide as
    the widest (the official table: one grid, the narrower blocks' last cell merged)."""
    width = max((len(columns) for _block, columns, _rows in blocks), default=1)
    return [
        {
            "block": block,
            "columns": columns,
            "rows": rows,
            "width": width,
            "span": width - len(columns) + 1,
        }
        for block, columns, rows in blocks
    ]


def report_for(page):
    data = disclosure_report(page.report_year)
    sections = {}
    for field, key in TEXT_FIELDS.items():
        own = getattr(page, field, "")
        sections[key] = {
            "paragraphs": paragraphs(own or data[key]),
            "edited": bool(own.strip()),
        }
    columns, rows = data["table3"]
    groups, t4_columns, t4_values = data["table4"]
    t4_width = len(t4_columns)
    return {
        "year": data["year"],
        "format": data["format"],
        "title": data["title"],
        "headings": data["sections"],
        "text": sections,
        "table2": table2_blocks(data["table2"]),
        "table3": {
            "columns": columns,
            "applicants": columns[1:6],
            "rows": table3_rows(rows),
            "balance_failures": balance(columns, rows),
        },
        "table4": {
            "groups": groups,
            "columns": t4_columns,
            "values": t4_values,
            "by_group": [t4_values[i * t4_width : (i + 1) * t4_width] for i in range(len(groups))],
        },
    }
