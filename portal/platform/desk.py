"""统一监管 (the platform desk, 政府网站集约化): one row per site of the platform with its
freshness, empty columns, items published this month and this year, overdue 依申请公开 and
留言, and failed automatic checks.

Everything is computed for all sites at once, in a number of queries that does not grow with
the number of sites or columns: the column monitor for every site
(``monitor.column_health_by_site``), one grouped query on the counters, one per kind of
check, and the open participation records once. A page's site is found from its tree path
(``site_case`` below: a CASE over the sites' root paths, evaluated in the database).
"""

from datetime import date

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from wagtail.models import Site

from portal.core import clock
from portal.core.columns import StatsCategory
from portal.core.sites import default_site_id, site_key, site_roots

#: (key, label) of the desk's columns, in order; every one is sortable (``?sort=key`` or
#: ``?sort=-key``) and exported
COLUMNS = [
    ("name", "站点"),
    ("hostname", "域名"),
    ("stale", "超期未更新栏目"),
    ("home_days", "首页未更新天数"),
    ("empty", "空白栏目"),
    ("month_items", "本月发布"),
    ("year_items", "本年发布"),
    ("year_reprints", "本年转载"),
    ("overdue_applications", "超期未答复的依申请公开"),
    ("overdue_messages", "超过3个月未答复的留言"),
    ("failed_checks", "自动检查未通过"),
    ("open_findings", "巡检待处理问题"),
]
SORT_KEYS = {key for key, _label in COLUMNS}


def site_case(prefix=""):
    """A database expression: the id of the site whose tree holds the row's page (0 for
    none); ``prefix`` is the lookup path to the page ("page__")."""
    whens = [
        When(**{f"{prefix}path__startswith": root}, then=Value(site_id))
        for root, site_id in site_roots()  # longest root first
    ]
    if not whens:
        return Value(0, output_field=IntegerField())
    return Case(*whens, default=Value(0), output_field=IntegerField())


def published_counts(today):
    """{site id: (this month, this year)}: the year's figure is the 年度报表's 信息发布总数
    (概况类 counts its updates, every other category its new items), from the counters; a
    转载 (信息推送 from another site) is not in it (``reprint_counts``)."""
    from portal.statistics.models import DailyCount, PageKind

    year_start = date(today.year, 1, 1)
    month_start = today.replace(day=1)
    amount = Case(
        When(category=StatsCategory.OVERVIEW, then=F("updates")),
        default=F("new_items"),
        output_field=IntegerField(),
    )
    rows = (
        DailyCount.objects.filter(
            page_kind=PageKind.ITEM, day__gte=year_start, day__lte=date(today.year, 12, 31)
        )
        .values("site_id")
        .annotate(year=Sum(amount), month=Sum(amount, filter=Q(day__gte=month_start)))
        .order_by()
    )
    return {r["site_id"]: (r["month"] or 0, r["year"] or 0) for r in rows}


def reprint_counts(today):
    """{site id: 转载 this year}: other sites' items pushed to the site (信息推送), first shown
    there this year and still shown (the 年度统计's 转载 figure), from the counters."""
    from portal.statistics.models import DailyCount, PageKind

    rows = (
        DailyCount.objects.filter(
            page_kind=PageKind.REPRINT,
            day__gte=date(today.year, 1, 1),
            day__lte=date(today.year, 12, 31),
        )
        .values("site_id")
        .annotate(n=Sum("new_items"))
        .order_by()
    )
    return {r["site_id"]: r["n"] or 0 for r in rows}


def check_counts():
    """({site id: pages whose latest automatic check failed}, {site id: open 巡检 findings})."""
    from portal.review.models import CheckResult, FindingStatus, InspectionFinding

    latest = CheckResult.objects.filter(page=OuterRef("page")).order_by("-created_at", "-pk")
    failed = (
        CheckResult.objects.filter(passed=False, pk=Subquery(latest.values("pk")[:1]))
        .annotate(site=site_case("page__"))
        .values("site")
        .annotate(n=Count("page", distinct=True))
        .order_by()
    )
    findings = (
        InspectionFinding.objects.filter(status=FindingStatus.OPEN)
        .annotate(site=site_case("page__"))
        .values("site")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["site"]: r["n"] for r in failed}, {r["site"]: r["n"] for r in findings}


