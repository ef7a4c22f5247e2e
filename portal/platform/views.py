"""The 统一监管 view and its CSV/XLSX download: platform administrators only
(``core.manage_platform``, ``portal.core.sites.is_platform_admin``); anyone else gets 403."""

import io

from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.urls import reverse

from portal.core import clock
from portal.core.exports import content_disposition, csv_response
from portal.core.sites import is_platform_admin
from portal.core.spreadsheets import csv_writer, safe_row

from .desk import COLUMNS, site_rows, sort_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _forbidden():
    return HttpResponseForbidden("只有平台管理员可以查看统一监管。".encode())


def _rows(request):
    rows, sort = sort_rows(site_rows(), request.GET.get("sort", ""))
    overview = reverse("statistics_admin:overview")
    monitor = reverse("statistics_admin:monitor")
    for row in rows:
        row["statistics_url"] = f"{overview}?site={row['site_id']}"
        row["monitor_url"] = f"{monitor}?site={row['site_id']}"
    return rows, sort


def desk(request):
    if not is_platform_admin(request.user):
        return _forbidden()
    rows, sort = _rows(request)
    headers = []
    for key, label in COLUMNS:
        # a click sorts by the column, a second click reverses it
        next_sort = f"-{key}" if sort == key else key
        arrow = "▲" if sort == key else "▼" if sort == f"-{key}" else ""
        headers.append({"key": key, "label": label, "sort": next_sort, "arrow": arrow})
    today = clock.today()
    totals = {
        key: sum(r[key] or 0 for r in rows)
        for key, _label in COLUMNS
        if key not in ("name", "hostname", "home_days")
    }
    return render(
        request,
        "platform/desk.html",
        {
            "rows": rows,
            "headers": headers,
            "sort": sort,
            "today": today,
            "totals": totals,
            "month": today.month,
            "year": today.year,
        },
    )


def _table(rows):
    yield [label for _key, label in COLUMNS]
    for row in rows:
        yield [("" if row[key] is None else row[key]) for key, _label in COLUMNS]


def export(request, fmt):
    if not is_platform_admin(request.user):
        return _forbidden()
    rows, _sort = _rows(request)
    name = f"统一监管{clock.today():%Y%m%d}"
    if fmt == "csv":
        response = csv_response(f"{name}.csv")  # UTF-8 with BOM (portal/core/exports.py)
        writer = csv_writer(response)
        for line in _table(rows):
            writer.writerow(line)
        return response
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "统一监管"
    for line in _table(rows):
        ws.append(safe_row(line))  # no cell becomes a formula (portal/core/spreadsheets.py)
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(f"{name}.xlsx")
    return response
