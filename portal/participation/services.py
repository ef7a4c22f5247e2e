"""State changes of applications and messages. Every change is checked here, recorded in the
public timeline (ApplicationEvent) and in Wagtail's audit log (``wagtail.log_actions.log``).

Log lines and audit entries name applications by tracking number only — never by the
applicant's name, ID or phone number.
"""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from . import outcomes
from .models import (
    CLOSED_STATUSES,
    DEFAULT_CORRECTION_PERIOD_WORKING_DAYS,
    MAX_EXTENSION_WORKING_DAYS,
    RUNNING_STATUSES,
    ApplicationEvent,
    ApplicationStatus,
    ClockPause,
    DisclosureApplication,
    Message,
    MessageStatus,
    today,
)
from .workdays import WorkCalendar

logger = logging.getLogger("portal.participation")


class TransitionError(Exception):
    """An action that the application's state or the statute does not allow (Chinese text)."""


def _event(app, label, detail="", public=True):
    ApplicationEvent.objects.create(application=app, label=label, detail=detail, public=public)


# --- 依申请公开 ------------------------------------------------------------------------------
@transaction.atomic
def submit_application(data, form_token, site=None):
    app = DisclosureApplication(**data)
    if site is not None:
        app.site = site
    app.form_token = form_token
    app.tracking_number = DisclosureApplication.new_tracking_number(app.site_id)
    code = app.set_query_code()
    app.save()
    _event(app, "提交申请", "申请已在线提交，等待工作人员确认接收。")
    logger.info("disclosure application %s submitted", app.tracking_number)
    return app, code


@transaction.atomic
def confirm_receipt(app, user, on=None):
    """条例第三十一条: an online application is received on the date both sides confirm it."""
    if app.status != ApplicationStatus.REGISTERED:
        raise TransitionError("只有“已登记”状态的申请可以确认接收。")
    on = on or today()
    app.received_on = on
    app.clock_start = on
    app.status = ApplicationStatus.PROCESSING
    app.handler = app.handler or user
    app.save()
    _event(app, "确认接收（受理）", f"收到申请日期：{on:%Y年%m月%d日}。答复期限自该日起算。")
    log(instance=app, action="participation.receipt", user=user)
    logger.info("disclosure application %s received", app.tracking_number)


@transaction.atomic
def request_correction(
    app, user, notice, period_days=DEFAULT_CORRECTION_PERIOD_WORKING_DAYS, on=None
):
    """条例第三十条: one single notice, within 7 working days of receipt."""
    cal = WorkCalendar()
    on = on or today()
    if app.correction_requested_on:
        raise TransitionError("补正告知只能一次性提出，本申请已告知过补正。")
    if app.status not in RUNNING_STATUSES:
        raise TransitionError("当前状态不能告知补正。")
    if not notice.strip():
        raise TransitionError("请填写需要补正的事项。")
    limit = app.correction_notice_deadline(cal)
    if limit is None or on > limit:
        raise TransitionError(
            f"补正告知应在收到申请之日起7个工作日内提出（截至{limit:%Y年%m月%d日}），已超过期限。"
        )
    if not 1 <= period_days <= 60:
        raise TransitionError("补正期限应为1至60个工作日。")
    app.correction_requested_on = on
    app.correction_notice = notice.strip()
    app.correction_due = cal.add_working_days(on, period_days)
    app.status = ApplicationStatus.CORRECTION
    app.save()
    _event(
        app,
        "告知补正",
        f"请于{app.correction_due:%Y年%m月%d日}前补正。补正事项：{app.correction_notice}",
    )
    log(instance=app, action="participation.correction", user=user)


@transaction.atomic
def submit_correction(app, text, on=None):
    """The applicant's corrected application: the reply clock restarts from this day."""
    if app.status != ApplicationStatus.CORRECTION:
        raise TransitionError("该申请当前不需要补正。")
    text = text.strip()
    if not text:
        raise TransitionError("请填写补正内容。")
    on = on or today()
    app.correction_text = text
    app.corrected_on = on
    app.clock_start = on  # 条例第三十条: 答复期限自行政机关收到补正的申请之日起计算
    app.status = ApplicationStatus.PROCESSING
    app.save()
    _event(app, "申请人已补正", f"答复期限自{on:%Y年%m月%d日}重新起算。")
    logger.info("disclosure application %s corrected", app.tracking_number)


@transaction.atomic
def start_consultation(app, user, third_party="", on=None):
    """条例第三十二条: consulting a third party pauses the clock (at most 15 working days)."""
    if app.status != ApplicationStatus.PROCESSING:
        raise TransitionError("只有办理中的申请可以征求第三方意见。")
    on = on or today()
    pause = ClockPause.objects.create(
        application=app, third_party=third_party.strip(), started_on=on
    )
    app.status = ApplicationStatus.CONSULTING
    app.save()
    _event(
        app,
        "征求第三方意见",
        f"征求意见所需时间不计入答复期限（第三方应在{pause.limit():%Y年%m月%d日}前提出意见）。",
    )
    log(instance=app, action="participation.consult", user=user)


@transaction.atomic
def end_consultation(app, user, on=None):
    pause = app.active_pause
    if app.status != ApplicationStatus.CONSULTING or pause is None:
        raise TransitionError("该申请没有进行中的第三方意见征求。")
    on = on or today()
    if on < pause.started_on:
        raise TransitionError("结束日期不能早于开始日期。")
    pause.ended_on = on
    pause.save()
    app.status = ApplicationStatus.PROCESSING
    app.save()
    _event(app, "第三方意见征求结束", "答复期限恢复计算。")
    log(instance=app, action="participation.consult_end", user=user)


