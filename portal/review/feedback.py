"""What the editor is told after submitting: the truth about where the item went.

Wagtail says "已提交审核" after every submission, even when 自动检查 has already sent the item
back (its task rejects at once). After a submission, the messages are corrected from the
workflow's real state."""

from django.contrib import messages
from wagtail.models import WorkflowState

from .models import AutoCheckTask, CheckResult


def correct_submission_message(request, page):
    if not (
        request.method == "POST"
        and (request.POST.get("action-submit") or request.POST.get("action-restart-workflow"))
    ):
        return
    state = WorkflowState.objects.for_instance(page).order_by("-created_at", "-pk").first()
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    rejected = state.task_states.order_by("-started_at", "-pk").first()
    if rejected is None or not isinstance(rejected.task.specific, AutoCheckTask):
        return
    _drop_success_messages(request)
    result = CheckResult.objects.filter(task_state=rejected).first()
    count = len(result.blocking) if result else 0
    messages.error(
        request,
        f"《{page.get_admin_display_title()}》未通过自动检查，已退回，没有进入人工审核："
        f"有 {count} 处必须修改。请按页面上方列出的问题修改后重新提交。",
    )


def _drop_success_messages(request):
    storage = messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if queued is not None:
        queued[:] = [m for m in queued if m.level != messages.SUCCESS]
