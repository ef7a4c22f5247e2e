"""栏目监测: how long since each column was updated, against its freshness rule and the
national inspection vetoes (全国政府网站抽查评分细则, 单项否决; copied into
``data/inspection_vetoes.json`` from the project's statutory rules reference).

A column's last update is the newest 发布时间 (first_published_at) of a live item anywhere
below it: republishing an old item does not make a column fresh, and an item without a visible
publication time does not count as an update at all (``undated_item_counts_as_not_updated``).
Days are counted on calendar dates in the site's time zone; a column is stale when more days
than its limit have passed (首页/栏目 "超过2周未更新"), and approaching when it is within
``ALERT_DAYS`` of its limit.
"""

import json
from pathlib import Path

from django.apps import apps
from django.db.models import Count, Max, Q
from django.utils import timezone

from portal.core import clock
from portal.core.columns import FRESHNESS_LIMIT_DAYS, FreshnessRule

DATA_DIR = Path(__file__).resolve().parent / "data"
VETOES = json.loads((DATA_DIR / "inspection_vetoes.json").read_text(encoding="utf-8"))[
    "inspection_vetoes"
]

#: 首页 not updated for more than this many days is a veto item
HOME_LIMIT_DAYS = VETOES["home_page_not_updated_days"]
#: stale news (14 days) + notice/policy (6 months) columns reaching this number: veto
STALE_COLUMNS_VETO = 5
#: columns long not updated reaching this number: veto
LONG_STALE_COLUMNS_VETO = 10
#: empty columns reaching this number: veto
EMPTY_COLUMNS_VETO = 5
#: the daily email warns about columns this many days (or fewer) before their limit
ALERT_DAYS = 3

COLUMN_MODEL = ("home", "ColumnPage")


def _column_model():
    return apps.get_model(*COLUMN_MODEL)


def _local_date(value):
    return timezone.localtime(value).date() if value else None


def _empty_health(today):
    return _site_health(today, [], {}, None, [])


def column_health(today=None, site=None):
    """The monitor's findings for one site (default: the default site), as a JSON-ready dict
    (see docs/statistics.md). Only that site's columns and items count."""
    from .reports import resolve_site

    today = today or clock.today()
    site = resolve_site(site)
    if site is None:
        return _empty_health(today)
    return column_health_by_site(today, [site])[site.pk]


