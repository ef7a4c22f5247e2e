"""Daily e-mail alerts: overdue and due-soon applications, messages near 3 months unanswered.

Sent at most once a day per kind (AlertLog); e-mails carry tracking numbers and dates only,
never personal data.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from portal.core.permissions import users_with_permission

from .admin_views import overdue_and_due_soon, unconfirmed_too_long
from .models import AlertLog, Message, MessageStatus, today
from .roles import HANDLE_APPLICATION, HANDLE_MESSAGE
from .workdays import PROVISIONAL_NOTE

logger = logging.getLogger("portal.participation")


def recipients(perm, site=None):
    """The handlers to alert: those of ``site`` (its own groups) when given."""
    people = users_with_permission(perm, include_superusers=False).exclude(email="")
    if site is not None:
        from portal.core.sites import groups_of_site

        people = people.filter(groups__in=groups_of_site(site))
    emails = set(people.values_list("email", flat=True))
    emails.update(getattr(settings, "PARTICIPATION_ALERT_EMAILS", []))
    return sorted(emails)


def _mark(application):
    if getattr(application, "deadline_provisional", False):
        return f"（{PROVISIONAL_NOTE}）"
    return ""


def application_alert_text(on=None, site=None):
    site_ids = [site.pk] if site is not None else None
    overdue, soon = overdue_and_due_soon(on, site_ids=site_ids)
    waiting = unconfirmed_too_long(on, site_ids=site_ids)
    if not (overdue or soon or waiting):
        return None
    lines = []
    if overdue:
        lines.append(f"已超过答复期限的申请 {len(overdue)} 件：")
        lines += [
            f"  {a.tracking_number}  答复期限 {d:%Y-%m-%d}（超期{-left}个工作日）{_mark(a)}"
            for a, d, left in overdue
        ]
    if soon:
        lines.append(f"3个工作日内到期的申请 {len(soon)} 件：")
        lines += [
            f"  {a.tracking_number}  答复期限 {d:%Y-%m-%d}（剩余{left}个工作日）{_mark(a)}"
            for a, d, left in soon
        ]
    if waiting:
        lines.append(f"提交超过2天仍未确认接收的申请 {len(waiting)} 件：")
        lines += [f"  {a.tracking_number}" for a in waiting]
    lines.append("")
    lines.append("请登录网站管理后台“互动交流 → 政府信息公开申请”办理。")
    return "\n".join(lines)


def message_alert_text(on=None, site=None):
    on = on or today()
    open_messages = Message.objects.filter(
        status__in=[MessageStatus.PENDING, MessageStatus.ACCEPTED, MessageStatus.ASSIGNED]
    )
    if site is not None:
        open_messages = open_messages.for_site(site)
    due = [m for m in open_messages if m.warn_date <= on]
    if not due:
        return None
    lines = [f"以下 {len(due)} 条留言即将或已经超过3个月未答复（政府网站检查单项否决指标）："]
    for m in sorted(due, key=lambda m: m.submitted_at):
        state = "已超过3个月" if m.limit_date <= on else f"{m.limit_date:%Y-%m-%d}满3个月"
        lines.append(f"  {m.tracking_number}  留言于 {m.submitted_on:%Y-%m-%d}，{state}")
    lines.append("")
    lines.append("请登录网站管理后台“互动交流 → 留言办理”尽快答复。")
    return "\n".join(lines)


ALERTS = (
    (
        "applications",
        HANDLE_APPLICATION,
        "【依申请公开】超期及即将到期提醒",
        application_alert_text,
    ),
    ("messages", HANDLE_MESSAGE, "【留言办理】即将超过3个月未答复提醒", message_alert_text),
)


def send_daily_alerts(on=None, force=False):
    """Send today's alerts that have not gone out yet, each site's to its own handlers;
    returns the kinds sent."""
    from wagtail.models import Site

    from portal.core.sites import default_site_id

    on = on or today()
    sent = []
    default_id = default_site_id()
    for site in Site.objects.order_by("pk"):
        for kind, group, subject, build in ALERTS:
            # the first county's alerts keep their plain kinds
            site_kind = kind if site.pk == default_id else f"{kind}@{site.pk}"
            if _send_one(on, force, site, site_kind, group, subject, build):
                sent.append(kind)
    return sent


def _send_one(on, force, site, kind, group, subject, build):
    if not force and AlertLog.objects.filter(day=on, kind=kind).exists():
        return False
    text = build(on, site=site)
    if text is None:
        return False
    from portal.core.sites import default_site_id

    if site.pk != default_site_id() and site.site_name:
        subject = f"{subject}（{site.site_name}）"
    to = recipients(group, site)
    if not to:
        logger.warning("participation alert %s: no recipients with an e-mail address", kind)
        return False
    try:
        with transaction.atomic():
            AlertLog.objects.update_or_create(
                day=on, kind=kind, defaults={"recipients": len(to), "summary": text[:2000]}
            )
    except IntegrityError:  # another run got there first
        return False
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    logger.info("participation alert %s sent to %d recipients", kind, len(to))
    return True
