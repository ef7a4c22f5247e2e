"""Issue 12 acceptance: a role × action × site matrix through the real admin views.

County A's editor, unit reviewer, 终审, site administrator and handlers try every action on
their own county's objects and on county B's — through the admin URLs, with B's real ids
(forged URLs) — and the platform administrator tries them on both. Each cell asserts what
happened (a form served with the object, a row listed, a person created, a role granted).
Wording rules and leaders, redirects, workflows and their steps are each site's own.
"""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import WorkflowPage

from portal.core.roles import FINAL_REVIEWERS, PLATFORM_ADMINS, SITE_ADMINS
from portal.core.sites import group_name
from portal.participation.models import DisclosureApplication, Message
from portal.participation.roles import DISCLOSURE_HANDLERS, MESSAGE_HANDLERS
from portal.review.models import GroupReviewTask, Leader, WordingRule
from tests.factories import UserFactory, make_news
from tests.participation.conftest import make_application
from tests.review.helpers import login

from .helpers import two_counties

ROLES = ("editor", "unit_reviewer", "final", "site_admin", "ysq", "ly", "platform")

# Y = allowed, N = refused; each action is tried on county A's object ("own") and on
# county B's ("other"). Roles belong to county A, except the platform administrator.
#                       editor unit_rev final site_admin ysq ly platform
MATRIX_TEXT = """
own   edit_page           Y     Y       Y     Y         N   N   Y
own   create_page         Y     N       N     Y         N   N   Y
own   edit_unit           N     N       N     Y         N   N   Y
own   list_units          N     N       N     Y         N   N   Y
own   edit_person         N     N       N     Y         N   N   Y
own   list_people         N     N       N     Y         N   N   Y
own   create_person       N     N       N     Y         N   N   Y
own   assign_role         N     N       N     Y         N   N   Y
own   view_application    N     N       N     N         Y   N   Y
own   list_applications   N     N       N     N         Y   N   Y
own   export_applications N     N       N     N         Y   N   Y
own   view_message        N     N       N     N         N   Y   Y
own   export_messages     N     N       N     N         N   Y   Y
own   edit_settings       N     N       N     Y         N   N   Y
own   list_wording_rules  N     N       N     Y         N   N   Y
own   edit_wording_rule   N     N       N     Y         N   N   Y
own   edit_leader         N     N       N     Y         N   N   Y
own   list_redirects      N     N       N     Y         N   N   Y
own   edit_redirect       N     N       N     Y         N   N   Y
own   delete_redirect     N     N       N     Y         N   N   Y
own   create_redirect     N     N       N     Y         N   N   Y
own   list_workflows      N     N       N     Y         N   N   Y
own   edit_workflow       N     N       N     Y         N   N   Y
own   list_tasks          N     N       N     Y         N   N   Y
own   edit_task           N     N       N     Y         N   N   Y
other edit_page           N     N       N     N         N   N   Y
other create_page         N     N       N     N         N   N   Y
other edit_unit           N     N       N     N         N   N   Y
other list_units          N     N       N     N         N   N   Y
other edit_person         N     N       N     N         N   N   Y
other list_people         N     N       N     N         N   N   Y
other create_person       N     N       N     N         N   N   Y
other assign_role         N     N       N     N         N   N   Y
other view_application    N     N       N     N         N   N   Y
other list_applications   N     N       N     N         N   N   Y
other export_applications N     N       N     N         N   N   Y
other view_message        N     N       N     N         N   N   Y
other export_messages     N     N       N     N         N   N   Y
other edit_settings       N     N       N     N         N   N   Y
other list_wording_rules  N     N       N     N         N   N   Y
other edit_wording_rule   N     N       N     N         N   N   Y
other edit_leader         N     N       N     N         N   N   Y
other list_redirects      N     N       N     N         N   N   Y
other edit_redirect       N     N       N     N         N   N   Y
other delete_redirect     N     N       N     N         N   N   Y
other create_redirect     N     N       N     N         N   N   Y
other list_workflows      N     N       N     N         N   N   Y
other edit_workflow       N     N       N     N         N   N   Y
other list_tasks          N     N       N     N         N   N   Y
other edit_task           N     N       N     N         N   N   Y
"""

MATRIX = {}
for line in MATRIX_TEXT.strip().splitlines():
    target, action, *cells = line.split()
    assert len(cells) == len(ROLES), line
    for role, cell in zip(ROLES, cells, strict=True):
        MATRIX[(target, action, role)] = cell == "Y"

_n = itertools.count(1)


