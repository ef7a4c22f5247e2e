"""The daily 待办 digest and the overdue reminder, one mail per user per day and kind.

The items come from the todo sources (portal/desk/todo.py), so a user is told only of what
they may see and act on; lines carry page titles and tracking numbers, never an applicant's
or a writer's personal data. How long a review step may wait before it is overdue:
``PORTAL_REVIEW_OVERDUE_WORKING_DAYS`` (working days, default 2); applications count as
overdue from 3 working days before their deadline (条例第三十三条)."""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from portal.core import clock

from .models import ReminderLog
from .notify import absolute_url, notify
from .todo import grouped, todo_items

logger = logging.getLogger(__name__)


def digest_text(items, overdue_only=False):
    groups = grouped(items)
    lines = ["您好：", ""]
    if overdue_only:
        lines.append(f"以下 {len(items)} 项待办事项已超时或即将到期，请尽快办理：")
    else:
        lines.append(f"您目前有 {len(items)} 项待办事项：")
    for category, rows in groups:
        lines += ["", f"【{category}】{len(rows)} 项"]
        lines += [f"  {'（超时）' if item.overdue else ''}{item.mail_line()}" for item in rows]
    lines += [
        "",
        f"待办中心：{absolute_url(reverse('desk_todo'))}",
        "",
        "本邮件由系统自动发送，请勿直接回复。",
    ]
    return "\n".join(lines)


def _recipients():
    return get_user_model().objects.filter(is_active=True).order_by("pk")


def _send_once(user, kind, day, subject, body, count, force=False):
    if not force and ReminderLog.objects.filter(user=user, day=day, kind=kind).exists():
        return False
    try:
        with transaction.atomic():
            ReminderLog.objects.update_or_create(
                user=user, day=day, kind=kind, defaults={"items": count}
            )
    except IntegrityError:  # another run got there first
        return False
    return bool(notify(user, subject, body, reverse("desk_todo")))


def send_digests(day=None, force=False):
    """The daily digest to every user with something waiting; returns the users told."""
    day = day or clock.today()
    told = []
    for user in _recipients():
        items = todo_items(user)
        if not items:
            continue
        subject = f"【待办汇总】您有 {len(items)} 项待办事项（{day:%Y-%m-%d}）"
        if _send_once(
            user, ReminderLog.DIGEST, day, subject, digest_text(items), len(items), force
        ):
            told.append(user)
    logger.info("todo digest sent to %d users", len(told))
    return told


def send_overdue_reminders(day=None, force=False):
    """Reminders of overdue items (and applications near their deadline)."""
    day = day or clock.today()
    told = []
    for user in _recipients():
        items = [item for item in todo_items(user) if item.overdue]
        if not items:
            continue
        subject = f"【超时提醒】您有 {len(items)} 项待办事项已超时或即将到期"
        body = digest_text(items, overdue_only=True)
        if _send_once(user, ReminderLog.OVERDUE, day, subject, body, len(items), force):
            told.append(user)
    logger.info("overdue reminders sent to %d users", len(told))
    return told
