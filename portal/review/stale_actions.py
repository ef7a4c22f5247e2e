"""Workflow actions posted to the page editor that must not run (issue 11, defect 5).

The review modal (批准并留言, 退回修改) adds the action's fields to the edit form and submits
it. The editor's autosave sees the form change and posts the same form to the edit URL in the
background (``Accept: application/json``), just before or just after. Left to Wagtail, that
background post either performed the action itself (the real submission then failed on a
locked page), or arrived after it and got a 400 (page locked, newer revision) or, once the
workflow had finished or been sent back, a 500 (no task in progress). A repeated submission
(double click, 后退 and resend) hit the same 500.

``stale_workflow_action`` answers those posts before Wagtail's edit view runs:

- a background post carrying a workflow action does nothing and says so with success: the
  form's own submission carries the same content and the action;
- a submission whose action the user can no longer take (the step is done, the workflow
  finished or was sent back) changes nothing and takes the user back to the editor with a
  Chinese message, instead of saving a revision in the reviewer's name or crashing.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from wagtail.admin import messages

ACTION_FIELD = "action-workflow-action"
NAME_FIELD = "workflow-action-name"


def is_background(request):
    """Wagtail's own test for its autosave requests (``expects_json_response``)."""
    return not request.accepts("text/html")


def available_action_names(page, user):
    task = page.current_workflow_task
    if task is None:
        return []
    return [name for name, _label, _modal in task.get_actions(page, user)]


def stale_workflow_action(request, page):
    """A response replacing Wagtail's handling of this POST, or None to let it run."""
    if request.method != "POST" or not request.POST.get(ACTION_FIELD):
        return None
    if is_background(request):
        return JsonResponse({"success": True, "pk": page.pk})
    if request.POST.get(NAME_FIELD) in available_action_names(page, request.user):
        return None
    messages.warning(
        request,
        f"《{page.get_admin_display_title()}》已不在您的审核环节（该环节已处理完毕，"
        "或稿件已发布、已退回），本次操作未执行，稿件没有改动。",
    )
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
