"""The default workflow is on the whole tree, idempotent, and changeable per subtree."""

from django.core.management import call_command
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from portal.review.models import AutoCheckTask, GroupReviewTask, UnitReviewTask
from portal.review.setup import DEFAULT_WORKFLOW_NAME, ensure_default_workflow
from tests.factories import make_news


def test_default_workflow_covers_the_tree(portal):
    workflow = Workflow.objects.get(name=DEFAULT_WORKFLOW_NAME)
    assert [type(t.specific) for t in workflow.tasks] == [
        AutoCheckTask,
        UnitReviewTask,
        GroupReviewTask,
        GroupReviewTask,
    ]
    assert [t.name for t in workflow.tasks] == ["自动检查", "本单位审核", "保密审查", "终审"]
    assert WorkflowPage.objects.get(page=portal.home).workflow == workflow
    item = make_news(portal.unit_news_column("gzz"), slug="wf-any", publish=False)
    assert item.get_workflow() == workflow


def test_bootstrap_is_idempotent_and_keeps_admin_choices(portal):
    counts = (Workflow.objects.count(), WorkflowTask.objects.count(), WorkflowPage.objects.count())
    call_command("bootstrap_portal", stdout=__import__("io").StringIO())
    ensure_default_workflow(portal.home)
    assert (
        Workflow.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
    ) == counts

    # an admin assigns a lighter workflow to one subtree
    light = Workflow.objects.create(name="通知公告简易流程")
    WorkflowTask.objects.create(workflow=light, task=AutoCheckTask.objects.get(), sort_order=0)
    WorkflowTask.objects.create(
        workflow=light, task=GroupReviewTask.objects.get(name="终审"), sort_order=1
    )
    column = portal.unit_news_column("czj")
    WorkflowPage.objects.create(page=column, workflow=light)
    inside = make_news(column, slug="wf-inside", publish=False)
    outside = make_news(portal.unit_news_column("gzz"), slug="wf-outside", publish=False)
    assert inside.get_workflow() == light
    assert outside.get_workflow().name == DEFAULT_WORKFLOW_NAME
    ensure_default_workflow(portal.home)
    assert inside.get_workflow() == light


def test_site_admins_can_edit_the_wording_table(db):
    from django.contrib.auth.models import Group

    from portal.core.roles import SITE_ADMINS

    codenames = set(
        Group.objects.get(name=SITE_ADMINS).permissions.values_list("codename", flat=True)
    )
    assert {"add_wordingrule", "change_wordingrule", "change_workflow"} <= codenames


def test_pages_no_unit_owns_are_reviewed_by_the_county_office(portal, people):
    from home.models import ColumnPage
    from portal.units.models import Unit, UnitKind
    from tests.factories import UserFactory
    from tests.review.helpers import current_task_state

    column = ColumnPage.objects.filter(depth=3, unit=None).first()
    column.title = column.title + "（修订）"
    column.save_revision(user=people.admin, log_action=False)
    column.get_workflow().start(column, people.admin)
    state = current_task_state(column)
    # a column passes the automatic check (it lists items; they show their own time)
    assert state.task.name == "本单位审核"
    office = Unit.objects.filter(kind=UnitKind.OFFICE).first()
    office_reviewer = UserFactory(username="office_r", groups=[office.reviewers_group])
    task = state.task.specific
    assert [a[0] for a in task.get_actions(column, office_reviewer)][:2] == ["reject", "approve"]
    assert task.get_actions(column, people.reviewer) == []
