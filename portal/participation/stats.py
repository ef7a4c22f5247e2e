"""Figures for the annual reports, computed from the participation records.

``table3(year)`` is 表三 (收到和处理政府信息公开申请情况) of the 政府信息公开工作年度报告;
``interaction_counts(year)`` fills 互动交流 of the 政府网站工作年度报表. portal/statistics
calls both; keep their signatures and return shapes.

表三 rules (国办公开办函〔2021〕30号):
- 一、本年新收: applications received (收到申请日期, 条例第三十一条) in the year; an online
  application not yet confirmed counts from the day it was submitted;
- 二、上年结转: received before the year and not concluded before it;
- 三、办理结果: concluded (答复日期) in the year, by reply type (outcomes.REPLY_TYPE_ROW);
- 四、结转下年度: received by the end of the year and not concluded by then.
So in every column 一 + 二 = 三（七）总计 + 四; and this year's 二 equals last year's 四.
Applications declared void (spam, not an application) are not counted.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from portal.core.sites import default_site, site_page_filter

from . import outcomes
from .models import (
    ApplicationStatus,
    ConsultationComment,
    ConsultationPage,
    DisclosureApplication,
    Message,
    MessageStatus,
)

COLUMN_KEYS = [key for key, _label in outcomes.APPLICANT_COLUMNS]
COLUMN_LABELS = [label for _key, label in outcomes.APPLICANT_COLUMNS] + [outcomes.TOTAL_LABEL]


def _receipt_date(app):
    if app.received_on:
        return app.received_on
    return timezone.localtime(app.submitted_at).date()


def table3(year, format="2021", site=None):  # noqa: A002 - the name other code calls with
    """表三 of ``year``: {"columns": [7 labels], "rows": [[label, [7 ints]], ...]}.

    ``format`` "2021" (default; 国办公开办函〔2021〕30号) or "2019" (〔2019〕60号, where
    （六）其他处理 is one row). ``site``: that site's applications (default: the default
    site — each county reports its own)."""
    layout = "2019" if str(format) == "2019" else "2021"
    result_rows = outcomes.RESULT_ROWS_2019 if layout == "2019" else outcomes.RESULT_ROWS_2021
    start = dt.date(year, 1, 1)
    end = dt.date(year, 12, 31)

    def zero():
        return dict.fromkeys(COLUMN_KEYS, 0)

    new, carried_in, carried_out = zero(), zero(), zero()
    results = {code: zero() for code, _label in result_rows}

    candidates = (
        DisclosureApplication.objects.for_site(site or default_site())
        .exclude(status=ApplicationStatus.VOID)
        .filter(
            Q(received_on__lte=end)
            | Q(received_on__isnull=True, submitted_at__date__lte=end + dt.timedelta(days=1))
        )
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .only(
            "applicant_type",
            "organisation_kind",
            "received_on",
            "submitted_at",
            "replied_on",
            "reply_type",
            "status",
        )
    )
    for app in candidates:
        received = _receipt_date(app)
        if received > end:
            continue
        column = app.stats_column
        if column not in new:
            column = "other"
        if received >= start:
            new[column] += 1
        else:
            carried_in[column] += 1
        if app.replied_on and app.replied_on <= end and app.reply_type:
            results[outcomes.table3_row(app.reply_type, layout)][column] += 1
        else:
            carried_out[column] += 1

    def with_total(counts):
        values = [counts[key] for key in COLUMN_KEYS]
        return [*values, sum(values)]

    total = zero()
    for counts in results.values():
        for key in COLUMN_KEYS:
            total[key] += counts[key]

    rows = [[outcomes.ROW_NEW, with_total(new)], [outcomes.ROW_CARRIED_IN, with_total(carried_in)]]
    rows += [[label, with_total(results[code])] for code, label in result_rows]
    rows.append([outcomes.ROW_TOTAL, with_total(total)])
    rows.append([outcomes.ROW_CARRIED_OUT, with_total(carried_out)])
    return {"columns": list(COLUMN_LABELS), "rows": rows}


def check_balance(table):
    """Columns where 一 + 二 != 三（七）总计 + 四 (empty when the table balances)."""
    rows = dict((label, values) for label, values in table["rows"])
    bad = []
    for i, label in enumerate(table["columns"]):
        left = rows[outcomes.ROW_NEW][i] + rows[outcomes.ROW_CARRIED_IN][i]
        right = rows[outcomes.ROW_TOTAL][i] + rows[outcomes.ROW_CARRIED_OUT][i]
        if left != right:
            bad.append(label)
    return bad


def interaction_counts(year, site=None):
    """互动交流 figures of ``year`` for the 政府网站工作年度报表 (of ``site``, default: the
    default site)."""
    site = site or default_site()
    messages_received = (
        Message.objects.for_site(site)
        .filter(submitted_at__year=year)
        .exclude(status=MessageStatus.REJECTED)
        .count()
    )
    closed = list(
        Message.objects.for_site(site)
        .filter(status=MessageStatus.ANSWERED, replied_at__year=year)
        .only("submitted_at", "replied_at", "is_public")
    )
    days = [m.days_to_answer for m in closed]
    consultations = ConsultationPage.objects.live().filter(
        site_page_filter(site), start_date__year=year
    )
    today = timezone.localdate()
    return {
        "messages_received": messages_received,
        "messages_closed": len(closed),
        "messages_avg_days": round(sum(days) / len(days), 1) if days else 0,
        "messages_public_replies": sum(1 for m in closed if m.is_public),
        "consultations": consultations.count(),
        "consultation_comments": ConsultationComment.objects.filter(
            site_page_filter(site, "page__"), submitted_at__year=year
        ).count(),
        "consultations_results_published": consultations.filter(end_date__lt=today)
        .exclude(results="")
        .count(),
    }
