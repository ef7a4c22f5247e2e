from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.permissions import has_permission

from . import admin_views
from .models import CalendarOverride, HolidayNotice
from .roles import is_disclosure_handler, is_message_handler

admin_urls = [
    path("applications/", admin_views.application_list, name="applications"),
    path("applications/export.csv", admin_views.application_export, name="application_export"),
    path("applications/<int:pk>/", admin_views.application_detail, name="application"),
    path("messages/", admin_views.message_list, name="messages"),
    path("messages/export.csv", admin_views.message_export, name="message_export"),
    path("messages/<int:pk>/", admin_views.message_detail, name="message"),
    path("comments/", admin_views.comment_list, name="comments"),
]


@hooks.register("register_admin_urls")
def register_participation_urls():
    return [
        path(
            "participation/",
            include((admin_urls, "participation_admin"), namespace="participation_admin"),
        )
    ]


class GroupMenuItem(MenuItem):
    def __init__(self, *args, check=None, **kwargs):
        self.check = check
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return self.check(request.user)


class CalendarOverrideViewSet(ModelViewSet):
    """Admin-editable corrections to the holiday calendar (model permissions: granted to the
    依申请公开办理 group by setup.ensure_participation)."""

    model = CalendarOverride
    icon = "date"
    menu_label = "工作日调整"
    add_to_admin_menu = False
    list_display = ["date", "is_workday", "note"]
    form_fields = ["date", "is_workday", "note"]
    name = "calendar_overrides"


calendar_viewset = CalendarOverrideViewSet()


class HolidayNoticeViewSet(ModelViewSet):
    """The State Council's yearly holiday notice, entered once a year; until it is, deadlines
    through that year are provisional (workdays.WorkCalendar.is_provisional)."""

    model = HolidayNotice
    icon = "date"
    menu_label = "节假日安排通知"
    add_to_admin_menu = False
    list_display = ["year", "title", "document_number"]
    form_fields = ["year", "title", "document_number", "days_off", "working_days"]
    name = "holiday_notices"


holiday_notice_viewset = HolidayNoticeViewSet()


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return calendar_viewset


@hooks.register("register_admin_viewset")
def register_holiday_notice_viewset():
    return holiday_notice_viewset


@hooks.register("register_admin_menu_item")
def register_participation_menu():
    items = [
        GroupMenuItem(
            "政府信息公开申请",
            reverse("participation_admin:applications"),
            name="participation-applications",
            icon_name="doc-full",
            check=is_disclosure_handler,
            order=100,
        ),
        GroupMenuItem(
            "节假日安排通知",
            reverse(holiday_notice_viewset.get_url_name("index")),
            name="participation-holiday-notices",
            icon_name="date",
            check=can_enter_holiday_notice,
            order=105,
        ),
        GroupMenuItem(
            "工作日调整",
            reverse(calendar_viewset.get_url_name("index")),
            name="participation-calendar",
            icon_name="date",
            check=is_disclosure_handler,
            order=110,
        ),
        GroupMenuItem(
            "留言办理",
            reverse("participation_admin:messages"),
            name="participation-messages",
            icon_name="mail",
            check=is_message_handler,
            order=200,
        ),
        GroupMenuItem(
            "征集意见审核",
            reverse("participation_admin:comments"),
            name="participation-comments",
            icon_name="comment",
            check=is_message_handler,
            order=210,
        ),
    ]
    return SubmenuMenuItem(
        "互动交流", Menu(items=items), name="participation", icon_name="group", order=250
    )


LOG_ACTIONS = (
    ("participation.receipt", "确认接收", "确认接收政府信息公开申请"),
    ("participation.correction", "告知补正", "一次性告知申请人补正"),
    ("participation.consult", "征求第三方意见", "开始征求第三方意见（期限暂停）"),
    ("participation.consult_end", "结束征求第三方意见", "第三方意见征求结束"),
    ("participation.extend", "延期答复", "延期答复"),
    ("participation.reply", "答复", "答复政府信息公开申请"),
    ("participation.archive", "归档", "归档政府信息公开申请"),
    ("participation.void", "不予登记", "作为无效申请处理"),
    ("participation.message_review", "审核留言", "审核留言"),
    ("participation.message_assign", "分派留言", "分派留言"),
    ("participation.message_answer", "答复留言", "答复留言"),
    ("participation.comment_moderate", "审核征集意见", "审核征集意见"),
)


@hooks.register("register_log_actions")
def register_participation_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class ParticipationPanel(Component):
    """Dashboard panel: what needs a handler's attention today."""

    name = "participation"
    order = 60
    template_name = "participation/admin/home_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from .models import Message, MessageStatus, today

        context = {
            "disclosure": is_disclosure_handler(self.user),
            "show_messages": is_message_handler(self.user),
        }
        from portal.core.sites import site_ids_for_user

        site_ids = site_ids_for_user(self.user)
        if context["disclosure"]:
            overdue, soon = admin_views.overdue_and_due_soon(site_ids=site_ids)
            from .models import ApplicationStatus, DisclosureApplication

            context.update(
                overdue=len(overdue),
                soon=len(soon),
                new=DisclosureApplication.objects.filter(
                    site_id__in=site_ids, status=ApplicationStatus.REGISTERED
                ).count(),
                waiting=len(admin_views.unconfirmed_too_long(site_ids=site_ids)),
            )
        if context["show_messages"]:
            on = today()
            open_messages = Message.objects.filter(
                site_id__in=site_ids,
                status__in=[MessageStatus.PENDING, MessageStatus.ACCEPTED, MessageStatus.ASSIGNED],
            )
            context.update(
                pending=open_messages.filter(status=MessageStatus.PENDING).count(),
                near_limit=sum(1 for m in open_messages if m.warn_date <= on),
            )
        return context


@hooks.register("construct_homepage_panels")
def add_participation_panel(request, panels):
    if is_disclosure_handler(request.user) or is_message_handler(request.user):
        panels.append(ParticipationPanel(request.user))


def can_enter_holiday_notice(user):
    return has_permission(user, "participation.add_holidaynotice")


class HolidayNoticeReminder(Component):
    """From November, and for as long as a year is still provisional: enter the notice."""

    name = "holiday_notice_reminder"
    order = 55
    template_name = "participation/admin/holiday_notice_reminder.html"

    def __init__(self, years):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {
            "years": self.years,
            "add_url": reverse(holiday_notice_viewset.get_url_name("add")),
        }


def years_needing_notice(on=None):
    """The current year if still provisional, and from November the next one."""
    from .models import today
    from .workdays import WorkCalendar

    on = on or today()
    cal = WorkCalendar(overrides={})
    years = [on.year] + ([on.year + 1] if on.month >= 11 else [])
    return [year for year in years if cal.is_provisional_year(year)]


@hooks.register("construct_homepage_panels")
def add_holiday_notice_reminder(request, panels):
    if can_enter_holiday_notice(request.user):
        years = years_needing_notice()
        if years:
            panels.append(HolidayNoticeReminder(years))