def make_role(a, role):
    name = f"x_{role}"
    groups = {
        "editor": [a.czj.editors_group],
        "unit_reviewer": [a.czj.reviewers_group],
        "final": [a.group(FINAL_REVIEWERS)],
        "site_admin": [a.group(SITE_ADMINS)],
        "ysq": [a.group(DISCLOSURE_HANDLERS)],
        "ly": [a.group(MESSAGE_HANDLERS)],
    }
    if role == "platform":
        from django.contrib.auth.models import Group

        return UserFactory(username=name, groups=[Group.objects.get(name=PLATFORM_ADMINS)])
    return UserFactory(username=name, groups=groups[role])


def objects_of(county):
    """The objects of one county the actions aim at."""
    news = county.czj.news_column.specific
    page = make_news(news, title=f"{county.name}财政动态{next(_n)}")
    person = UserFactory(username=f"p_{county.key}_{next(_n)}", groups=[county.czj.editors_group])
    application = make_application(site=county.site, description=f"{county.key}的申请")
    message = Message(
        site=county.site,
        name="张晓红",
        phone="15900002222",
        subject=f"{county.key}的留言",
        body="请问几点发车？",
    )
    message.tracking_number = Message.new_tracking_number(county.site.pk)
    message.save()
    rule = WordingRule.objects.create(
        site=county.site, phrase=f"{county.key}专用词", correction="改正", category="norm"
    )
    leader = Leader.objects.create(site=county.site, name=f"{county.name[0]}县长", titles="县长")
    redirect = Redirect.objects.create(
        site=county.site, old_path=f"/old-{county.key}", redirect_link="/xwdt/"
    )
    workflow = WorkflowPage.objects.get(page=county.home).workflow
    final_task = GroupReviewTask.objects.get(name=group_name(county.site, FINAL_REVIEWERS))
    extra = {
        "rule": rule,
        "leader": leader,
        "redirect": redirect,
        "workflow": workflow,
        "task": final_task,
    }
    return county, page, person, application, message, extra


# --- actions: each returns True when it happened ------------------------------------------
def edit_page(client, target):
    county, page, *_ = target
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    return response.status_code == 200 and page.title in response.content.decode()


def create_page(client, target):
    county, page, *_ = target
    column = page.get_parent()
    response = client.get(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", column.pk)), follow=False
    )
    return response.status_code == 200


def edit_unit(client, target):
    county = target[0]
    url = reverse("wagtailsnippets_units_unit:edit", args=(county.czj.pk,))
    response = client.get(url)
    return response.status_code == 200 and county.czj.code in response.content.decode()


def list_units(client, target):
    county = target[0]
    response = client.get(reverse("wagtailsnippets_units_unit:list"))
    return response.status_code == 200 and county.czj.code in response.content.decode()


def edit_person(client, target):
    person = target[2]
    response = client.get(reverse("wagtailusers_users:edit", args=(person.pk,)))
    return response.status_code == 200 and person.username in response.content.decode()


def list_people(client, target):
    person = target[2]
    response = client.get(reverse("wagtailusers_users:index"))
    return response.status_code == 200 and person.username in response.content.decode()


def create_person(client, target):
    county = target[0]
    username = f"new_{county.key}_{next(_n)}"
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": username,
            "email": f"{username}@example.gov.cn",
            "first_name": "新",
            "last_name": "同事",
            "password1": "Matrix-password-2026",
            "password2": "Matrix-password-2026",
            "is_active": "on",
            "groups": [county.group(FINAL_REVIEWERS).pk],
        },
    )
    created = get_user_model().objects.filter(username=username).first()
    return (
        created is not None and created.groups.filter(pk=county.group(FINAL_REVIEWERS).pk).exists()
    )


def assign_role(client, target):
    county = target[0]
    person = UserFactory(username=f"r_{county.key}_{next(_n)}")
    client.post(
        reverse("units_roles"),
        {"action": "assign", "person": person.pk, "unit": county.czj.pk, "role": "reviewer"},
    )
    return person.groups.filter(pk=county.czj.reviewers_group_id).exists()


def view_application(client, target):
    application = target[3]
    response = client.get(reverse("participation_admin:application", args=(application.pk,)))
    return response.status_code == 200 and application.tracking_number in response.content.decode()


def list_applications(client, target):
    application = target[3]
    response = client.get(reverse("participation_admin:applications"))
    return response.status_code == 200 and application.tracking_number in response.content.decode()


def export_applications(client, target):
    application = target[3]
    response = client.get(reverse("participation_admin:application_export"))
    return response.status_code == 200 and application.tracking_number in response.content.decode(
        "utf-8-sig"
    )


def view_message(client, target):
    message = target[4]
    response = client.get(reverse("participation_admin:message", args=(message.pk,)))
    return response.status_code == 200 and "15900002222" in response.content.decode()


def export_messages(client, target):
    message = target[4]
    response = client.get(reverse("participation_admin:message_export"))
    return response.status_code == 200 and message.tracking_number in response.content.decode(
        "utf-8-sig"
    )


