"""Status words say what really happened (issue 11): an item 自动检查 sent back is not "submitted
for review"; an approved interpretation waiting for its policy is not a "draft"."""

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import make_interpretation, make_policy
from tests.review.helpers import create_news_via_admin, login
from tests.review.test_sync import approve_all, submit


def shown_messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_an_item_the_check_sends_back_is_not_reported_as_submitted(client, people, news_column):
    login(client, people.editor)
    page, response = create_news_via_admin(
        client, news_column, "截止目前全县完成预算执行", ["全县预算执行情况良好。"]
    )
    texts = shown_messages(response)
    assert any("未通过自动检查，已退回" in t for t in texts), texts
    assert not any("提交" in t and "审核" in t and "未通过" not in t for t in texts), texts


def test_a_clean_item_is_reported_as_submitted(client, people, news_column):
    login(client, people.editor)
    _page, response = create_news_via_admin(
        client, news_column, "县财政局召开预算执行情况通报会", ["会议通报了全县预算执行情况。"]
    )
    texts = shown_messages(response)
    assert texts and not any("未通过自动检查" in t for t in texts), texts


def test_an_approved_interpretation_waiting_for_its_policy_is_not_a_draft(client, people, portal):
    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县促进就业若干措施", publish=False)
    interpretation = make_interpretation(
        column, [policy], title="《榕江县促进就业若干措施》解读", publish=False
    )
    submit(interpretation, people.editor)
    approve_all(interpretation, people)
    interpretation.refresh_from_db()
    assert interpretation.status_string == "审核通过，待政策文件发布"
    login(client, people.final)
    html = client.get(reverse("wagtailadmin_explore", args=(column.pk,))).content.decode()
    assert "审核通过，待政策文件发布" in html
    assert policy.status_string != "审核通过，待政策文件发布"
