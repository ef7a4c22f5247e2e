"""全站巡检 (site inspection): every live page and the text of its PDF/DOCX attachments through
the content checker, plus internal and external links, images without alt text and pages
without a visible 发布时间 (the 自动检查's own checks, portal.review.checks).

Incremental: a page is rescanned only when it was published since its last inspection
(``InspectedPage.published_stamp``) unless ``whole_site``. Findings are kept per page by a
fingerprint; one marked 误报 never returns, one no longer found is 已修正. New block-level
findings are mailed to the unit's editors and reviewers.
"""

import hashlib
import logging
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.core import clock

from . import checks
from .checker import CATEGORY_LABELS, check_text
from .models import (
    ExternalLinkStatus,
    FindingStatus,
    InspectedPage,
    InspectionFinding,
    InspectionKind,
    InspectionRun,
    Severity,
)

logger = logging.getLogger(__name__)

EXTERNAL_WORKERS = getattr(settings, "INSPECTION_EXTERNAL_WORKERS", 4)
EXTERNAL_TIMEOUT = getattr(settings, "INSPECTION_EXTERNAL_TIMEOUT", 5)
EXTERNAL_CACHE = timedelta(days=7)  # an external URL is asked again after a week
BATCH = 200


# --- what one page shows ------------------------------------------------------------------------
def _fingerprint(kind, rule, location, text):
    raw = "\x1f".join((kind, rule, location, text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _row(kind, rule, category, severity, location, text, context="", explanation="", suggestion=""):
    return {
        "kind": kind,
        "rule": rule[:300],
        "category": category,
        "severity": severity,
        "location": location[:200],
        "text": (text or "")[:500],
        "context": (context or "")[:600],
        "explanation": explanation,
        "suggestion": (suggestion or "")[:500],
    }


def _checker_rows(kind, location, text, date, rules=None, leaders=None, site=None):
    for f in check_text(text, date=date, rules=rules, leaders=leaders, site=site):
        yield _row(
            kind,
            f.rule,
            CATEGORY_LABELS.get(f.category, f.category),
            f.severity,
            location,
            f.text,
            f.context,
            f.explanation,
            f.suggestion,
        )


def inspect_page(page, external=None, rules=None, leaders=None, shown=None):
    """Finding rows of one live page (dicts of InspectionFinding fields). ``external`` collects
    the page's external URLs ({url: [location, ...]}) for one bounded batch check; ``rules``:
    the checker's rules and ``leaders`` the 领导信息 table (default: the current tables of the
    page's site, asked once per text); ``shown``: the run's memo of which page types' templates show 发布时间
    (checks.check_publication_time)."""
    from portal.core.sites import site_id_for_path
    from search.attachments import document_text

    content = checks.read_page(page)
    date = checks.item_date(page)
    site = site_id_for_path(page.path)
    rows = []
    for location, text in content.texts:
        if text:
            rows.extend(
                _checker_rows(InspectionKind.CONTENT, location, text, date, rules, leaders, site)
            )
    if hasattr(page, "get_attachment_documents"):
        for document in page.get_attachment_documents():
            text = document_text(document)
            if text:
                rows.extend(
                    _checker_rows(
                        InspectionKind.ATTACHMENT,
                        f"附件《{document.title}》",
                        text,
                        date,
                        rules,
                        leaders,
                        site,
                    )
                )
    for finding in checks.check_links(page, content):
        if finding.rule == "内部链接":
            rows.append(
                _row(
                    InspectionKind.INTERNAL_LINK,
                    finding.rule,
                    "",
                    finding.severity,
                    finding.location,
                    finding.excerpt or finding.message,
                    explanation=finding.message,
                    suggestion=finding.suggestion,
                )
            )
    for finding in checks.check_attachments(page, content):
        if "不存在" in finding.message:
            rows.append(
                _row(
                    InspectionKind.INTERNAL_LINK,
                    "附件缺失",
                    "",
                    Severity.BLOCK,
                    finding.location,
                    finding.message,
                    explanation=finding.message,
                    suggestion=finding.suggestion,
                )
            )
    for finding in checks.check_images(page, content):
        rows.append(
            _row(
                InspectionKind.IMAGE,
                finding.rule,
                "",
                finding.severity,
                finding.location,
                finding.excerpt or finding.message,
                explanation=finding.message,
                suggestion=finding.suggestion,
            )
        )
    for finding in checks.check_publication_time(page, content, shown):
        if finding.severity == Severity.BLOCK:
            rows.append(
                _row(
                    InspectionKind.PUBLISH_TIME,
                    finding.rule,
                    "",
                    finding.severity,
                    finding.location,
                    finding.message,
                    explanation=finding.message,
                    suggestion=finding.suggestion,
                )
            )
    if external is not None:
        for location, attrs in content.links:
            href = (attrs.get("href") or "").strip()
            if href.lower().startswith(("http://", "https://")):
                external.setdefault(href, []).append(location)
    return rows


# --- external links ---------------------------------------------------------------------------
def _ask(url):
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "portal-inspect"})
    try:
        with urllib.request.urlopen(request, timeout=EXTERNAL_TIMEOUT) as response:  # noqa: S310
            return True, response.status, ""
    except urllib.error.HTTPError as exc:
        if exc.code in (405, 501):  # HEAD not allowed: ask with GET
            try:
                get = urllib.request.Request(url, headers={"User-Agent": "portal-inspect"})
                with urllib.request.urlopen(get, timeout=EXTERNAL_TIMEOUT) as response:  # noqa: S310
                    return True, response.status, ""
            except urllib.error.HTTPError as exc2:
                return exc2.code < 400, exc2.code, ""
            except (OSError, ValueError) as exc2:
                return False, None, str(exc2)[:300]
        return exc.code < 400, exc.code, ""
    except (OSError, ValueError) as exc:
        return False, None, str(getattr(exc, "reason", exc))[:300]