def edit_settings(client, target):
    county = target[0]
    url = reverse("wagtailsettings:edit", args=("core", "siteidentity", county.site.pk))
    response = client.get(url)
    return response.status_code == 200 and county.name in response.content.decode()


def list_wording_rules(client, target):
    rule = target[5]["rule"]
    # the search box repeats the query: search a part every county's rule shares
    response = client.get(reverse("wagtailsnippets_review_wordingrule:list"), {"q": "专用词"})
    return response.status_code == 200 and rule.phrase in response.content.decode()


def edit_wording_rule(client, target):
    rule = target[5]["rule"]
    response = client.get(reverse("wagtailsnippets_review_wordingrule:edit", args=(rule.pk,)))
    return response.status_code == 200 and rule.phrase in response.content.decode()


def edit_leader(client, target):
    leader = target[5]["leader"]
    response = client.get(reverse("wagtailsnippets_review_leader:edit", args=(leader.pk,)))
    return response.status_code == 200 and leader.name in response.content.decode()


def list_redirects(client, target):
    redirect = target[5]["redirect"]
    response = client.get(reverse("wagtailredirects:index"))
    return response.status_code == 200 and redirect.old_path in response.content.decode()


def edit_redirect(client, target):
    redirect = target[5]["redirect"]
    response = client.get(reverse("wagtailredirects:edit", args=(redirect.pk,)))
    return response.status_code == 200 and redirect.old_path in response.content.decode()


def delete_redirect(client, target):
    county = target[0]
    victim = Redirect.objects.create(
        site=county.site, old_path=f"/gone-{county.key}-{next(_n)}/", redirect_link="/"
    )
    client.post(reverse("wagtailredirects:delete", args=(victim.pk,)))
    return not Redirect.objects.filter(pk=victim.pk).exists()


def create_redirect(client, target):
    county = target[0]
    old_path = f"/new-{county.key}-{next(_n)}"  # as Wagtail stores it (no trailing slash)
    client.post(
        reverse("wagtailredirects:add"),
        {
            "old_path": old_path,
            "site": county.site.pk,
            "is_permanent": "on",
            "redirect_link": "https://www.gov.cn/",
        },
    )
    return Redirect.objects.filter(old_path=old_path, site=county.site).exists()


def list_workflows(client, target):
    workflow = target[5]["workflow"]
    response = client.get(reverse("wagtailadmin_workflows:index"))
    return response.status_code == 200 and workflow.name in response.content.decode()


def edit_workflow(client, target):
    workflow = target[5]["workflow"]
    response = client.get(reverse("wagtailadmin_workflows:edit", args=(workflow.pk,)))
    return response.status_code == 200 and workflow.name in response.content.decode()


def list_tasks(client, target):
    task = target[5]["task"]
    response = client.get(reverse("wagtailadmin_workflows:task_index"))
    return response.status_code == 200 and task.name in response.content.decode()


def edit_task(client, target):
    task = target[5]["task"]
    response = client.get(reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)))
    return response.status_code == 200 and task.name in response.content.decode()


ACTIONS = {name: globals()[name] for name in dict.fromkeys(a for _t, a, _r in MATRIX)}


@pytest.mark.django_db
def test_cross_site_role_matrix(client, tmp_path, settings):
    settings.PORTAL_REQUIRE_2FA = False
    a, b = two_counties(tmp_path)
    targets = {"own": objects_of(a), "other": objects_of(b)}
    users = {role: make_role(a, role) for role in ROLES}
    wrong = []
    for (target, action, role), expected in MATRIX.items():
        cache.clear()  # rate limits and cached fragments never decide a cell
        login(client, users[role])
        happened = ACTIONS[action](client, targets[target])
        if happened != expected:
            wrong.append(
                f"{role} / {action} on {target} county: expected "
                f"{'allowed' if expected else 'refused'}, was {'allowed' if happened else 'refused'}"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_same_unit_name_slug_and_keys_coexist(tmp_path):
    a, b = two_counties(tmp_path)
    assert a.czj.name == b.czj.name == "县财政局" and a.czj.slug == b.czj.slug == "czj"
    assert a.czj.news_column_id != b.czj.news_column_id
    from home.models import column_by_key
    from portal.core.columns import ColumnKey

    assert column_by_key(ColumnKey.NEWS, a.site).get_site().pk == a.site.pk
    assert column_by_key(ColumnKey.NEWS, b.site).get_site().pk == b.site.pk
    # application numbers are per site: the same number on two sites
    first = make_application(site=a.site)
    second = make_application(site=b.site)
    second.tracking_number = first.tracking_number
    second.save()
    assert DisclosureApplication.objects.filter(tracking_number=first.tracking_number).count() == 2
