"""E-mail to every eligible reviewer when an item reaches their step.

Wagtail only mails the members of its own GroupApprovalTask; the portal's review steps
(portal/review/models.py) say who may act through ``eligible_reviewers`` (reviewers of the
step, minus the revision's authors, with the county office's escalation), and those are the
people told here."""

from django.urls import reverse

from .notify import absolute_url, notify
from .sources import draft_title, unit_name


def review_step_mail(task_state, task, page):
    unit = unit_name(page)
    title = draft_title(page)
    subject = f"【待审核】《{title}》（{task.name}）"
    path = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    lines = [
        "您好：",
        "",
        "以下稿件已进入您负责的审核步骤，请登录网站管理后台审核。",
        "",
        f"标题：{title}",
        f"所属单位：{unit or '—'}",
        f"审核步骤：{task.name}",
    ]
    author = task_state.revision.user if task_state.revision_id else None
    if author is not None:
        lines.append(f"提交人：{author.get_full_name() or author.get_username()}")
    lines += ["", f"审核页面：{absolute_url(path)}", "", "本邮件由系统自动发送，请勿直接回复。"]
    return subject, "\n".join(lines), path


def notify_reviewers(task_state, task, page):
    """Tell each eligible reviewer of the step; returns the users told."""
    subject, body, path = review_step_mail(task_state, task, page)
    told = []
    for reviewer in task.eligible_reviewers(page, task_state):
        if notify(reviewer, subject, body, path):
            told.append(reviewer)
    return told
