"""Review side by side (issue 11): from the review screen a reviewer reaches the comparison
of the revision under review with the live version, and sees a 政策文件's 解读 with it."""

from django.urls import reverse

from tests.factories import make_interpretation, make_policy
from tests.review.helpers import current_task_state, login


def submit_change(page, user, summary):
    page = page.specific
    page.summary = summary
    page.save_revision(user=user, log_action=False)
    page.get_workflow().start(page, user)
    return page


def approve(page, user):
    state = current_task_state(page)
    state.task.specific.on_action(state, user, "approve")


def test_the_reviewer_reaches_the_comparison_from_the_review_screen(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县促进就业若干措施", summary="旧的概述文字。")
    interpretation = make_interpretation(column, [policy], title="促进就业若干措施解读")
    submit_change(policy, people.editor, "新的概述文字。")
    login(client, people.reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(policy.pk,))).content.decode()
    assert "与线上版本对比" in html
    revision = current_task_state(policy).revision_id
    url = reverse("desk_review_compare", args=(policy.pk, "live", revision))
    assert url in html
    # the interpretation is listed with a preview on the review screen
    preview = reverse("desk_review_preview", args=(interpretation.pk,))
    assert "《促进就业若干措施解读》（已发布）" in html and preview in html

    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "旧的概述文字" in page and "新的概述文字" in page
    assert "本政策文件的解读（三同步，请一并审核）" in page and preview in page
    preview_response = client.get(preview)
    assert preview_response.status_code == 200
    assert "促进就业若干措施解读" in preview_response.content.decode()


def test_the_secrecy_reviewer_compares_at_their_step(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县就业补贴办法", summary="旧版本。")
    submit_change(policy, people.editor, "新版本。")
    approve(policy, people.reviewer)
    revision = current_task_state(policy).revision_id
    url = reverse("desk_review_compare", args=(policy.pk, "live", revision))
    login(client, people.secrecy)
    response = client.get(url)
    assert response.status_code == 200 and "新版本" in response.content.decode()


def test_people_who_are_not_reviewers_of_the_step_may_not(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县就业补贴办法二", summary="旧版本。")
    submit_change(policy, people.editor, "新版本。")
    revision = current_task_state(policy).revision_id
    url = reverse("desk_review_compare", args=(policy.pk, "live", revision))
    for user in (people.other_unit_reviewer, portal.editor("gzz")):
        login(client, user)
        response = client.get(url)
        assert response.status_code in (302, 403), user.username
        assert "新版本" not in response.content.decode()
        preview = reverse("desk_review_preview", args=(policy.pk,))
        assert client.get(preview).status_code in (302, 403), user.username


def test_a_never_published_item_says_there_is_nothing_to_compare(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="新起草的政策文件", publish=False)
    submit_change(policy, people.editor, "概述。")
    login(client, people.reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(policy.pk,))).content.decode()
    assert "本稿尚未发布过，没有线上版本可对比" in html
