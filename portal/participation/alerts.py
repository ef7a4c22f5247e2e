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


def recipients(perm):
    emails = set(
        users_with_permission(perm, include_superusers=False)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    emails.update(getattr(settings, "PARTICIPATION_ALERT_EMAILS", []))
    return sorted(emails)


def _mark(application):
    if getattr(application, "deadline_provisional", False):
        return f"（{PROVISIONAL_NOTE}）"
    return ""


def application_alert_text(on=None):
    overdue, soon = overdue_and_due_soon(on)
    waiting = unconfirmed_too_long(on)
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


def message_alert_text(on=None):
    on = on or today()
    open_messages = Message.objects.filter(
        status__in=[MessageStatus.PENDING, MessageStatus.ACCEPTED, MessageStatus.ASSIGNED]
    )
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
    """Send today's alerts that have not gone out yet; returns the kinds sent."""
    on = on or today()
    sent = []
    for kind, group, subject, build in ALERTS:
        if not force and AlertLog.objects.filter(day=on, kind=kind).exists():
            continue
        text = build(on)
        if text is None:
            continue
        to = recipients(group)
        if not to:
            logger.warning("participation alert %s: no recipients with an e-mail address", kind)
            continue
        try:
            with transaction.atomic():
                AlertLog.objects.update_or_create(
                    day=on, kind=kind, defaults={"recipients": len(to), "summary": text[:2000]}
                )
        except IntegrityError:  # another run got there first
            continue
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, to)
        logger.info("participation alert %s sent to %d recipients", kind, len(to))
        sent.append(kind)
    return sent
