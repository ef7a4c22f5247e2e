"""The role × action matrix (issue 16 acceptance): every cell is tried through the real admin
HTTP views by a user of that demo role, and the test asserts what happened — a page created,
a step approved, a page live or not, a file changed — against the expected matrix below.

Roles are those ``bootstrap_portal`` sets up (tests/factories.py builds the users): a unit's
editor and reviewer (财政局 czj), the county's 保密审查 and 终审, 站点管理员, the 依申请公开
and 留言 handlers, and a superuser. Pages belong to czj unless the action says otherwise; the
item under review was written by a third person (another czj editor), so nobody in the matrix
is its author.
"""

import itertools
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Page, Site, TaskState
from wagtail.test.utils.form_data import querydict_from_html

from portal.core.models import SiteIdentity
from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS, SITE_ADMINS
from portal.participation.roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS
from tests.factories import UserFactory, make_news, paragraph_body, pdf_bytes
from tests.participation.conftest import VALID_ID, make_application
from tests.review.helpers import login, news_form_data

ROLES = (
    "editor",
    "unit_reviewer",
    "secrecy",
    "final",
    "site_admin",
    "ysq_handler",
    "ly_handler",
    "superuser",
)

# Y = allowed (the effect happens), N = refused (nothing changes). Columns follow ROLES:
#                              editor unit_rev secrecy final site_admin ysq ly superuser
MATRIX_TEXT = """
view_pages_list                   Y     Y       Y      Y      Y        N   N    Y
create_in_own_column              Y     N       N      N      Y        N   N    Y
create_in_other_units_column      N     N       N      N      Y        N   N    Y
edit                              Y     Y       Y      Y      Y        N   N    Y
submit                            Y     Y       Y      Y      Y        N   N    Y
approve_unit_review               N     Y       N      N      N        N   N    N
approve_secrecy_review            N     N       Y      N      N        N   N    N
approve_final_review              N     N       N      Y      N        N   N    N
force_publish                     N     N       N      N      N        N   N    Y
withdraw                          N     N       N      Y      Y        N   N    Y
delete_live_page                  N     N       N      N      N        N   N    N
change_unit_to_another_unit       N     N       Y      Y      Y        N   N    Y
replace_live_document             N     N       N      N      N        N   N    N
view_application_personal_data    N     N       N      N      N        Y   N    Y
export_applications               N     N       N      N      N        Y   N    Y
view_message_personal_data        N     N       N      N      N        N   Y    Y
edit_site_settings                N     N       N      N      Y        N   N    Y
manage_users                      N     N       N      N      N        N   N    Y
"""

MATRIX = {}
for line in MATRIX_TEXT.strip().splitlines():
    action, *cells = line.split()
    assert len(cells) == len(ROLES), action
    for role, cell in zip(ROLES, cells, strict=True):
        MATRIX[(action, role)] = {"Y": True, "N": False}[cell]

_n = itertools.count(1)


def make_user(portal, role):
    name = f"m_{role}"
    if role == "editor":
        return portal.editor("czj", username=name)
    if role == "unit_reviewer":
        return portal.reviewer("czj", username=name)
    groups = {
        "secrecy": [SECRECY_REVIEWERS],
        "final": [FINAL_REVIEWERS],
        "site_admin": [SITE_ADMINS],
        "ysq_handler": [DISCLOSURE_HANDLERS],
        "ly_handler": [MESSAGE_HANDLERS],
    }
    if role == "superuser":
        return UserFactory(username=name, is_superuser=True, is_staff=True)
    return UserFactory(username=name, groups=groups[role])


@pytest.fixture
def ctx(portal):
    cache.clear()
    column = portal.unit_news_column("czj")
    author = portal.editor("czj", username="m_author")
    return SimpleNamespace(portal=portal, column=column, author=author)


def draft(ctx):
    title = f"矩阵草稿{next(_n)}"
    page = make_news(ctx.column, title=title, publish=False)
    page.save_revision(user=ctx.author, log_action=False)
    return Page.objects.get(pk=page.pk).specific


def live(ctx):
    page = make_news(ctx.column, title=f"矩阵已发布{next(_n)}")
    return Page.objects.get(pk=page.pk).specific


def at_step(ctx, step):
    """A czj item in review, waiting at ``step`` (本单位审核, 保密审查 or 终审)."""
    page = draft(ctx)
    page.get_workflow().start(page, ctx.author)
    helpers = {
        "本单位审核": ctx.portal.reviewer("czj", username="m_step_unit"),
        "保密审查": UserFactory(username="m_step_secrecy", groups=[SECRECY_REVIEWERS]),
    }
    for name in ("本单位审核", "保密审查"):
        state = current_task_state(page)
        assert state is not None, f"the workflow stopped before {step}"
        if state.task.name == step:
            return page, state
        state.task.specific.on_action(state, helpers[name], "approve")
    state = current_task_state(page)
    assert state.task.name == step
    return page, state


def current_task_state(page):
    workflow_state = Page.objects.get(pk=page.pk).current_workflow_state
    return workflow_state.current_task_state if workflow_state else None


# --- the actions: each returns True when the effect happened ---------------------------------
def view_pages_list(client, ctx):
    page = draft(ctx)
    response = client.get(reverse("wagtailadmin_explore", args=(ctx.column.pk,)))
    return response.status_code == 200 and page.title in response.content.decode()


