"""所属单位 (issue 16 item 4, issue 11 defect 3): an editor may only choose a unit they work
for — choosing another would reroute 本单位审核 to that unit, take its 索引号 serial and move
the item into its statistics. Through the real admin views."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page

from portal.core.roles import SITE_ADMINS
from portal.units.services import units_for_user
from tests.factories import UserFactory, make_news
from tests.review.helpers import login, news_form_data


@pytest.fixture
def editor(portal):
    return portal.editor("czj")


def unit_options(html):
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}, select


def test_the_picker_offers_only_the_editors_unit_and_defaults_to_the_column(client, portal, editor):
    login(client, editor)
    column = portal.unit_news_column("czj")
    html = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", column.pk)))
    options, select = unit_options(html.content.decode())
    assert options == {portal.unit("czj").pk}
    assert re.search(rf'<option value="{portal.unit("czj").pk}"[^>]*selected', select)


def test_editor_cannot_create_an_item_for_another_unit(client, portal, editor):
    login(client, editor)
    column = portal.unit_news_column("czj")
    data = news_form_data("改到教育局的新闻", ["正文。"], slug="unit-x", unit=portal.unit("jyj").pk)
    data["action-submit"] = "1"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("news", "newspage", column.pk)), data
    )
    assert response.status_code == 200
    assert "只能选择您所在的单位作为所属单位" in response.content.decode()
    assert not Page.objects.filter(title="改到教育局的新闻").exists()


def test_editor_cannot_move_an_item_to_another_unit(client, portal, editor):
    page = make_news(portal.unit_news_column("czj"), title="财政局新闻", publish=False)
    login(client, editor)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = news_form_data("财政局新闻", ["正文。"], slug=page.slug, unit=portal.unit("jyj").pk)
    data["action-submit"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "只能选择您所在的单位作为所属单位" in response.content.decode()
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    assert latest.unit_id in (None, portal.unit("czj").pk)
    assert not page.workflow_states.exists()  # nothing was submitted to jyj's reviewers
    # their own unit is accepted
    data["unit"] = portal.unit("czj").pk
    assert client.post(url, data).status_code == 302


def test_membership_comes_from_permissions(portal, editor):
    assert list(units_for_user(editor)) == [portal.unit("czj")]
    reviewer = portal.reviewer("gzz")
    assert list(units_for_user(reviewer)) == [portal.unit("gzz")]
    admin = UserFactory(username="site_admin_u", groups=[SITE_ADMINS])
    assert units_for_user(admin).count() == portal.unit("czj").__class__.objects.count()
    nobody = UserFactory(username="no_groups_u")
    assert not units_for_user(nobody).exists()


def test_site_admin_may_assign_any_unit(client, portal):
    admin = UserFactory(username="site_admin_v", groups=[SITE_ADMINS])
    page = make_news(portal.unit_news_column("czj"), title="需改单位的新闻", publish=False)
    login(client, admin)
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = news_form_data("需改单位的新闻", ["正文。"], slug=page.slug, unit=portal.unit("jyj").pk)
    assert client.post(url, data).status_code == 302
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    assert latest.unit_id == portal.unit("jyj").pk
