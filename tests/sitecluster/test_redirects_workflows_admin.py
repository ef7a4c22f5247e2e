"""Wagtail's redirects and workflow admin per site (站群, issue 12 §2), beyond the matrix: a
site administrator of county A cannot reach a redirect for all sites, cannot aim a workflow at
county B's pages or build it from B's steps, cannot change a shared step, and sees no other
site's names in the choices."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Task, WorkflowPage, WorkflowTask

from portal.core.roles import FINAL_REVIEWERS, SITE_ADMINS
from portal.core.sites import group_name
from portal.review.models import GroupReviewTask
from portal.review.setup import AUTO_CHECK
from tests.factories import UserFactory
from tests.review.helpers import login

from .helpers import two_counties

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail refuses with 403 or sends the person back to the dashboard with a message."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def workflow_form(workflow, tasks, pages):
    """The edit form of ``workflow`` as the admin posts it: its steps (the existing rows, in
    order, each now holding the given task) and new pages to assign."""
    rows = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order"))
    data = {
        "name": workflow.name,
        "workflow_tasks-TOTAL_FORMS": str(len(tasks)),
        "workflow_tasks-INITIAL_FORMS": str(len(rows)),
        "workflow_tasks-MIN_NUM_FORMS": "0",
        "workflow_tasks-MAX_NUM_FORMS": "1000",
        "pages-TOTAL_FORMS": str(len(pages)),
        "pages-INITIAL_FORMS": "0",
        "pages-MIN_NUM_FORMS": "0",
        "pages-MAX_NUM_FORMS": "1000",
    }
    for i, task in enumerate(tasks):
        data[f"workflow_tasks-{i}-id"] = rows[i].pk
        data[f"workflow_tasks-{i}-task"] = task.pk
        data[f"workflow_tasks-{i}-ORDER"] = str(i + 1)
    for i, page in enumerate(pages):
        data[f"pages-{i}-page"] = page.pk
    return data


def test_redirects_and_workflows_of_another_site_stay_out_of_reach(client, tmp_path, settings):
    settings.PORTAL_REQUIRE_2FA = False
    a, b = two_counties(tmp_path)
    admin = UserFactory(username="a_admin", groups=[a.group(SITE_ADMINS)])
    login(client, admin)

    # --- redirects: one for all sites is the platform's; the site choices are A's only
    everywhere = Redirect.objects.create(site=None, old_path="/all-sites", redirect_link="/")
    assert "/all-sites" not in client.get(reverse("wagtailredirects:index")).content.decode()
    assert refused(client.get(reverse("wagtailredirects:edit", args=(everywhere.pk,))))
    client.post(reverse("wagtailredirects:delete", args=(everywhere.pk,)))
    assert Redirect.objects.filter(pk=everywhere.pk).exists()
    add = client.get(reverse("wagtailredirects:add")).content.decode()
    assert a.name in add and b.name not in add
    client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/forged-for-all", "site": "", "redirect_link": "https://www.gov.cn/"},
    )
    client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/forged-for-b", "site": b.site.pk, "redirect_link": "https://www.gov.cn/"},
    )
    assert not Redirect.objects.filter(old_path__startswith="/forged").exists()
    # the import's confirmation step aims at A only
    assert refused(
        client.post(
            reverse("wagtailredirects:process_import"),
            {"site": b.site.pk, "from_index": "0", "to_index": "1"},
        )
    )

    # --- workflows: A's own workflow cannot be aimed at B's pages nor use B's 终审 step
    own = WorkflowPage.objects.get(page=a.home).workflow
    own_tasks = [wt.task for wt in WorkflowTask.objects.filter(workflow=own).order_by("sort_order")]
    b_final = GroupReviewTask.objects.get(name=group_name(b.site, FINAL_REVIEWERS))
    edit = reverse("wagtailadmin_workflows:edit", args=(own.pk,))
    response = client.post(edit, workflow_form(own, own_tasks, [b.czj.news_column]))
    assert "只能为本站点的页面指定工作流" in response.content.decode()
    assert not WorkflowPage.objects.filter(page=b.czj.news_column).exists()
    response = client.post(edit, workflow_form(own, [*own_tasks[:-1], b_final], []))
    assert "不能使用其他站点的审核步骤" in response.content.decode()
    assert b_final.pk not in set(
        WorkflowTask.objects.filter(workflow=own).values_list("task_id", flat=True)
    )
    # own pages are fine
    response = client.post(edit, workflow_form(own, own_tasks, [a.czj.news_column]))
    assert WorkflowPage.objects.get(page=a.czj.news_column).workflow_id == own.pk

    # --- steps: a shared step is listed (A's workflows use it) but changed by the platform
    shared = Task.objects.get(name=AUTO_CHECK)
    tasks = client.get(reverse("wagtailadmin_workflows:task_index")).content.decode()
    assert shared.name in tasks and b_final.name not in tasks
    assert refused(client.get(reverse("wagtailadmin_workflows:edit_task", args=(shared.pk,))))
    assert (
        client.get(reverse("wagtailadmin_workflows:task_chosen", args=(b_final.pk,))).status_code
        == 404
    )
    chooser = client.get(reverse("wagtailadmin_workflows:task_chooser")).content.decode()
    assert b_final.name not in chooser
    # a new group step offers A's groups only, and refuses B's
    add_task = reverse("wagtailadmin_workflows:add_task", args=("review", "groupreviewtask"))
    form = client.get(add_task).content.decode()
    assert group_name(a.site, FINAL_REVIEWERS) in form
    assert group_name(b.site, FINAL_REVIEWERS) not in form
    client.post(add_task, {"name": "伪造的审核", "groups": [b.group(FINAL_REVIEWERS).pk]})
    assert not Task.objects.filter(name="伪造的审核").exists()
    client.post(add_task, {"name": "甲县复核", "groups": [a.group(FINAL_REVIEWERS).pk]})
    assert Task.objects.filter(name="甲县复核").exists()