def column_health_by_site(today=None, sites=None):
    """{site id: findings} for ``sites`` (default: every site), in a bounded number of
    queries whatever the number of sites and columns: one for the columns, one aggregate per
    column depth (the items below each column, grouped by the column's path prefix), one for
    the home pages and one for the undated items. The platform desk reads it for all sites."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models.functions import Substr
    from wagtail.models import Locale, Page, Site

    from portal.core.sites import site_id_for_path, site_roots

    today = today or clock.today()
    sites = list(Site.objects.all() if sites is None else sites)
    if not sites:
        return {}
    wanted = {s.pk for s in sites}
    roots = [root for root, site_id in site_roots() if site_id in wanted]
    in_sites = Q(pk__in=[])
    for root in roots:
        in_sites |= Q(path__startswith=root)
    ColumnPage = _column_model()
    column_ct = ContentType.objects.get_for_model(ColumnPage)
    locale = Locale.get_default()
    columns = list(
        ColumnPage.objects.live()
        .filter(in_sites, locale=locale)
        .order_by("path")
        .only("id", "title", "path", "depth", "freshness_rule", "show_on_home", "unit_id")
    )
    items = Page.objects.live().filter(in_sites, locale=locale).exclude(content_type=column_ct)
    aggregates = {}
    for depth in sorted({c.depth for c in columns}):
        rows = (
            items.filter(depth__gt=depth)
            .annotate(prefix=Substr("path", 1, depth * Page.steplen))
            .values("prefix")
            .annotate(
                last=Max("first_published_at"),
                n=Count("id"),
                dated=Count("id", filter=Q(first_published_at__isnull=False)),
            )
            .order_by()
        )
        for row in rows:
            aggregates[row["prefix"]] = row
    home_pages = {
        p["pk"]: p["last_published_at"]
        for p in Page.objects.filter(pk__in=[s.root_page_id for s in sites]).values(
            "pk", "last_published_at"
        )
    }
    undated = {}
    for p in (
        items.filter(first_published_at__isnull=True, depth__gt=2)
        .only("id", "title", "url_path", "path")
        .order_by("path")[: 200 * len(sites)]
    ):
        site_undated = undated.setdefault(site_id_for_path(p.path), [])
        if len(site_undated) < 200:
            site_undated.append({"id": p.pk, "title": p.title, "url_path": p.url_path})
    by_site = {}
    for column in columns:
        by_site.setdefault(site_id_for_path(column.path), []).append(column)
    return {
        site.pk: _site_health(
            today,
            by_site.get(site.pk, []),
            aggregates,
            home_pages.get(site.root_page_id),
            undated.get(site.pk, []),
        )
        for site in sites
    }


def _site_health(today, columns, aggregates, home_published, undated):
    titles = {c.path: c.title for c in columns}
    parents = set()
    for c in columns:
        parents.update(c.path[:n] for n in range(4, len(c.path), 4))

    def trail(column):
        parts = [
            titles[column.path[:n]]
            for n in range(8, len(column.path) + 1, 4)
            if column.path[:n] in titles
        ]
        return " / ".join(parts)

    blank = {"last": None, "n": 0, "dated": 0}
    entries, stale, approaching, empty = [], [], [], []
    home_last = None
    for column in columns:
        agg = aggregates.get(column.path, blank)
        if column.show_on_home and agg["last"] and (home_last is None or agg["last"] > home_last):
            # the home page shows its columns' newest items
            home_last = agg["last"]
        last_day = _local_date(agg["last"])
        days = (today - last_day).days if last_day else None
        limit = FRESHNESS_LIMIT_DAYS.get(column.freshness_rule)
        status = "ok"
        if agg["n"] == 0:
            status = "empty"
        if limit is not None:
            if days is None or days > limit:
                status = "stale" if agg["n"] else "empty"
            elif days >= limit - ALERT_DAYS:
                status = "approaching"
        entry = {
            "id": column.pk,
            "title": column.title,
            "path": trail(column),
            "rule": column.freshness_rule,
            "limit_days": limit,
            "last_publication": last_day.isoformat() if last_day else None,
            "days_since": days,
            "items": agg["n"],
            "status": status,
            "has_sub_columns": column.path in parents,
        }
        entries.append(entry)
        if agg["n"] == 0:
            empty.append(entry)
        if limit is not None and (days is None or days > limit):
            stale.append(entry)
        elif status == "approaching":
            approaching.append(entry)

    # the home page: its own publication or the newest item of a column it shows
    if home_published and (home_last is None or home_published > home_last):
        home_last = home_published
    home_day = _local_date(home_last)
    home_days = (today - home_day).days if home_day else None
    home = {
        "last_update": home_day.isoformat() if home_day else None,
        "days_since": home_days,
        "limit_days": HOME_LIMIT_DAYS,
        "stale": home_days is None or home_days > HOME_LIMIT_DAYS,
    }

    stale_news = [e for e in stale if e["rule"] == FreshnessRule.NEWS]
    stale_notice = [e for e in stale if e["rule"] == FreshnessRule.NOTICE]
    vetoes = [
        {
            "key": "home_page_not_updated",
            "label": f"首页超过{HOME_LIMIT_DAYS}天未更新",
            "triggered": home["stale"],
            "value": home_days,
            "threshold": HOME_LIMIT_DAYS,
        },
        {
            "key": "columns_not_updated",
            "label": "动态类栏目超过2周、通知公告及政策文件类栏目超过6个月未更新，合计达到5个",
            "triggered": len(stale) >= STALE_COLUMNS_VETO,
            "value": len(stale),
            "threshold": STALE_COLUMNS_VETO,
        },
        {
            "key": "columns_long_not_updated",
            "label": "栏目长期未更新达到10个",
            "triggered": len(stale) >= LONG_STALE_COLUMNS_VETO,
            "value": len(stale),
            "threshold": LONG_STALE_COLUMNS_VETO,
        },
        {
            "key": "empty_columns",
            "label": "空白栏目达到5个",
            "triggered": len(empty) >= EMPTY_COLUMNS_VETO,
            "value": len(empty),
            "threshold": EMPTY_COLUMNS_VETO,
        },
        {
            "key": "undated_items",
            "label": "信息无发布时间（视为未更新）",
            "triggered": bool(undated) and VETOES.get("undated_item_counts_as_not_updated", True),
            "value": len(undated),
            "threshold": 1,
        },
    ]
    return {
        "as_of": today.isoformat(),
        "home": home,
        "columns": entries,
        "stale": stale,
        "stale_news": len(stale_news),
        "stale_notice": len(stale_notice),
        "approaching": approaching,
        "empty": empty,
        "undated_items": undated,
        "vetoes": vetoes,
    }


def alert_recipients(site=None):
    """Who gets ``site``'s mail: the holders of the statistics permission who work on that
    site; platform administrators (and superusers) get the default site's only — the
    platform desk shows them every site."""
    from portal.core.permissions import users_with_permission
    from portal.core.sites import default_site_id, is_platform_admin, site_ids_for_user

    from .permissions import VIEW_STATISTICS

    site_id = site.pk if site is not None else default_site_id()
    emails = set()
    for user in users_with_permission(VIEW_STATISTICS).exclude(email=""):
        if is_platform_admin(user):
            if site_id == default_site_id():
                emails.add(user.email)
        elif site_id in site_ids_for_user(user):
            emails.add(user.email)
    return sorted(emails)


def send_column_alerts(force=False, site=None):
    """Email one site's admins (default: the default site's) about its columns within
    ``ALERT_DAYS`` of their limit (and those already stale), at most once per calendar day
    and site. Returns (sent, message)."""
    from django.core.mail import send_mail
    from django.db import IntegrityError, transaction

    from .models import ColumnAlertLog
    from .reports import resolve_site

    site = resolve_site(site)
    if site is None:
        return False, "还没有站点。"
    today = clock.today()
    if ColumnAlertLog.objects.filter(site=site, sent_on=today).exists() and not force:
        return False, "今天已发送过栏目监测提醒。"
    health = column_health(today, site)
    if not health["approaching"]:
        return False, "没有临近更新期限的栏目，无需提醒。"
    recipients = alert_recipients(site)
    if not recipients:
        return False, "没有可接收提醒的管理员邮箱。"
    lines = [f"截至{today:%Y年%m月%d日}，以下栏目距更新期限不足{ALERT_DAYS}天，请及时更新：", ""]
    for e in health["approaching"]:
        remaining = e["limit_days"] - e["days_since"]
        lines.append(
            f"- {e['path']}：已{e['days_since']}天未更新（期限{e['limit_days']}天，"
            f"剩余{remaining}天）"
        )
    if health["stale"]:
        lines += ["", f"另有{len(health['stale'])}个栏目已超过更新期限："]
        lines += [
            f"- {e['path']}"
            + (
                f"：已{e['days_since']}天未更新"
                if e["days_since"] is not None
                else "：从未发布信息"
            )
            for e in health["stale"][:50]
        ]
    body = "\n".join(lines)
    name = site.site_name or site.hostname
    try:
        with transaction.atomic():
            log, created = ColumnAlertLog.objects.get_or_create(
                site=site,
                sent_on=today,
                defaults={
                    "sent_at": clock.now(),
                    "recipients": "\n".join(recipients),
                    "columns": "\n".join(e["path"] for e in health["approaching"]),
                },
            )
            if not created and not force:
                return False, "今天已发送过栏目监测提醒。"
            send_mail(
                f"【栏目监测】{name}：{len(health['approaching'])}个栏目临近更新期限",
                body,
                None,
                recipients,
            )
    except IntegrityError:
        return False, "今天已发送过栏目监测提醒。"
    return True, f"已向{len(recipients)}位管理员发送提醒。"


def send_all_column_alerts(force=False):
    """:func:`send_column_alerts` for every site: [(site, sent, message)]."""
    from wagtail.models import Site

    return [
        (site, *send_column_alerts(force=force, site=site))
        for site in Site.objects.order_by("-is_default_site", "pk")
    ]


def days_until(entry):
    if entry["limit_days"] is None or entry["days_since"] is None:
        return None
    return entry["limit_days"] - entry["days_since"]


__all__ = [
    "column_health",
    "column_health_by_site",
    "days_until",
    "send_all_column_alerts",
    "send_column_alerts",
]