def url_key(url):
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def check_external(urls):
    """{url: ExternalLinkStatus}; answers younger than EXTERNAL_CACHE come from the cache, the
    rest are asked with at most EXTERNAL_WORKERS requests at a time."""
    now = timezone.now()
    keys = {url_key(u): u for u in urls}
    cached = {s.url: s for s in ExternalLinkStatus.objects.filter(key__in=list(keys))}
    stale = [u for u in urls if u not in cached or now - cached[u].checked_at > EXTERNAL_CACHE]
    if stale:
        with ThreadPoolExecutor(max_workers=EXTERNAL_WORKERS) as pool:
            answers = list(pool.map(_ask, stale))
        for url, (ok, code, error) in zip(stale, answers, strict=True):
            status, _ = ExternalLinkStatus.objects.update_or_create(
                key=url_key(url),
                defaults={
                    "url": url,
                    "ok": ok,
                    "status_code": code,
                    "error": error,
                    "checked_at": now,
                },
            )
            cached[url] = status
    return cached


def _external_rows(locations_by_url, statuses):
    rows = []
    for url, locations in locations_by_url.items():
        status = statuses.get(url)
        if status is None or status.ok:
            continue
        why = f"返回状态码 {status.status_code}" if status.status_code else "无法访问"
        for location in sorted(set(locations)):
            rows.append(
                _row(
                    InspectionKind.EXTERNAL_LINK,
                    "外部链接",
                    "",
                    Severity.WARN,
                    location,
                    url,
                    explanation=f"外部链接{why}（{status.error}）"
                    if status.error
                    else f"外部链接{why}",
                    suggestion="请核实链接地址，更新或删除该链接",
                )
            )
    return rows


# --- storing results --------------------------------------------------------------------------
def _save(page, rows, now):
    """Store the page's findings; returns the new ones."""
    unit = page.get_owner_unit() if hasattr(page, "get_owner_unit") else None
    column = page.get_column() if hasattr(page, "get_column") else None
    existing = {f.fingerprint: f for f in InspectionFinding.objects.filter(page=page)}
    seen, new = set(), []
    for row in rows:
        fp = _fingerprint(row["kind"], row["rule"], row["location"], row["text"] + row["context"])
        if fp in seen:
            continue
        seen.add(fp)
        old = existing.get(fp)
        if old is None:
            new.append(
                InspectionFinding(
                    page=page,
                    unit=unit,
                    column=column,
                    fingerprint=fp,
                    first_seen=now,
                    last_seen=now,
                    **row,
                )
            )
        elif old.status != FindingStatus.FALSE_ALARM:
            old.status = FindingStatus.OPEN
            old.last_seen = now
            old.unit, old.column = unit, column
            old.save(update_fields=["status", "last_seen", "unit", "column"])
    InspectionFinding.objects.bulk_create(new)
    InspectionFinding.objects.filter(page=page, status=FindingStatus.OPEN).exclude(
        fingerprint__in=seen
    ).update(status=FindingStatus.RESOLVED)
    return new


