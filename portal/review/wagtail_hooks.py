"""Admin integration of the review rules (先审后发, 撤稿, audit, wording table)."""

from django.contrib.auth.models import Permission
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.admin_language import yes_no_column
from portal.core.site_admin import SiteRowsViewSetMixin

from . import feedback, stale_actions, views
from .models import (
    CheckResult,
    Leader,
    ReviewTaskMixin,
    UnitReviewTask,
    WordingRule,
    stuck_task_states,
)
from .services import (
    ACTION_FORCE_PUBLISH,
    ACTION_SYNC_HOLD,
    ACTION_SYNC_PUBLISH,
    ACTION_SYNC_UNPUBLISH,
    ACTION_WITHDRAW,
    approved_waiting_revision,
    is_interpretation,
)

NO_DIRECT_PUBLISH = (
    "先审后发：页面不能直接发布，已保存为草稿。请提交审核；"
    "确需跳过审核时，由超级管理员使用“强制发布”并填写理由。"
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "review/force-publish/<int:page_id>/",
            views.force_publish_view,
            name="review_force_publish",
        ),
        path("review/withdraw/<int:page_id>/", views.withdraw_view, name="review_withdraw"),
        path("review/findings/<int:page_id>/", views.findings_view, name="review_findings"),
        path("reports/review-audit/", views.AuditReportView.as_view(), name="review_audit_report"),
        path(
            "reports/review-audit/results/",
            views.AuditReportView.as_view(results_only=True),
            name="review_audit_report_results",
        ),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_view_audit(request.user)


@hooks.register("register_reports_menu_item")
def register_audit_report_menu_item():
    return AuditMenuItem(
        "审核发布日志", reverse("review_audit_report"), icon_name="history", order=50
    )


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    class CommentFormatter(LogFormatter):
        def format_comment(self, log_entry):
            data = log_entry.data or {}
            return data.get("comment") or data.get("reason") or ""

    for action, label, message in (
        (ACTION_FORCE_PUBLISH, "强制发布", "超级管理员强制发布"),
        (ACTION_WITHDRAW, "撤稿", "撤稿"),
        (ACTION_SYNC_HOLD, "等待政策文件同步发布", "解读审核通过，等待政策文件发布"),
        (ACTION_SYNC_PUBLISH, "随政策文件同步发布", "随政策文件同步发布"),
        (ACTION_SYNC_UNPUBLISH, "随政策文件同步下线", "随政策文件同步下线"),
    ):
        actions.register_action(action)(
            type("ReviewFormatter", (CommentFormatter,), {"label": label, "message": message})
        )


# --- action menu: no direct publishing; force-publish and 撤稿 with a reason -----------------
class LinkMenuItem(ActionMenuItem):
    def __init__(self, name, label, url_name, icon_name, order):
        super().__init__(order=order)
        self.name = name
        self.label = label
        self.url_name = url_name
        self.icon_name = icon_name

    def get_url(self, parent_context):
        return reverse(self.url_name, args=(parent_context["page"].pk,))


class ResubmitMenuItem(ActionMenuItem):
    """After changes were requested, resubmitting restarts the whole workflow (see
    review_before_edit), so say so instead of Wagtail's "resubmit to <step>"."""

    name = "action-submit"
    label = "修改完成，重新提交审核"
    icon_name = "resubmit"


@hooks.register("construct_page_action_menu")
def review_action_menu(menu_items, request, context):
    menu_items[:] = [
        item for item in menu_items if item.name not in ("action-publish", "action-unpublish")
    ]
    page = context.get("page")
    if context.get("view") != "edit" or page is None or not page.pk:
        return
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        menu_items[:] = [
            ResubmitMenuItem(order=item.order) if item.name == "action-submit" else item
            for item in menu_items
        ]
    if request.user.is_superuser:
        menu_items.append(
            LinkMenuItem(
                "review-force-publish",
                "强制发布（需填写理由）",
                "review_force_publish",
                "warning",
                order=900,
            )
        )
    if page.live and views.can_withdraw(request.user, page):
        menu_items.append(
            LinkMenuItem(
                "review-withdraw", "撤稿（需填写原因）", "review_withdraw", "download", order=910
            )
        )
    if CheckResult.objects.filter(page_id=page.pk).exists():
        menu_items.append(
            LinkMenuItem(
                "review-findings", "查看自动检查结果", "review_findings", "warning", order=920
            )
        )


def _refuse_publish(request, page):
    messages.error(request, NO_DIRECT_PUBLISH)
    if page is not None and page.pk:
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return HttpResponseRedirect(reverse("wagtailadmin_home"))


@hooks.register("before_publish_page")
def block_direct_publish(request, page):
    # 先审后发: only the workflow's last approval, the scheduler and the logged force-publish
    # make a page live.
    return _refuse_publish(request, page)