# --- participation ------------------------------------------------------------------------
def participation_site_id(record):
    """The site of a 依申请公开 or 留言 record.

    ADAPT HERE when ``DisclosureApplication`` and ``Message`` carry their ``site`` (issue 12,
    being added on main): this reads ``site_id`` when the model has it; until then every
    record belongs to the default site (records made before the platform do)."""
    return getattr(record, "site_id", None) or default_site_id()


def overdue_participation(today):
    """({site id: overdue applications}, {site id: messages unanswered for 3 months})."""
    from portal.participation.admin_views import overdue_and_due_soon
    from portal.participation.models import (
        MESSAGE_LIMIT_MONTHS,
        Message,
        MessageStatus,
        add_months,
    )

    applications = {}
    overdue, _soon = overdue_and_due_soon(today)
    for app, _deadline, _left in overdue:
        site_id = participation_site_id(app)
        applications[site_id] = applications.get(site_id, 0) + 1
    fields = ["pk", "submitted_at"]
    if any(f.name == "site" for f in Message._meta.fields):
        fields.append("site_id")
    messages = {}
    from django.utils import timezone

    unanswered = Message.objects.filter(
        status__in=[MessageStatus.PENDING, MessageStatus.ACCEPTED, MessageStatus.ASSIGNED]
    ).only(*fields)
    for message in unanswered:
        submitted = timezone.localtime(message.submitted_at).date()
        # 留言 unanswered for more than 3 months: a veto item of the national inspection
        # (全国政府网站抽查评分细则, 互动回应差)
        if add_months(submitted, MESSAGE_LIMIT_MONTHS) <= today:
            site_id = participation_site_id(message)
            messages[site_id] = messages.get(site_id, 0) + 1
    return applications, messages


# --- the rows -----------------------------------------------------------------------------
def site_rows(today=None, sites=None):
    """One dict per site, keys as in ``COLUMNS`` plus ``site_id`` and ``key``."""
    from portal.core.models import PortalSite
    from portal.statistics.monitor import column_health_by_site

    today = today or clock.today()
    sites = list(Site.objects.order_by("-is_default_site", "pk") if sites is None else sites)
    health = column_health_by_site(today, sites)
    published = published_counts(today)
    reprints = reprint_counts(today)
    failed, findings = check_counts()
    applications, messages = overdue_participation(today)
    keys = dict(PortalSite.objects.values_list("site_id", "key"))
    rows = []
    for site in sites:
        h = health[site.pk]
        month, year = published.get(site.pk, (0, 0))
        rows.append(
            {
                "site_id": site.pk,
                "key": keys.get(site.pk) or site_key(site),
                "name": site.site_name or site.hostname,
                "hostname": site.hostname
                if site.port in (80, 443)
                else f"{site.hostname}:{site.port}",
                "stale": len(h["stale"]),
                "home_days": h["home"]["days_since"],
                "home_stale": h["home"]["stale"],
                "empty": len(h["empty"]),
                "month_items": month,
                "year_items": year,
                "year_reprints": reprints.get(site.pk, 0),
                "overdue_applications": applications.get(site.pk, 0),
                "overdue_messages": messages.get(site.pk, 0),
                "failed_checks": failed.get(site.pk, 0),
                "open_findings": findings.get(site.pk, 0),
            }
        )
    return rows


def sort_rows(rows, sort):
    """Rows sorted by ``sort`` ("key" ascending, "-key" descending; unknown: as given).
    Missing values (a home page never updated) sort last either way."""
    key = (sort or "").lstrip("-")
    if key not in SORT_KEYS:
        return rows, ""
    descending = sort.startswith("-")
    present = [r for r in rows if r[key] is not None]
    missing = [r for r in rows if r[key] is None]
    present.sort(key=lambda r: (r[key], r["site_id"]), reverse=descending)
    return present + missing, sort