def pages_to_inspect(whole_site=False):
    """Live pages published since their last inspection (all live pages when whole_site)."""
    from django.db.models import F, OuterRef, Q, Subquery
    from wagtail.models import Page

    pages = Page.objects.live().filter(depth__gt=1).order_by("path")
    if whole_site:
        return pages
    stamp = InspectedPage.objects.filter(page=OuterRef("pk")).values("published_stamp")[:1]
    return pages.annotate(stamp=Subquery(stamp)).filter(
        Q(stamp__isnull=True) | Q(last_published_at__gt=F("stamp"))
    )


def run_inspection(whole_site=False, check_external_links=True, notify=True, stdout=None):
    """Inspect; returns the InspectionRun."""
    run = InspectionRun.objects.create(whole_site=whole_site, started_at=clock.now())
    ids = list(pages_to_inspect(whole_site).values_list("pk", flat=True))
    from wagtail.models import Page

    from portal.core.sites import site_id_for_path

    from .checker.leaders import current_leaders
    from .checker.rules import current_rules

    new_findings = 0  # a count: the run's memory must not grow with the site
    shown = {}  # page type → its template shows 发布时间: one render per type, not per page
    for start in range(0, len(ids), BATCH):
        # one look at the rule and leader tables per batch and site, not per text (站群: each
        # page is checked with its own site's rules)
        tables = {}
        batch = Page.objects.filter(pk__in=ids[start : start + BATCH]).specific()
        for page in batch:
            external = {}
            site = site_id_for_path(page.path)
            if site not in tables:
                tables[site] = (current_rules(site), current_leaders(site))
            rules, leaders = tables[site]
            try:
                rows = inspect_page(
                    page, external if check_external_links else None, rules, leaders, shown
                )
                if external:
                    rows.extend(_external_rows(external, check_external(list(external))))
            except Exception:  # noqa: BLE001 - one broken page must not stop the inspection
                logger.exception("site inspection failed on page %s", page.pk)
                continue
            now = clock.now()
            with transaction.atomic():
                new_findings += len(_save(page, rows, now))
                InspectedPage.objects.update_or_create(
                    page_id=page.pk,
                    defaults={"published_stamp": page.last_published_at, "inspected_at": now},
                )
            run.pages += 1
    run.new_findings = new_findings
    run.finished_at = clock.now()
    run.save()
    if notify:
        notify_new_findings()
    if stdout is not None:
        stdout.write(f"全站巡检：检查 {run.pages} 个页面，新发现 {run.new_findings} 个问题")
    return run


# --- who is told ------------------------------------------------------------------------------
def notify_new_findings():
    """E-mail each unit's editors and reviewers its new block-level findings (once)."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail

    pending = InspectionFinding.objects.filter(
        status=FindingStatus.OPEN, severity=Severity.BLOCK, notified=False
    ).select_related("unit", "page")
    by_unit = {}
    for finding in pending:
        by_unit.setdefault(finding.unit, []).append(finding)
    User = get_user_model()
    for unit, findings in by_unit.items():
        if unit is not None:
            groups = [g for g in (unit.editors_group_id, unit.reviewers_group_id) if g]
            users = User.objects.filter(is_active=True, groups__in=groups).distinct()
            name = unit.name
        else:
            from .inspection_access import site_inspection_viewers

            users = site_inspection_viewers()
            name = "县政府门户网站"
        recipients = sorted({u.email for u in users if u.email})
        if recipients:
            lines = [
                f"{f.page.title}（{f.location}）：{f.text} —— {f.explanation}"
                for f in findings[:50]
            ]
            more = f"\n……另有 {len(findings) - 50} 个问题" if len(findings) > 50 else ""
            send_mail(
                f"【全站巡检】{name}有 {len(findings)} 个需要处理的问题",
                "全站巡检发现以下阻止发布级别的问题，请登录管理后台“全站巡检”处理：\n\n"
                + "\n".join(lines)
                + more,
                None,
                recipients,
                fail_silently=True,
            )
        InspectionFinding.objects.filter(pk__in=[f.pk for f in findings]).update(notified=True)


def dismiss(finding, user, reason):
    """Mark a finding 误报 (logged in the audit log); it does not come back."""
    from wagtail.log_actions import log

    finding.status = FindingStatus.FALSE_ALARM
    finding.dismissed_by = user
    finding.dismissed_at = clock.now()
    finding.dismiss_reason = reason
    finding.save(update_fields=["status", "dismissed_by", "dismissed_at", "dismiss_reason"])
    log(
        finding.page,
        "review.inspection_false_alarm",
        user=user,
        data={"finding": finding.pk, "rule": finding.rule, "text": finding.text, "reason": reason},
    )