@hooks.register("before_bulk_action")
def block_bulk_publish(request, action_type, objects, action_class_instance):
    if action_type in ("publish", "unpublish") and objects and isinstance(objects[0], Page):
        messages.error(
            request, "先审后发：不能批量发布或批量取消发布。撤稿请使用“撤稿”并填写原因。"
        )
        return HttpResponseRedirect(reverse("wagtailadmin_explore_root"))


@hooks.register("before_unpublish_page")
def unpublish_needs_reason(request, page):
    return HttpResponseRedirect(reverse("review_withdraw", args=(page.pk,)))


@hooks.register("before_copy_page")
def block_publish_on_copy(request, page):
    if request.method == "POST" and request.POST.get("publish_copies"):
        messages.error(request, "先审后发：复制的页面不能直接发布，请取消“发布副本”。")
        return HttpResponseRedirect(reverse("wagtailadmin_pages:copy", args=(page.pk,)))


@hooks.register("before_edit_page")
def review_before_edit(request, page):
    state = page.current_workflow_state
    if request.method == "POST":
        stale = stale_actions.stale_workflow_action(request, page)
        if stale is not None:
            return stale
        # A resubmission after changes were requested runs the whole workflow again from
        # 自动检查, so every step sees the corrected text (Wagtail would resume at the step
        # that rejected it).
        if (
            request.POST.get("action-submit")
            and state is not None
            and state.status == WorkflowState.STATUS_NEEDS_CHANGES
            and state.user_can_cancel(request.user)
        ):
            data = request.POST.copy()
            data.pop("action-submit")
            data["action-restart-workflow"] = "1"
            request.POST = data
        return None
    show_review_messages(request, page, state)
    show_sync_message(request, page)
    return None


def show_sync_message(request, page):
    """三同步: whoever opens a policy document or an interpretation sees its partners."""
    from .services import is_interpretation, is_policy

    page = page.specific
    if is_policy(page):
        partners = list(_interpretations_of(page))
        if partners:
            messages.info(
                request,
                format_html(
                    "三同步：本政策文件的解读 {} 与本文件一同审核；本文件发布时，已审核通过的解读同步发布。",
                    format_html_join(
                        "、", "《{}》（{}）", ((p.title, _status(p)) for p in partners)
                    ),
                ),
            )
    elif is_interpretation(page):
        policies = list(page.policies.all())
        if policies:
            waiting = [p for p in policies if not p.live]
            messages.info(
                request,
                format_html(
                    "三同步：本解读对应政策文件 {}。{}",
                    format_html_join(
                        "、", "《{}》（{}）", ((p.title, _status(p)) for p in policies)
                    ),
                    "政策文件发布前，本解读审核通过后等待与其同步发布。" if waiting else "",
                ),
            )


def _interpretations_of(policy):
    from django.apps import apps

    return (
        apps.get_model("disclosure_catalog", "InterpretationPage")
        .objects.filter(policies=policy)
        .distinct()
    )


def _status(page):
    if page.live:
        return "已发布"
    if page.workflow_in_progress:
        return "审核中"
    return "未发布"


def _findings_html(findings):
    return format_html_join(
        "",
        "<li>【{}】{}{}{}</li>",
        (
            (
                f["rule"],
                f["message"],
                format_html("，原文：“{}”", f["excerpt"]) if f.get("excerpt") else "",
                format_html("，建议：{}", f["suggestion"]) if f.get("suggestion") else "",
            )
            for f in findings
        ),
    )


def warn_reviewer_who_edits(request, page, task_state):
    """第二人审核: a reviewer who saves a change writes the revision, and may then no longer
    approve it. Say so when they open the editor, before they save."""
    task = task_state.task.specific
    if not isinstance(task, ReviewTaskMixin) or not task.user_may_act(page, request.user):
        return
    others = task.eligible_reviewers(page, task_state, exclude=[request.user.pk])
    if others.exists():
        who = "本步骤的其他审核人"
    elif isinstance(task, UnitReviewTask):
        who = "县政府办的审核人（代审）"
    else:
        who = "其他审核人（目前没有其他人，请联系站点管理员）"
    messages.warning(
        request,
        f"您是“{task.name}”的审核人。如果您修改并保存本稿，新版本就由您撰写，按“第二人审核”"
        f"规定您将不能再审核通过它，须由{who}审核。只需审核时，请直接点“审核通过”或“退回修改”。",
    )


def show_review_messages(request, page, state):
    if state is None or state.current_task_state is None:
        return
    task_state = state.current_task_state
    findings_url = reverse("review_findings", args=(page.pk,))
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        result = CheckResult.objects.filter(task_state=task_state).first()
        if result is not None:
            messages.error(
                request,
                format_html(
                    '自动检查未通过，请逐条修改后重新提交：<ul class="review-findings">{}</ul>'
                    '<a href="{}">查看检查结果详情</a>',
                    _findings_html(result.blocking + result.warnings),
                    findings_url,
                ),
            )
        else:
            messages.warning(
                request,
                format_html(
                    "“{}”退回修改：{}", task_state.task.name, task_state.comment or "（无意见）"
                ),
            )
        return
    warn_reviewer_who_edits(request, page, task_state)
    # in review: show the automatic check's warnings to the reviewers
    result = (
        CheckResult.objects.filter(task_state__workflow_state=state, passed=True)
        .order_by("-created_at")
        .first()
    )
    if result is not None and result.warnings:
        messages.warning(
            request,
            format_html(
                '自动检查提示（不阻止发布，请审核时注意）：<ul class="review-findings">{}</ul>',
                _findings_html(result.warnings),
            ),
        )


