"""The todo sources of review, 依申请公开 and 留言 (registered in portal/desk/wagtail_hooks.py).

Each reuses its app's own rules: who may act on a review step is
``ReviewTaskMixin.eligible_reviewers`` (second pair of eyes, escalation to the county office);
deadlines are the applications' own (``DisclosureApplication.deadline``, working days of
portal/participation/workdays.py); 留言 are due when they near three months unanswered.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from portal.core import clock
from portal.core.permissions import has_permission

from .todo import TodoItem

#: a review step waiting longer than this many working days is overdue (reminder mail)
DEFAULT_REVIEW_OVERDUE_WORKING_DAYS = 2


def review_overdue_working_days():
    return getattr(
        settings, "PORTAL_REVIEW_OVERDUE_WORKING_DAYS", DEFAULT_REVIEW_OVERDUE_WORKING_DAYS
    )


def _calendar():
    from portal.participation.workdays import WorkCalendar

    return WorkCalendar()


def review_steps_waiting():
    """(task_state, task, page) for every human review step in progress."""
    from portal.review.models import ReviewTaskMixin

    states = list(
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("revision", "workflow_state", "task")
        .order_by("started_at", "pk")
    )
    # the pages in one query (a GenericForeignKey per state would cost two queries each)
    page_ids = {
        int(s.workflow_state.object_id)
        for s in states
        if s.workflow_state.base_content_type_id == _page_content_type_id()
    }
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    tasks = {}
    for state in states:
        task = tasks.get(state.task_id) or tasks.setdefault(state.task_id, state.task.specific)
        if not isinstance(task, ReviewTaskMixin):
            continue
        if state.workflow_state.base_content_type_id == _page_content_type_id():
            obj = pages.get(int(state.workflow_state.object_id))
        else:
            obj = state.workflow_state.content_object
        if obj is not None:
            yield state, task, obj


def _page_content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page).pk


def unit_name(page):
    from portal.review.models import owner_unit

    unit = owner_unit(page)
    return unit.name if unit is not None else ""


def draft_title(page):
    """The title under review (a live page's row keeps its live title until publication)."""
    return getattr(page, "draft_title", "") or page.title


def review_item(state, task, page, cal=None, on=None):
    cal = cal or _calendar()
    on = on or clock.today()
    started = timezone.localtime(state.started_at).date()
    waited = cal.working_days_between(started, on) if started < on else 0
    unit = unit_name(page)
    return TodoItem(
        kind="review",
        category="稿件审核",
        title=f"《{draft_title(page)}》",
        url=reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        detail=f"{task.name}" + (f" · {unit}" if unit else ""),
        since=state.started_at,
        due_text=f"已等待{waited}个工作日" if waited else "今日提交",
        overdue=waited > review_overdue_working_days(),
        sort_key=(state.started_at.timestamp(),),
    )


def review_todos(user):
    """Review steps ``user`` may act on now (the review app's own eligibility rule)."""
    items = []
    cal, on = _calendar(), clock.today()
    for state, task, page in review_steps_waiting():
        if task.eligible_reviewers(page, state).filter(pk=user.pk).exists():
            items.append(review_item(state, task, page, cal, on))
    return items


def application_todos(user):
    """依申请公开: applications to confirm, and running ones overdue or due within 3 working
    days (条例第三十三条) that ``user`` handles or nobody handles yet."""
    from portal.participation.admin_views import overdue_and_due_soon, unconfirmed_too_long
    from portal.participation.models import ApplicationStatus, DisclosureApplication
    from portal.participation.roles import HANDLE_APPLICATION

    if not has_permission(user, HANDLE_APPLICATION):
        return []
    items = []
    late = {a.pk for a in unconfirmed_too_long(clock.today())}
    for app in DisclosureApplication.objects.filter(status=ApplicationStatus.REGISTERED).order_by(
        "submitted_at", "pk"
    ):
        items.append(
            TodoItem(
                kind="application",
                category="依申请公开",
                title=f"申请 {app.tracking_number}",
                url=reverse("participation_admin:application", args=(app.pk,)),
                detail="待确认接收",
                since=app.submitted_at,
                due_text="提交超过2天仍未确认接收" if app.pk in late else "",
                overdue=app.pk in late,
                sort_key=(0, app.submitted_at.timestamp()),
            )
        )
    overdue, soon = overdue_and_due_soon(clock.today(), _calendar())
    for rows, is_overdue in ((overdue, True), (soon, False)):
        for app, deadline, left in rows:
            if app.handler_id not in (None, user.pk):
                continue
            state = f"超期{-left}个工作日" if is_overdue else f"剩余{left}个工作日"
            items.append(
                TodoItem(
                    kind="application",
                    category="依申请公开",
                    title=f"申请 {app.tracking_number}",
                    url=reverse("participation_admin:application", args=(app.pk,)),
                    detail="已超过答复期限" if is_overdue else "即将到期",
                    due=deadline,
                    due_text=f"答复期限 {deadline:%Y-%m-%d}（{state}）",
                    # near the deadline counts for the reminder too
                    overdue=True,
                    sort_key=(1, deadline.toordinal()),
                )
            )
    return items


def message_todos(user):
    """留言: messages waiting for review, and open ones of ``user`` (or nobody's) nearing three
    months unanswered (政府网站检查单项否决指标)."""
    from portal.participation.models import Message, MessageStatus
    from portal.participation.roles import HANDLE_MESSAGE

    if not has_permission(user, HANDLE_MESSAGE):
        return []
    on = clock.today()
    items = []
    open_messages = Message.objects.filter(
        status__in=[MessageStatus.PENDING, MessageStatus.ACCEPTED, MessageStatus.ASSIGNED]
    ).order_by("submitted_at", "pk")
    for message in open_messages:
        pending = message.status == MessageStatus.PENDING
        near = message.warn_date <= on
        if not pending and not near:
            continue
        if not pending and message.assignee_id not in (None, user.pk):
            continue
        limit = message.limit_date
        state = "已超过3个月未答复" if limit <= on else f"{limit:%Y-%m-%d}满3个月"
        items.append(
            TodoItem(
                kind="message",
                category="留言办理",
                title=f"留言 {message.tracking_number}",
                url=reverse("participation_admin:message", args=(message.pk,)),
                detail="待审核" if pending else "待答复",
                since=message.submitted_at,
                due=limit,
                due_text=state if near else "",
                overdue=near,
                sort_key=(limit.toordinal(),),
            )
        )
    return items
