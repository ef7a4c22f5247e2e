"""Review side by side: the revision under review against the live version, and a 政策文件's
解读 next to it (三同步 means they are reviewed and published together).

``ReviewCompare`` is Wagtail's revision compare view with the 解读 listed beside it; like
Wagtail's it is open to whoever may edit the page (which includes the reviewers of its current
step, ``ReviewTaskMixin.user_can_access_editor``), and checks that again itself."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.admin import messages
from wagtail.admin.views.pages.revisions import RevisionsCompare
from wagtail.models import Page

COMPARE_LABEL = "与线上版本对比"


def current_review_step(page):
    """(task_state, task) of the human review step ``page`` waits on, or (None, None)."""
    from portal.review.models import ReviewTaskMixin

    state = page.current_workflow_state
    task_state = state.current_task_state if state is not None else None
    if task_state is None:
        return None, None
    task = task_state.task.specific
    if not isinstance(task, ReviewTaskMixin):
        return None, None
    return task_state, task


def may_compare(user, page):
    perms = page.permissions_for_user(user)
    if perms.can_edit():
        return True
    _state, task = current_review_step(page)
    return task is not None and task.user_is_reviewer(page, user)


def compare_url(page, task_state=None):
    """The comparison of the revision under review with the live version; None when the
    page has never been published (nothing to compare with)."""
    if not page.live:
        return None
    revision = task_state.revision_id if task_state is not None else None
    target = str(revision) if revision else "latest"
    return reverse("desk_review_compare", args=(page.pk, "live", target))


def interpretations_of(page):
    from portal.review.services import is_policy

    if not is_policy(page):
        return []
    return list(page.interpretations.all().order_by("pk"))


def _status(page):
    if page.live:
        return "已发布"
    if page.workflow_in_progress:
        return "审核中"
    return "未发布"


def interpretation_links(page):
    """HTML list of a policy document's interpretations with their preview links."""
    rows = []
    for interpretation in interpretations_of(page):
        preview = reverse("desk_review_preview", args=(interpretation.pk,))
        rows.append((interpretation.title, _status(interpretation), preview))
    if not rows:
        return ""
    return format_html(
        '<ul class="desk-interpretations">{}</ul>',
        format_html_join(
            "",
            '<li>《{}》（{}） <a href="{}" target="_blank" rel="noopener">预览解读</a></li>',
            rows,
        ),
    )


def show_compare_links(request, page):
    """On the review screen (the edit view of a page in review): tell a reviewer of the
    current step where the comparison and the interpretations are."""
    page = page.specific
    task_state, task = current_review_step(page)
    if task is None or not task.user_is_reviewer(page, request.user):
        return
    url = compare_url(page, task_state)
    if url:
        compare = format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>', url, COMPARE_LABEL
        )
    else:
        compare = "本稿尚未发布过，没有线上版本可对比，请审核全文。"
    links = interpretation_links(page)
    messages.info(
        request,
        format_html(
            "审核对比：{}{}",
            compare,
            format_html("<br>本政策文件的解读（请一并审核）：{}", links) if links else "",
        ),
    )


class ReviewCompare(RevisionsCompare):
    """Wagtail's revision comparison, open to the reviewers of the current step too; for a
    政策文件 it lists the 解读 beside the comparison."""

    template_name = "desk/admin/review_compare.html"

    def get_object(self, queryset=None):
        page = get_object_or_404(Page, id=self.pk).specific
        if not may_compare(self.request.user, page):
            raise PermissionDenied
        return page

    def dispatch(self, request, *args, **kwargs):
        # skip RevisionsCompare's "any page permission" gate: reviewers are checked above
        return super(RevisionsCompare, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["interpretations"] = [
            (i, _status(i), reverse("desk_review_preview", args=(i.pk,)))
            for i in interpretations_of(self.object)
        ]
        return context


def review_preview(request, page_id):
    """The latest revision of a page (an interpretation), for a reviewer of it or of one of
    its policy documents."""
    page = get_object_or_404(Page, id=page_id).specific
    related = [page] + [p.specific for p in getattr(page, "policies", Page.objects.none()).all()]
    if not any(may_compare(request.user, p) for p in related):
        raise PermissionDenied
    draft = page.get_latest_revision_as_object()
    return draft.make_preview_request(request, draft.default_preview_mode)