# --- the wording-rule table -------------------------------------------------------------------
class WordingRuleViewSet(SiteRowsViewSetMixin, SnippetViewSet):
    """用语规则 (站群): the platform-wide rules (a platform administrator's) and each site's
    own; a site's people see the platform-wide rules and edit their own site's."""

    model = WordingRule
    icon = "warning"
    menu_label = "用语规则"
    menu_name = "wording_rules"
    add_to_admin_menu = True
    menu_order = 820
    list_display = [
        "phrase",
        "correction",
        "kind",
        "category",
        "severity",
        "effective_from",
        "scope",
        yes_no_column("enabled", WordingRule),
    ]
    list_filter = ["kind", "category", "severity", "enabled"]
    search_fields = ["phrase", "correction"]
    search_backend_name = None  # filtered by site in the database
    ordering = ["category", "phrase"]


register_snippet(WordingRuleViewSet)


class LeaderViewSet(SiteRowsViewSetMixin, SnippetViewSet):
    """领导信息: the leaders whose names, titles and 同志 the checker's 领导职务 check knows —
    each site's own (站群), and the platform's (no site)."""

    model = Leader
    icon = "user"
    menu_label = "领导信息"
    menu_name = "leaders"
    add_to_admin_menu = True
    menu_order = 821
    list_display = [
        "name",
        "titles",
        yes_no_column("requires_comrade", Leader),
        "sort_order",
        "scope",
        yes_no_column("enabled", Leader),
    ]
    list_filter = ["enabled", "requires_comrade"]
    search_fields = ["name", "titles"]
    ordering = ["sort_order", "id"]


register_snippet(LeaderViewSet)


@hooks.register("register_permissions")
def review_permissions():
    return Permission.objects.filter(
        content_type__app_label="review",
        codename__in=[
            "add_wordingrule",
            "change_wordingrule",
            "delete_wordingrule",
            "view_wordingrule",
            "add_leader",
            "change_leader",
            "delete_leader",
            "view_leader",
        ],
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_the_editor_where_the_item_went(request, page):
    feedback.correct_submission_message(request, page)


@hooks.register("portal_page_status")
def waiting_for_its_policy(page):
    if is_interpretation(page) and approved_waiting_revision(page) is not None:
        return "审核通过，待政策文件发布"
    return None


class StuckItemsPanel(Component):
    """Dashboard: items in review on which nobody can act (no reviewer left, even after the
    county office's escalation)."""

    name = "stuck_items"
    order = 40
    template_name = "review/admin/stuck_panel.html"

    def __init__(self, stuck):
        self.stuck = stuck

    def get_context_data(self, parent_context=None):
        return {"stuck": self.stuck}


@hooks.register("construct_homepage_panels")
def add_stuck_items_panel(request, panels):
    if views.can_view_audit(request.user):
        stuck = stuck_task_states()
        if stuck:
            panels.append(StuckItemsPanel(stuck))


# --- 全站巡检 (portal/review/inspection.py) -------------------------------------------------
@hooks.register("register_admin_urls")
def register_inspection_urls():
    from . import inspection_views

    return [
        path(
            "reports/site-inspection/",
            inspection_views.InspectionReportView.as_view(),
            name="review_inspection_report",
        ),
        path(
            "reports/site-inspection/results/",
            inspection_views.InspectionReportView.as_view(results_only=True),
            name="review_inspection_report_results",
        ),
        path(
            "reports/site-inspection/<int:finding_id>/false-alarm/",
            inspection_views.dismiss_view,
            name="review_inspection_dismiss",
        ),
    ]


class InspectionMenuItem(MenuItem):
    def is_shown(self, request):
        from . import inspection_access

        return inspection_access.can_view_report(request.user)


@hooks.register("register_reports_menu_item")
def register_inspection_menu_item():
    return InspectionMenuItem(
        "全站巡检", reverse("review_inspection_report"), icon_name="site", order=60
    )


@hooks.register("register_log_actions")
def register_inspection_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action("review.inspection_false_alarm")
    class FalseAlarmFormatter(LogFormatter):
        label = "巡检问题标记为误报"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return f"巡检问题“{data.get('text', '')}”标记为误报"

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")


class InspectionPanel(Component):
    name = "site_inspection"
    order = 45
    template_name = "review/admin/inspection_panel.html"

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts}


@hooks.register("construct_homepage_panels")
def add_inspection_panel(request, panels):
    from . import inspection_access, inspection_views

    if inspection_access.can_view_report(request.user):
        panels.append(InspectionPanel(inspection_views.open_counts(request.user)))
