"""How exported files write times and CSV text: one place for every export.

- Times are written in 北京时间 (``TIME_ZONE`` = Asia/Shanghai): aware datetimes are
  converted with ``timezone.localtime`` before formatting (the database holds UTC).
- CSV files start with the UTF-8 byte order mark, so Excel on Chinese Windows opens them as
  UTF-8 instead of GBK.

:func:`install` applies both to Wagtail's ``SpreadsheetExportMixin``, the base of every
admin listing with CSV/XLSX download (our 审核发布日志 and Wagtail's own reports), once at
start-up (``CoreConfig.ready``).
"""

import datetime
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

DATETIME_FORMAT = "%Y-%m-%d %H:%M"
DATE_FORMAT = "%Y-%m-%d"
#: the UTF-8 byte order mark Excel needs to recognise UTF-8 CSV
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def local_datetime(value):
    """An aware datetime in 北京时间 (a naive one is taken as already local)."""
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def time_text(value, fmt=DATETIME_FORMAT):
    """A datetime (or date) as export text in 北京时间; ``""`` for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return local_datetime(value).strftime(fmt)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def content_disposition(filename):
    """``attachment`` with the (Chinese) file name in RFC 5987 form."""
    return f"attachment; filename*=UTF-8''{quote(filename)}"


def csv_response(filename):
    """An empty CSV download that already holds the BOM; write rows into it."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response.write(BOM)
    return response


def csv_bytes(text):
    """CSV text as the bytes of a download (UTF-8 with BOM)."""
    return (BOM + text).encode("utf-8")


def _xlsx_datetime(value):
    # Excel cells hold no time zone: write the local wall-clock time
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def install():
    """Make Wagtail's spreadsheet exports write 北京时间 and a BOM-led CSV."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_portal_exports", False):
        return
    mixin = SpreadsheetExportMixin
    preprocess = dict(mixin.custom_value_preprocess)
    preprocess[datetime.datetime] = {
        mixin.FORMAT_CSV: time_text,
        mixin.FORMAT_XLSX: _xlsx_datetime,
    }
    mixin.custom_value_preprocess = preprocess
    original_stream_csv = mixin.stream_csv

    def stream_csv(self, queryset):
        yield BOM.encode("utf-8")
        yield from original_stream_csv(self, queryset)

    mixin.stream_csv = stream_csv
    mixin._portal_exports = True
