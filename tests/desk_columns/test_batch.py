"""Batch operations for site admins through Wagtail's bulk-action views: 撤稿 (a reason, one
withdrawal per item, 410 notices), copy (drafts), move."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from portal.review.models import WithdrawnPage
from tests.factories import make_news


def bulk_url(action, pages, next_url="/admin/"):
    query = urlencode([("next", next_url)] + [("id", p.pk) for p in pages])
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + "?" + query


def test_bulk_withdraw_needs_a_reason_and_gives_410_notices(client, portal, column, site_admin):
    a = make_news(column, title="批量撤稿稿件甲")
    b = make_news(column, title="批量撤稿稿件乙")
    urls = [a.url, b.url]
    client.force_login(site_admin)
    url = bulk_url("withdraw", [a, b])
    page = client.get(url).content.decode()
    assert "批量撤稿" in page and "批量撤稿稿件甲" in page and "批量撤稿稿件乙" in page

    response = client.post(url, {"reason": "  ", "public_notice": "已更正"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "请填写理由。" in html
    assert "已更正" in html  # what was typed is kept
    assert Page.objects.filter(pk__in=[a.pk, b.pk], live=True).count() == 2

    response = client.post(url, {"reason": "信息已过期", "public_notice": "请以最新通知为准。"})
    assert response.status_code == 302
    assert Page.objects.filter(pk__in=[a.pk, b.pk], live=True).count() == 0
    entries = PageLogEntry.objects.filter(page_id__in=[a.pk, b.pk], action="review.withdraw")
    assert sorted(e.page_id for e in entries) == sorted([a.pk, b.pk])  # one per item
    assert all(e.data["reason"] == "信息已过期" for e in entries)
    assert WithdrawnPage.objects.filter(page_id__in=[a.pk, b.pk]).count() == 2
    client.logout()
    for public in urls:
        response = client.get(public)
        assert response.status_code == 410
        body = response.content.decode()
        assert "请以最新通知为准。" in body and "信息已过期" not in body


def test_bulk_operations_need_the_batch_permission(client, portal, column):
    page = make_news(column, title="编辑不能批量撤稿")
    client.force_login(portal.editor("czj"))
    url = bulk_url("withdraw", [page])
    html = client.get(url).content.decode()
    assert "以下页面未发布或您没有撤稿权限" in html
    client.post(url, {"reason": "试图撤稿"})
    page.refresh_from_db()
    assert page.live
    client.post(bulk_url("copy", [page]), {"destination": column.pk})
    assert Page.objects.filter(title="编辑不能批量撤稿").count() == 1


def test_bulk_copy_makes_drafts_and_bulk_move_moves(client, portal, column, site_admin):
    a = make_news(column, title="批量复制稿件甲")
    b = make_news(column, title="批量复制稿件乙", publish=False)
    other = portal.unit_news_column("gzz")
    client.force_login(site_admin)
    response = client.post(bulk_url("copy", [a, b]), {"destination": other.pk})
    assert response.status_code == 302
    copies = Page.objects.child_of(other).filter(title__startswith="批量复制稿件")
    assert copies.count() == 2
    assert not copies.filter(live=True).exists()  # never published by a copy
    assert all(c.specific.get_owner_unit() == portal.unit("gzz") for c in copies)
    assert Page.objects.filter(pk=a.pk, live=True).exists()  # the original stays

    response = client.post(bulk_url("move", [b]), {"chooser": other.pk})
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.get_parent().pk == other.pk
