"""置顶 (until a date), manual order, 首页头条 and 轮播: set through the admin, seen on the
public pages, without a new revision or a review."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from portal.core import clock
from portal.core.models import PagePlacement
from tests.factories import ImageFactory, make_news


def _order(html, *titles):
    positions = [html.index(title) for title in titles]
    return [t for _, t in sorted(zip(positions, titles, strict=True))]


def _set(client, page, **data):
    payload = {"sort_order": "0", **data}
    return client.post(reverse("desk_placement", args=(page.pk,)), payload)


def test_pinned_item_is_first_until_its_end_date(client, portal, column):
    now = timezone.now()
    old = make_news(column, title="置顶旧稿甲", published_at=now - timedelta(days=10))
    make_news(column, title="最新稿件乙", published_at=now - timedelta(days=1))
    assert _order(client.get(column.url).content.decode(), "置顶旧稿甲", "最新稿件乙") == [
        "最新稿件乙",
        "置顶旧稿甲",
    ]
    revisions = old.revisions.count()

    client.force_login(portal.editor("czj"))  # the column's editor
    end = clock.today() + timedelta(days=3)
    response = _set(client, old, pinned_until=end.isoformat())
    assert response.status_code == 302
    client.logout()

    assert _order(client.get(column.url).content.decode(), "置顶旧稿甲", "最新稿件乙") == [
        "置顶旧稿甲",
        "最新稿件乙",
    ]
    with clock.frozen(now + timedelta(days=3)):  # the end date itself is still pinned
        html = client.get(column.url).content.decode()
        assert _order(html, "置顶旧稿甲", "最新稿件乙")[0] == "置顶旧稿甲"
    with clock.frozen(now + timedelta(days=4)):
        html = client.get(column.url).content.decode()
        assert _order(html, "置顶旧稿甲", "最新稿件乙")[0] == "最新稿件乙"

    # presentation only: no new revision, nothing published again; logged for the audit
    old.refresh_from_db()
    assert old.revisions.count() == revisions
    entry = PageLogEntry.objects.get(page=old, action="desk.placement")
    assert f"置顶至 {end:%Y-%m-%d}" in entry.data["comment"]


def test_manual_order_within_the_column(client, portal, column):
    now = timezone.now()
    a = make_news(column, title="排序稿件一", published_at=now - timedelta(days=3))
    make_news(column, title="排序稿件二", published_at=now - timedelta(days=2))
    c = make_news(column, title="排序稿件三", published_at=now - timedelta(days=1))
    client.force_login(portal.reviewer("czj"))  # the column's reviewer
    assert _set(client, a, sort_order="5").status_code == 302
    assert _set(client, c, sort_order="-1").status_code == 302
    client.logout()
    html = client.get(column.url).content.decode()
    assert _order(html, "排序稿件一", "排序稿件二", "排序稿件三") == [
        "排序稿件一",
        "排序稿件二",
        "排序稿件三",
    ]
    # the parent column's listing (everything below it) uses the same order
    parent = column.get_parent().specific
    html = client.get(parent.url).content.decode()
    assert _order(html, "排序稿件一", "排序稿件二", "排序稿件三")[0] == "排序稿件一"


def test_bad_order_value_gets_a_chinese_error_and_keeps_the_input(client, portal, column):
    page = make_news(column, title="排序出错稿")
    client.force_login(portal.editor("czj"))
    response = _set(client, page, sort_order="abc", pinned_until="2026-13-45")
    assert response.status_code == 200
    html = response.content.decode()
    assert "排序值须为整数。" in html
    assert "请输入正确的日期" in html
    assert 'value="2026-13-45"' in html


def test_other_units_editor_cannot_pin_and_editors_cannot_feature(client, portal, column):
    page = make_news(column, title="别人的稿件")
    client.force_login(portal.editor("gzz"))
    response = _set(client, page, pinned_until="2030-01-01")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused
    assert not PagePlacement.objects.filter(page_id=page.pk).exists()
    client.force_login(portal.editor("czj"))
    response = _set(client, page, headline="on", carousel="on")
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "home-headline" not in home  # the flag is the site admins' and final reviewers'


def test_headline_and_carousel_flags_drive_the_home_page(
    client, portal, column, site_admin, final_reviewer
):
    headline = make_news(column, title="县委常委会召开专题会议", search_description="会议要点")
    picture = make_news(column, title="乡村振兴现场图片新闻", cover_image=ImageFactory())
    home = client.get("/").content.decode()
    assert "home-headline" not in home
    assert 'class="carousel"' not in home  # no picture in 要闻 yet, none flagged

    client.force_login(site_admin)
    assert _set(client, headline, headline="on").status_code == 302
    client.force_login(final_reviewer)
    assert _set(client, picture, carousel="on").status_code == 302
    client.logout()

    home = client.get("/").content.decode()
    slot = re.search(r'<section class="home-headline".*?</section>', home, re.S).group(0)
    assert "县委常委会召开专题会议" in slot and headline.url in slot
    assert "会议要点" in slot
    carousel = re.search(r'<div class="carousel".*?</div>\s*</div>', home, re.S).group(0)
    assert "乡村振兴现场图片新闻" in carousel

    # switched off again: gone from the home page
    client.force_login(site_admin)
    _set(client, headline)
    client.logout()
    assert "home-headline" not in client.get("/").content.decode()


def test_edit_view_offers_the_placement_action(client, portal, column):
    page = make_news(column, title="操作菜单稿")
    client.force_login(portal.editor("czj"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert reverse("desk_placement", args=(page.pk,)) in html
    assert "置顶与推荐" in html
    form = client.get(reverse("desk_placement", args=(page.pk,))).content.decode()
    assert "置顶截止日期" in form and "仅站点管理员和终审人员可以设置首页头条和轮播" in form


def test_placement_change_purges_the_cached_listing_and_home(
    client, portal, column, site_admin, page_cache, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):  # purges go out on commit
        make_news(column, title="缓存中的新稿", published_at=now - timedelta(days=1))
        old = make_news(column, title="缓存中的旧稿", published_at=now - timedelta(days=5))
    html = client.get(column.url).content.decode()  # cached for anonymous visitors
    assert html.index("缓存中的新稿") < html.index("缓存中的旧稿")
    page_cache.purged = []
    client.force_login(site_admin)
    with django_capture_on_commit_callbacks(execute=True):
        _set(client, old, pinned_until=(clock.today() + timedelta(days=1)).isoformat())
    client.logout()
    assert {"http://localhost" + column.url, "http://localhost/"} <= set(page_cache.purged)
    html = client.get(column.url).content.decode()
    assert html.index("缓存中的旧稿") < html.index("缓存中的新稿")
    with clock.frozen(now + timedelta(days=2)):  # the pin ended: yesterday's copy is not used
        html = client.get(column.url).content.decode()
        assert html.index("缓存中的新稿") < html.index("缓存中的旧稿")
