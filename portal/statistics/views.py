"""Admin views of the 统计 menu: the year's figures with a per-month chart and a per-unit
table, downloads, and the column monitor. Thin: the services do the work.

Every view shows one site (站群): the user's own, or the one chosen with ``?site=ID`` among
the sites they work on (``permissions.chosen_site``: 403/404 for any other)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from portal.core.exports import CSV_CONTENT_TYPE, content_disposition, csv_bytes

from . import exports
from .monitor import column_health
from .permissions import can_view_statistics, chosen_site
from .reports import annual_report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(request):
    if not can_view_statistics(request.user):
        raise PermissionDenied
    return chosen_site(request)


def _site_context(site, sites):
    return {
        "site": site,
        "sites": sites if len(sites) > 1 else [],
        "site_name": site.site_name or site.hostname,
    }


def _year(request):
    default = timezone.localdate().year
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        year = default
    return min(max(year, 1990), default + 1)


def month_chart(months, width=720, height=240):
    """Bars of an inline SVG chart (no script, no outside host)."""
    top = max((m["total"] for m in months), default=0) or 1
    left, bottom, plot_h = 40, 30, height - 50
    slot = (width - left - 10) / 12
    bars = []
    for i, m in enumerate(months):
        h = round(plot_h * m["total"] / top, 1)
        bars.append(
            {
                "x": round(left + i * slot + slot * 0.15, 1),
                "y": round(height - bottom - h, 1),
                "w": round(slot * 0.7, 1),
                "h": h,
                "label_x": round(left + i * slot + slot / 2, 1),
                "month": m["month"],
                "total": m["total"],
            }
        )
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "top": top,
        "baseline": height - bottom,
        "left": left,
        "label_y": height - bottom + 18,
    }


def overview(request):
    site, sites = _require(request)
    year = _year(request)
    report = annual_report(year, site=site)
    this_year = timezone.localdate().year
    return render(
        request,
        "statistics/admin/overview.html",
        {
            **_site_context(site, sites),
            "year": year,
            "years": list(range(this_year, this_year - 12, -1)),
            "report": report,
            "lines": exports.report_lines(report),
            "chart": month_chart(report["months"]),
        },
    )


def download(request, year, kind):
    site, sites = _require(request)
    if not 1990 <= year <= timezone.localdate().year + 1:  # the range overview offers
        raise Http404("没有该年度的统计")
    # file names start with the site's name when the user works on several sites
    prefix = f"{site.site_name or site.hostname}" if len(sites) > 1 else ""
    if kind == "form.xlsx":
        body, mime, name = (
            exports.annual_form_xlsx(year, site=site),
            XLSX,
            f"{prefix}{year}年度政府网站工作年度报表.xlsx",
        )
    elif kind == "form.docx":
        body, mime, name = (
            exports.annual_form_docx(year, site=site),
            DOCX,
            f"{prefix}{year}年度政府网站工作年度报表.docx",
        )
    elif kind == "report.docx":
        body, mime, name = (
            exports.disclosure_report_docx(year, site=site),
            DOCX,
            f"{prefix}{year}年政府信息公开工作年度报告（草稿）.docx",
        )
    elif kind == "stats.csv":
        body = csv_bytes(exports.report_csv(annual_report(year, site=site)))
        mime, name = CSV_CONTENT_TYPE, f"{prefix}{year}年度信息发布统计.csv"
    elif kind == "stats.json":
        return JsonResponse(
            annual_report(year, site=site), json_dumps_params={"ensure_ascii": False}
        )
    else:
        raise Http404
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = content_disposition(name)
    return response


def monitor(request):
    site, sites = _require(request)
    health = column_health(site=site)
    monitored = [e for e in health["columns"] if e["limit_days"] is not None]
    return render(
        request,
        "statistics/admin/monitor.html",
        {
            **_site_context(site, sites),
            "health": health,
            "monitored": monitored,
        },
    )
