"""The default review workflow (DESIGN §6), created idempotently by ``bootstrap_portal``.

自动检查 → 本单位审核 → 保密审查 → 终审 → publish, assigned at the home page so that it covers
the whole tree. Admins change it per subtree in the admin (设置 → 工作流): assigning another
workflow to a column overrides it below that column. Running this again never overwrites an
admin's choice: it only creates what is missing.
"""

from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS, SITE_ADMINS
from portal.core.sites import group_name, site_group

from .models import AutoCheckTask, GroupReviewTask, UnitReviewTask

DEFAULT_WORKFLOW_NAME = "信息审核发布流程"
AUTO_CHECK = "自动检查"
UNIT_REVIEW = "本单位审核"


def _task(model, name, **extra):
    task = model.objects.filter(name=name).first()
    if task is None:
        task = model.objects.create(name=name, **extra)
    return task


def _site_group(site, base):
    return site_group(site, base)[0]


def default_tasks(site=None):
    """The four steps; 自动检查 and 本单位审核 are shared by every site (they read the page's
    unit), the two group steps are the site's own (its 保密审查 and 终审 groups)."""
    secrecy_group = _site_group(site, SECRECY_REVIEWERS)
    final_group = _site_group(site, FINAL_REVIEWERS)
    auto = _task(AutoCheckTask, AUTO_CHECK)
    unit = _task(UnitReviewTask, UNIT_REVIEW)
    secrecy = _task(GroupReviewTask, group_name(site, SECRECY_REVIEWERS))
    final = _task(GroupReviewTask, group_name(site, FINAL_REVIEWERS))
    if not secrecy.groups.exists():
        secrecy.groups.add(secrecy_group)
    if not final.groups.exists():
        final.groups.add(final_group)
    return [auto, unit, secrecy, final]


#: site admins run the rules: the wording table and the leaders (their site's own rows,
#: portal/core/site_admin.SiteRowsViewSetMixin) and the workflows (which subtree uses which)
SITE_ADMIN_PERMISSIONS = (
    ("review", "add_wordingrule"),
    ("review", "change_wordingrule"),
    ("review", "delete_wordingrule"),
    ("review", "view_wordingrule"),
    ("review", "add_leader"),
    ("review", "change_leader"),
    ("review", "delete_leader"),
    ("review", "view_leader"),
    ("wagtailcore", "add_workflow"),
    ("wagtailcore", "change_workflow"),
    ("wagtailcore", "add_task"),
    ("wagtailcore", "change_task"),
)


#: 撤稿 and the audit report: the final reviewers and the site admins
WITHDRAW_PERMISSIONS = (
    ("review", "withdraw_page"),
    ("review", "view_review_audit"),
)


#: 全站巡检: the report of the whole site and marking a finding 误报
INSPECTION_PERMISSIONS = (
    ("review", "view_site_inspection"),
    ("review", "dismiss_inspection_finding"),
)


def grant_site_admins(site=None):
    from django.contrib.auth.models import Permission

    grants = {
        SITE_ADMINS: SITE_ADMIN_PERMISSIONS + WITHDRAW_PERMISSIONS + INSPECTION_PERMISSIONS,
        FINAL_REVIEWERS: WITHDRAW_PERMISSIONS + INSPECTION_PERMISSIONS,
    }
    for base, permissions in grants.items():
        group = _site_group(site, base)
        for app_label, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


@transaction.atomic
def ensure_default_workflow(home, site=None):
    """Create the default workflow (of ``site``: each site's runs its own 保密审查 and 终审)
    and assign it to ``home`` unless the home page already has a workflow. Returns the
    workflow."""
    from portal.core.sites import default_site_id

    tasks = default_tasks(site)
    name = group_name(site, DEFAULT_WORKFLOW_NAME)
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    if not WorkflowPage.objects.filter(page=home).exists():
        WorkflowPage.objects.create(page=home, workflow=workflow)
    if site is None or site.pk == default_site_id():
        cover_every_locale(workflow)
    grant_site_admins(site)
    return workflow


WAGTAIL_DEFAULT_WORKFLOW_NAME = "Moderators approval"


def cover_every_locale(workflow):
    """Every locale's tree runs the portal's workflow: Wagtail's first migrations assign
    "Moderators approval" (one step, any moderator or superuser — the author included) at the
    tree root, which the English home page and any other locale inherit. Replace it by the
    portal's workflow at the root and switch Wagtail's default off. An admin's own assignments
    (any other workflow) are kept."""
    root = Page.get_first_root_node()
    if root is None:
        return
    at_root = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    from portal.core.admin_language import DEFAULT_NAMES

    default_names = (WAGTAIL_DEFAULT_WORKFLOW_NAME, DEFAULT_NAMES[WAGTAIL_DEFAULT_WORKFLOW_NAME])
    if at_root is not None and at_root.workflow.name in default_names:
        # removes its assignments and cancels its running reviews
        at_root.workflow.deactivate()
    if not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=workflow)
