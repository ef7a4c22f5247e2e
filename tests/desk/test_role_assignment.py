"""人员与角色 through the real admin views (issue 11, the desk: role assignment)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.core.roles import FINAL_REVIEWERS, SITE_ADMINS
from portal.units.roles import ACTION_ASSIGN
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.review.helpers import login

URL = "/admin/units/roles/"


@pytest.fixture
def site_admin(portal):
    return UserFactory(username="site_admin_roles", groups=[SITE_ADMINS])


@pytest.fixture
def person(portal):
    return UserFactory(username="zhangsan", first_name="张三")


def assign(client, person, unit, role):
    return client.post(
        URL, {"action": "assign", "person": person.pk, "unit": unit.pk, "role": role}
    )


def test_the_page_is_in_the_settings_menu_for_site_admins_only(client, site_admin, portal):
    assert reverse("units_roles") == URL
    login(client, site_admin)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "units-roles" in home  # the settings menu item (the sidebar is built from JSON)
    page = client.get(URL).content.decode()
    assert "分配角色" in page and "现有角色" in page

    login(client, portal.editor("czj"))
    assert "units-roles" not in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(URL)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    editor = portal.editor("czj", username="editor_czj_2")
    login(client, editor)
    response = assign(client, editor, portal.unit("czj"), "reviewer")
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert list(editor.groups.all()) == [portal.unit("czj").editors_group]


def test_assigning_a_role_is_one_form_and_gives_the_units_rights(
    client, site_admin, person, portal
):
    czj = portal.unit("czj")
    column = portal.unit_news_column("czj")
    assert not column.permissions_for_user(person).can_add_subpage()
    login(client, site_admin)
    response = assign(client, person, czj, "editor")
    assert response.status_code == 302
    listing = client.get(response.url).content.decode()
    assert "已授予张三（zhangsan）在" in listing
    row = listing[listing.index('id="role-assignments"') :]
    assert "张三（zhangsan）" in row and czj.name in row and "编辑" in row
    person = get_user_model().objects.get(pk=person.pk)  # no cached permissions
    assert list(person.groups.all()) == [czj.editors_group]
    assert column.permissions_for_user(person).can_add_subpage()
    entry = ModelLogEntry.objects.filter(action=ACTION_ASSIGN).latest("timestamp")
    assert entry.user_id == site_admin.pk and entry.data["username"] == "zhangsan"

    # assigning again changes nothing and says so
    again = client.get(assign(client, person, czj, "editor").url).content.decode()
    assert "此前已有，未作改动" in again
    assert person.groups.count() == 1


def test_revoking_takes_the_role_back(client, site_admin, person, portal):
    czj = portal.unit("czj")
    person.groups.add(czj.reviewers_group)
    login(client, site_admin)
    assert "本单位审核" in client.get(URL + f"?unit={czj.pk}").content.decode()
    response = client.post(
        URL + f"?unit={czj.pk}",
        {"action": "revoke", "person": person.pk, "unit": czj.pk, "role": "reviewer"},
    )
    assert response.status_code == 302 and response.url == URL + f"?unit={czj.pk}"
    assert "已撤销张三（zhangsan）" in client.get(response.url).content.decode()
    assert not person.groups.exists()


def test_only_unit_roles_can_be_granted(client, site_admin, person, portal):
    login(client, site_admin)
    final = Group.objects.get(name=FINAL_REVIEWERS)
    response = client.post(
        URL,
        {"action": "assign", "person": person.pk, "unit": portal.unit("czj").pk, "role": "admin"},
    )
    assert response.status_code == 200
    assert "请选择有效的角色" in response.content.decode()
    # the form keeps what was chosen
    assert f'<option value="{person.pk}" selected>' in response.content.decode()
    for data in ({"is_superuser": "on"}, {"groups": final.pk}, {"group": final.pk}):
        assign_data = {"action": "assign", "person": person.pk, "unit": portal.unit("czj").pk}
        client.post(URL, {**assign_data, "role": "editor", **data})
    person.refresh_from_db()
    assert not person.is_superuser
    assert list(person.groups.all()) == [portal.unit("czj").editors_group]


def test_a_site_admin_cannot_change_a_superusers_roles(client, site_admin, portal):
    root = UserFactory(username="root_roles", is_superuser=True)
    login(client, site_admin)
    response = assign(client, root, portal.unit("czj"), "editor")
    assert response.status_code == 200
    assert "超级管理员的权限只能由超级管理员调整" in response.content.decode()
    assert not root.groups.exists()


def test_bootstrap_grants_the_permission_to_site_admins_only(portal):
    from portal.core.roles import PLATFORM_ADMINS

    codenames = Group.objects.get(name=SITE_ADMINS).permissions.values_list("codename", flat=True)
    assert "assign_roles" in codenames
    # the platform's administrators are every site's administrators (docs/site-cluster.md)
    for group in Group.objects.exclude(name__in=(SITE_ADMINS, PLATFORM_ADMINS)):
        assert not group.permissions.filter(codename="assign_roles").exists(), group.name


def test_whoever_assigns_roles_needs_a_second_factor(client, site_admin, settings):
    # 等保 2.0 身份鉴别: who decides who may edit and review is an administrator
    settings.PORTAL_REQUIRE_2FA = True
    response = client.post(
        "/admin/login/", {"username": site_admin.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/")
