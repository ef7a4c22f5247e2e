"""Publishing outside the workflow (issue 16 item 3): the only ways a page goes live are the
workflow's last approval and 强制发布 (with a reason, logged); a live page goes offline only
through 撤稿. Each path is tried through the real admin views as a superuser, who would be
allowed everything by Wagtail's defaults."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, PageLogEntry, Workflow

from portal.review.services import ACTION_FORCE_PUBLISH
from portal.review.setup import DEFAULT_WORKFLOW_NAME
from tests.factories import UserFactory, make_news
from tests.review.helpers import login


@pytest.fixture
def admin(db):
    return UserFactory(username="super_paths", is_superuser=True, is_staff=True)


@pytest.fixture
def column(portal):
    return portal.unit_news_column("czj")


@pytest.fixture
def draft(column):
    return make_news(column, title="待审核的新闻", publish=False)


@pytest.fixture
def live(column):
    return make_news(column, title="已发布的新闻")


def is_live(page):
    return Page.objects.get(pk=page.pk).live


def api_action(client, page, action, data=None):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/",
        json.dumps(data or {}),
        content_type="application/json",
    )


def test_admin_api_publish_is_refused(client, admin, draft):
    login(client, admin)
    response = api_action(client, draft, "publish")
    assert response.status_code in (400, 403), response.status_code
    assert not is_live(draft)


def test_admin_api_unpublish_and_delete_of_a_live_page_are_refused(client, admin, live):
    login(client, admin)
    assert api_action(client, live, "unpublish").status_code in (400, 403)
    assert api_action(client, live, "delete").status_code in (400, 403)
    assert is_live(live)


def test_admin_api_revert_and_copy_cannot_publish(client, admin, live):
    login(client, admin)
    revision = live.get_latest_revision()
    response = api_action(client, live, "revert_to_page_revision", {"revision_id": revision.pk})
    # reverting saves a draft at most; it never publishes
    assert response.status_code in (200, 400, 403)
    response = api_action(
        client,
        live,
        "copy",
        {"destination_page_id": live.get_parent().pk, "slug": "copy-x", "keep_live": True},
    )
    copies = Page.objects.filter(slug="copy-x")
    assert not copies.filter(live=True).exists(), response.status_code


def test_edit_view_publish_button_saves_a_draft_only(client, admin, draft):
    from tests.review.helpers import edit_news_via_admin

    login(client, admin)
    edit_news_via_admin(client, draft, "待审核的新闻（改）", ["正文。"], action="action-publish")
    assert not is_live(draft)


def test_bulk_publish_is_refused(client, admin, draft):
    login(client, admin)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={draft.pk}"
    )
    client.post(url, {})
    assert not is_live(draft)


def test_deleting_a_live_page_goes_to_withdraw(client, admin, live, column):
    login(client, admin)
    url = reverse("wagtailadmin_pages:delete", args=(live.pk,))
    for response in (client.get(url), client.post(url, {})):
        assert response.status_code == 302
        assert response["Location"] == reverse("review_withdraw", args=(live.pk,))
    assert is_live(live)
    follow = client.get(url, follow=True).content.decode()
    assert "请先使用“撤稿（需填写原因）”撤下页面" in follow
    # a live page below a column also protects the column
    response = client.post(reverse("wagtailadmin_pages:delete", args=(column.pk,)), {})
    assert Page.objects.filter(pk=column.pk).exists()
    assert response.status_code in (302, 403)
    # bulk delete
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    client.post(url + f"?id={live.pk}", {})
    assert Page.objects.filter(pk=live.pk, live=True).exists()


def test_withdrawn_and_draft_pages_can_still_be_deleted(client, admin, draft):
    login(client, admin)
    response = client.post(reverse("wagtailadmin_pages:delete", args=(draft.pk,)), {})
    assert response.status_code == 302
    # deleted into the 回收站 (portal/desk/recycle.py): out of its column, restorable
    from portal.desk.models import RecycledPage

    assert RecycledPage.objects.filter(page_id=draft.pk).exists()
    assert not Page.objects.get(pk=draft.pk).get_parent().specific_class.__name__ == "ColumnPage"


def test_force_publish_needs_a_reason_and_is_logged(client, admin, draft):
    login(client, admin)
    url = reverse("review_force_publish", args=(draft.pk,))
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "请填写理由" in response.content.decode()
    assert not is_live(draft)
    response = client.post(url, {"reason": "防汛紧急通知"})
    assert response.status_code == 302
    assert is_live(draft)
    entry = PageLogEntry.objects.get(page=draft, action=ACTION_FORCE_PUBLISH)
    assert entry.data["reason"] == "防汛紧急通知" and entry.user == admin


def test_every_locale_runs_the_portal_workflow(client, admin, portal):
    english = Locale.objects.get(language_code="en")
    home_en = portal.home.copy_for_translation(english)
    assert home_en.get_workflow().name == DEFAULT_WORKFLOW_NAME
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()
    # the root itself (any future locale's home) is covered
    assert Page.get_first_root_node().get_workflow().name == DEFAULT_WORKFLOW_NAME


def test_translation_editor_and_sync_do_not_publish(
    client, admin, portal, live, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import Translation, TranslationSource

    english = Locale.objects.get(language_code="en")
    login(client, admin)
    # submitting a live page for translation (the parents are copied too)
    response = client.post(f"/admin/localize/submit/page/{live.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302
    translated = Page.objects.get(translation_key=live.translation_key, locale=english)
    assert not translated.live  # a draft, to be submitted for review
    # the translation editor's 发布 button
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(translated.pk,)), {"action": "publish"}
    )
    assert response.status_code in (302, 403)
    assert not is_live(translated)
    # 同步译文 with its 发布 box
    source = TranslationSource.objects.get(object_id=live.translation_key)
    assert Translation.objects.filter(source=source, target_locale=english).exists()
    client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert not is_live(translated)


def test_final_approval_publishes(client, portal, column):
    from portal.core.roles import FINAL_REVIEWERS, SECRECY_REVIEWERS
    from tests.review.helpers import create_news_via_admin, workflow_action

    editor = portal.editor("czj")
    login(client, editor)
    page, _ = create_news_via_admin(client, column, "县财政局召开会议", ["会议正文内容。"])
    assert not is_live(page)
    for user in (
        portal.reviewer("czj"),
        UserFactory(username="secrecy_p", groups=[SECRECY_REVIEWERS]),
        UserFactory(username="final_p", groups=[FINAL_REVIEWERS]),
    ):
        assert not is_live(page)
        login(client, user)
        response = workflow_action(client, page, "approve")
        assert response.status_code in (200, 302), response.status_code
    assert is_live(page)