@transaction.atomic
def extend(app, user, days, approver, reason, on=None):
    """条例第三十三条第二款: at most 20 working days, approved by the office head."""
    on = on or today()
    refusal = app.extension_refusal(on)
    if refusal:
        raise TransitionError(refusal)
    if not 1 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise TransitionError("延长期限最长不得超过20个工作日。")
    if not approver.strip():
        raise TransitionError("延期须经政府信息公开工作机构负责人同意，请填写批准人。")
    if not reason.strip():
        raise TransitionError("请填写延期理由（将告知申请人）。")
    app.extension_days = days
    app.extension_approver = approver.strip()
    app.extension_reason = reason.strip()
    app.extended_on = on
    app.extended_by = user
    app.save()
    _event(
        app,
        "延期答复",
        f"经批准延长答复期限{days}个工作日，延期后答复期限为{app.deadline():%Y年%m月%d日}。"
        f"理由：{app.extension_reason}",
    )
    log(
        instance=app,
        action="participation.extend",
        user=user,
        data={"days": days, "approver": app.extension_approver},
    )


@transaction.atomic
def reply(app, user, reply_type, text, on=None):
    """条例第三十六条: the reply, one of the reply types (each a 表三 row)."""
    on = on or today()
    if reply_type not in outcomes.REPLY_TYPE_LABELS:
        raise TransitionError("请选择答复类型。")
    allowed = set(RUNNING_STATUSES)
    if reply_type == "no_correction":
        allowed = {ApplicationStatus.CORRECTION}
        if app.correction_due and on <= app.correction_due:
            raise TransitionError(f"补正期限{app.correction_due:%Y年%m月%d日}尚未届满。")
    if app.status not in allowed:
        raise TransitionError("当前状态不能作出答复。")
    if not text.strip():
        raise TransitionError("请填写答复内容。")
    pause = app.active_pause
    if pause is not None:
        pause.ended_on = on
        pause.save()
    app.reply_type = reply_type
    app.reply_text = text.strip()
    app.replied_on = on
    app.status = ApplicationStatus.REPLIED
    app.save()
    _event(app, "已答复", f"答复类型：{outcomes.REPLY_TYPE_LABELS[reply_type]}")
    log(instance=app, action="participation.reply", user=user, data={"reply_type": reply_type})
    logger.info("disclosure application %s replied (%s)", app.tracking_number, reply_type)


@transaction.atomic
def archive(app, user, on=None):
    if app.status != ApplicationStatus.REPLIED:
        raise TransitionError("只有已答复的申请可以归档。")
    app.archived_on = on or today()
    app.status = ApplicationStatus.ARCHIVED
    app.save()
    _event(app, "归档", "")
    log(instance=app, action="participation.archive", user=user)


@transaction.atomic
def void(app, user, reason):
    if app.status != ApplicationStatus.REGISTERED:
        raise TransitionError("只有尚未确认接收的申请可以作为无效申请处理。")
    if not reason.strip():
        raise TransitionError("请填写不予登记的原因。")
    app.status = ApplicationStatus.VOID
    app.void_reason = reason.strip()
    app.save()
    _event(app, "不予登记", app.void_reason)
    log(instance=app, action="participation.void", user=user)


# --- 留言 ----------------------------------------------------------------------------------
@transaction.atomic
def submit_message(data, form_token, site=None):
    message = Message(**data)
    if site is not None:
        message.site = site
    message.form_token = form_token
    message.tracking_number = Message.new_tracking_number(message.site_id)
    message.save()
    logger.info("message %s submitted", message.tracking_number)
    return message


@transaction.atomic
def review_message(message, user, accept, reason="", show_publicly=True):
    if message.status != MessageStatus.PENDING:
        raise TransitionError("该留言已审核。")
    message.reviewed_at = timezone.now()
    message.reviewed_by = user
    if accept:
        message.status = MessageStatus.ACCEPTED
        message.is_public = bool(show_publicly and message.allow_public)
    else:
        if not reason.strip():
            raise TransitionError("请填写不予受理的原因。")
        message.status = MessageStatus.REJECTED
        message.reject_reason = reason.strip()
        message.is_public = False
    message.save()
    log(
        instance=message,
        action="participation.message_review",
        user=user,
        data={"accepted": bool(accept)},
    )


@transaction.atomic
def assign_message(message, user, assignee, unit=""):
    if message.status not in (MessageStatus.ACCEPTED, MessageStatus.ASSIGNED):
        raise TransitionError("只有已受理的留言可以分派。")
    message.assignee = assignee
    message.answering_unit = unit.strip() or message.answering_unit
    message.status = MessageStatus.ASSIGNED
    message.save()
    log(instance=message, action="participation.message_assign", user=user)


@transaction.atomic
def answer_message(message, user, text, unit=""):
    if message.status not in (MessageStatus.ACCEPTED, MessageStatus.ASSIGNED):
        raise TransitionError("只有已受理、尚未答复的留言可以答复。")
    if not text.strip():
        raise TransitionError("请填写答复内容。")
    message.reply = text.strip()
    message.answering_unit = unit.strip() or message.answering_unit or "县人民政府办公室"
    message.replied_at = timezone.now()
    message.status = MessageStatus.ANSWERED
    message.assignee = message.assignee or user
    message.save()
    log(instance=message, action="participation.message_answer", user=user)
    logger.info("message %s answered", message.tracking_number)


def open_applications(site=None):
    qs = (
        DisclosureApplication.objects.all()
        if site is None
        else DisclosureApplication.objects.for_site(site)
    )
    return qs.exclude(status__in=[*CLOSED_STATUSES, ApplicationStatus.VOID])
