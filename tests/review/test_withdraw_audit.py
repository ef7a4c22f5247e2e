"""撤稿 with a reason and a 410 notice; the audit report; log retention."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from portal.review.retention import RetentionError
from tests.factories import make_news
from tests.review.helpers import login


@pytest.fixture
def article(news_column):
    return make_news(news_column, title="关于调整某项收费标准的通知", slug="shoufei")


def test_withdraw_needs_a_reason_and_the_url_answers_410(client, people, article):
    url = article.url
    assert client.get(url).status_code == 200
    withdraw_url = reverse("review_withdraw", args=(article.pk,))
    login(client, people.final)
    response = client.post(withdraw_url, {"reason": ""})
    assert response.status_code == 200
    assert "请填写理由" in response.content.decode()
    article.refresh_from_db()
    assert article.live

    client.post(
        withdraw_url,
        {"reason": "收费标准已重新核定，原通知作废", "public_notice": "本通知已被新通知替代。"},
    )
    article.refresh_from_db()
    assert not article.live
    client.logout()
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "该信息已撤销" in html
    assert "本通知已被新通知替代。" in html  # the public notice the reviewer wrote
    assert "收费标准已重新核定" not in html  # the internal reason stays internal
    assert "关于调整某项收费标准的通知" in html
    assert '<header class="site-header"' in html  # the portal's own page, not a bare error
    entry = PageLogEntry.objects.get(page=article, action="review.withdraw")
    assert entry.user == people.final
    assert entry.data["reason"] == "收费标准已重新核定，原通知作废"


def test_editors_and_unit_reviewers_cannot_withdraw(client, people, article):
    for user in (people.editor, people.reviewer):
        login(client, user)
        client.post(reverse("review_withdraw", args=(article.pk,)), {"reason": "想撤"})
        article.refresh_from_db()
        assert article.live


def test_wagtail_unpublish_goes_through_the_reason_form(client, people, article):
    login(client, people.admin)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    assert response.status_code == 302
    assert response["Location"] == reverse("review_withdraw", args=(article.pk,))
    article.refresh_from_db()
    assert article.live


def test_republished_page_is_served_again(client, people, article):
    from portal.review.services import withdraw

    url = article.url
    withdraw(article, people.final, "内容有误")
    assert client.get(url).status_code == 410
    article.refresh_from_db()
    article.save_revision().publish(skip_permission_checks=True)
    assert client.get(url).status_code == 200


def test_unknown_url_is_still_404(client, db):
    assert client.get("/no-such-page/").status_code == 404


def test_audit_report_shows_the_reason_and_filters(client, portal, people, article):
    from portal.review.services import withdraw

    other = make_news(portal.unit_news_column("gzz"), title="古州镇新闻", slug="gzz-news")
    withdraw(article, people.final, "数据有误，撤回核实")
    withdraw(other, people.admin, "重复发布")
    login(client, people.final)
    url = reverse("review_audit_report")
    html = client.get(url).content.decode()
    assert "数据有误，撤回核实" in html and "重复发布" in html
    assert "review.withdraw" not in html.split("<tbody>")[1].split("</tbody>")[0]  # labels

    czj = portal.unit("czj")
    response = client.get(url, {"unit": czj.pk, "action": "review.withdraw"})
    html = response.content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert "数据有误，撤回核实" in rows and "重复发布" not in rows
    assert czj.name in rows  # the row names the unit (the filter menu lists every unit anyway)

    html = client.get(url, {"user": people.admin.pk}).content.decode()
    assert "重复发布" in html and "数据有误，撤回核实" not in html

    today = timezone.localdate()
    html = client.get(
        url,
        {
            "timestamp_from": (today - datetime.timedelta(days=1)).isoformat(),
            "timestamp_to": today.isoformat(),
        },
    ).content.decode()
    assert "重复发布" in html
    html = client.get(
        url, {"timestamp_from": "2001-01-01", "timestamp_to": "2001-01-02"}
    ).content.decode()
    assert "重复发布" not in html

    response = client.get(url, {"export": "csv", "action": "review.withdraw"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["时间", "页面", "单位", "操作", "用户", "意见/原因"]
    reasons = {row[5] for row in rows[1:]}
    assert {"数据有误，撤回核实", "重复发布"} <= reasons
    czj_row = next(row for row in rows[1:] if row[5] == "数据有误，撤回核实")
    assert czj_row[2] == czj.name and czj_row[3] == "撤稿"


def test_audit_report_is_not_for_editors(client, people):
    login(client, people.editor)
    response = client.get(reverse("review_audit_report"))
    assert response.status_code in (302, 403)


def test_log_entries_younger_than_six_months_cannot_be_deleted(people, article):
    from portal.review.services import withdraw

    withdraw(article, people.final, "测试保留期限")
    young = PageLogEntry.objects.filter(page=article)
    count = young.count()
    assert count >= 2
    with pytest.raises(RetentionError), transaction.atomic():
        young.delete()
    assert PageLogEntry.objects.filter(page=article).count() == count
    with pytest.raises(CommandError):
        call_command("purge_audit_log", "--older-than-days", "30")
    old = young.first()
    PageLogEntry.objects.filter(pk=old.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=400)
    )
    call_command("purge_audit_log", "--older-than-days", "365", stdout=io.StringIO())
    assert not PageLogEntry.objects.filter(pk=old.pk).exists()
    assert PageLogEntry.objects.filter(page=article).count() == count - 1


def test_withdrawal_without_a_public_notice_shows_no_reason(client, people, article):
    login(client, people.final)
    client.post(
        reverse("review_withdraw", args=(article.pk,)), {"reason": "涉及个人隐私，内部核查"}
    )
    client.logout()
    html = client.get(article.url).content.decode()
    assert "该信息已撤销" in html and "个人隐私" not in html and "撤销原因" not in html


def test_withdrawing_a_policy_names_its_interpretations_before_confirming(client, portal, people):
    from tests.factories import make_interpretation, make_policy

    column = portal.unit_catalogue_column("czj")
    policy = make_policy(column, title="榕江县农村危房改造补助办法")
    interpretation = make_interpretation(
        column, [policy], title="《榕江县农村危房改造补助办法》解读"
    )
    login(client, people.final)
    url = reverse("review_withdraw", args=(policy.pk,))
    html = client.get(url).content.decode()
    assert "将随之一并撤稿" in html and interpretation.title in html
    client.post(url, {"reason": "办法已废止"})
    interpretation.refresh_from_db()
    assert not interpretation.live