def _create(client, ctx, column):
    title = f"矩阵新建{next(_n)}"
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", column.pk))
    client.post(url, news_form_data(title, ["正文。"], slug=f"m-{next(_n)}"))
    return Page.objects.filter(title=title).exists()


def create_in_own_column(client, ctx):
    return _create(client, ctx, ctx.column)


def create_in_other_units_column(client, ctx):
    return _create(client, ctx, ctx.portal.unit_news_column("jyj"))


def _post_edit(client, page, title, **extra):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = news_form_data(title, ["正文。"], slug=page.slug, **extra)
    return client.post(url, data)


def edit(client, ctx):
    page = draft(ctx)
    _post_edit(client, page, "矩阵已修改")
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object().title == "矩阵已修改"


def submit(client, ctx):
    page = draft(ctx)
    _post_edit(client, page, page.title, **{"action-submit": "1"})
    return Page.objects.get(pk=page.pk).workflow_states.exists()


def _approve(client, ctx, step):
    page, state = at_step(ctx, step)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    client.post(url, {"comment": ""})
    return TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED


def approve_unit_review(client, ctx):
    return _approve(client, ctx, "本单位审核")


def approve_secrecy_review(client, ctx):
    return _approve(client, ctx, "保密审查")


def approve_final_review(client, ctx):
    page, _state = at_step(ctx, "终审")
    approved = _approve_state(client, page)
    assert approved == Page.objects.get(pk=page.pk).live  # the last approval publishes
    return approved


def _approve_state(client, page):
    state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    client.post(url, {"comment": ""})
    return TaskState.objects.get(pk=state.pk).status == TaskState.STATUS_APPROVED


def force_publish(client, ctx):
    page = draft(ctx)
    client.post(reverse("review_force_publish", args=(page.pk,)), {"reason": "紧急通知"})
    return Page.objects.get(pk=page.pk).live


def withdraw(client, ctx):
    page = live(ctx)
    client.post(reverse("review_withdraw", args=(page.pk,)), {"reason": "内容有误"})
    return not Page.objects.get(pk=page.pk).live


def delete_live_page(client, ctx):
    page = live(ctx)
    url = reverse("wagtailadmin_pages:delete", args=(page.pk,))
    client.post(url, {})
    client.post(
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={page.pk}",
        {},
    )
    return not Page.objects.filter(pk=page.pk).exists()


def change_unit_to_another_unit(client, ctx):
    page = draft(ctx)
    other = ctx.portal.unit("jyj")
    _post_edit(client, page, page.title, unit=other.pk)
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().unit_id == other.pk


def replace_live_document(client, ctx):
    collection = ctx.portal.unit("czj").collection
    document = Document.objects.create(
        title="矩阵附件", file=ContentFile(pdf_bytes("v1"), name="m.pdf"), collection=collection
    )
    body = paragraph_body("见附件。") + [
        {"type": "attachment", "value": {"document": document.pk, "title": ""}}
    ]
    make_news(ctx.column, title=f"矩阵附件页{next(_n)}", body=body)
    before = document.file.name
    client.post(
        reverse("wagtaildocs:edit", args=(document.pk,)),
        {
            "title": document.title,
            "collection": collection.pk,
            "file": SimpleUploadedFile("m2.pdf", pdf_bytes("v2")),
            "tags": "",
        },
    )
    document.refresh_from_db()
    return document.file.name != before


def view_application_personal_data(client, ctx):
    application = make_application()
    response = client.get(reverse("participation_admin:application", args=(application.pk,)))
    return response.status_code == 200 and VALID_ID in response.content.decode()


def export_applications(client, ctx):
    make_application()
    response = client.get(reverse("participation_admin:application_export"))
    return response.status_code == 200 and "申请编号" in response.content.decode("utf-8-sig")


def view_message_personal_data(client, ctx):
    from portal.participation.models import Message

    message = Message(name="张晓红", phone="15900002222", subject="咨询", body="请问几点发车？")
    message.tracking_number = Message.new_tracking_number()
    message.save()
    response = client.get(reverse("participation_admin:message", args=(message.pk,)))
    return response.status_code == 200 and "15900002222" in response.content.decode()


def edit_site_settings(client, ctx):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("core", "siteidentity", site.pk))
    response = client.get(url)
    if response.status_code != 200:
        client.post(url, {"phone": "0855-0000000"})
    else:
        data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
        data["phone"] = "0855-0000000"
        client.post(url, data)
    return SiteIdentity.for_site(site).phone == "0855-0000000"


def manage_users(client, ctx):
    from django.contrib.auth import get_user_model

    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "m_created",
            "email": "m_created@example.gov.cn",
            "first_name": "新",
            "last_name": "用户",
            "password1": "Matrix-password-2026",
            "password2": "Matrix-password-2026",
            "is_active": "on",
        },
    )
    return get_user_model().objects.filter(username="m_created").exists()


ACTIONS = {name: globals()[name] for name in dict.fromkeys(a for a, _r in MATRIX)}


@pytest.mark.parametrize("action,role", [(a, r) for a in ACTIONS for r in ROLES], ids=lambda v: v)
def test_role_matrix_cell(client, ctx, action, role):
    user = make_user(ctx.portal, role)
    login(client, user)
    happened = ACTIONS[action](client, ctx)
    expected = MATRIX[(action, role)]
    assert happened == expected, (
        f"{role} / {action}: expected {'allowed' if expected else 'refused'}, "
        f"but it was {'allowed' if happened else 'refused'}"
    )
