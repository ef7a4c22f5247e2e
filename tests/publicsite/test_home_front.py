"""Issue 15 item 3: the home page of a county portal — the 国徽 in the banner from the site
identity, 政策解读, 互动交流 (with 领导之窗) and 办事服务 blocks found by column key and left
out when the column is missing; the header's phone menu and 适老化 toolbar."""

import re

import pytest
from wagtail.models import Site

from home.models import OverviewPage
from portal.core.columns import ColumnKey
from portal.core.models import SiteIdentity
from tests import factories

pytestmark = pytest.mark.django_db


def _block(html, key):
    match = re.search(rf'<section class="[^"]*home-block--{key}".*?</section>', html, re.S)
    return match.group(0) if match else None


def test_banner_shows_the_national_emblem_from_the_site_identity(client, portal):
    assert 'alt="国徽"' not in client.get("/").content.decode()  # no emblem set: no slot
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.national_emblem = factories.ImageFactory(title="国徽")
    identity.save()
    html = client.get("/").content.decode()
    banner = re.search(r'<a class="site-brand".*?</a>', html, re.S).group(0)
    assert '<img alt="国徽"' in banner and 'class="site-emblem"' in banner
    assert identity.site_name in banner


def test_home_blocks_come_from_their_columns(client, portal):
    interpretation = factories.make_news(
        portal.column(ColumnKey.DISCLOSURE_INTERPRETATION), title="《乡村振兴规划》政策解读"
    )
    guide = factories.add_page(
        portal.column(ColumnKey.SERVICES),
        OverviewPage(title="社会保障卡申领办事指南", body=factories.paragraph_body("指南")),
    )
    html = client.get("/").content.decode()
    policy = _block(html, "policy")
    assert "政策解读" in policy and interpretation.url in policy
    services = _block(html, "services")
    assert guide.url in services and "社会保障卡申领办事指南" in services
    interaction = _block(html, "interaction")
    assert "我要留言" in interaction and "留言选登" in interaction
    assert "意见征集" in interaction and "在线访谈" in interaction
    # bootstrap's 领导之窗 page (government.LeaderIndexPage) gets the entry
    from government.models import LeaderIndexPage

    index = LeaderIndexPage.objects.child_of(portal.column(ColumnKey.OVERVIEW)).get()
    assert f'href="{index.relative_url(index.get_site())}">领导之窗</a>' in interaction
    index.unpublish()
    interaction = _block(client.get("/").content.decode(), "interaction")
    # no leaders' page: no 领导之窗 entry that would lead nowhere
    assert "领导之窗" not in interaction


def test_leaders_entry_links_to_the_leaders_page_and_missing_columns_leave_no_block(client, portal):
    from government.models import LeaderIndexPage

    # without the 领导之窗 page type, a page titled 领导之窗 under 走进… is the entry
    LeaderIndexPage.objects.child_of(portal.column(ColumnKey.OVERVIEW)).get().unpublish()
    leaders = factories.add_page(
        portal.column(ColumnKey.OVERVIEW),
        OverviewPage(title="领导之窗", body=factories.paragraph_body("县长：某某")),
    )
    interaction = _block(client.get("/").content.decode(), "interaction")
    assert f'href="{leaders.url}">领导之窗</a>' in interaction

    portal.column(ColumnKey.SERVICES).unpublish()
    portal.column(ColumnKey.DISCLOSURE_INTERPRETATION).unpublish()
    html = client.get("/").content.decode()
    assert _block(html, "services") is None and _block(html, "policy") is None
    assert _block(html, "interaction") is not None


def test_header_has_the_phone_menu_and_the_elder_toolbar(client, portal):
    html = client.get("/").content.decode()
    assert '<a class="nav-toggle" href="#site-menu" data-disclosure="site-menu">菜单</a>' in html
    assert 'id="site-menu"' in html
    for label in ("长者模式", "大字", "高对比", "朗读全文", "指读", "大鼠标", "十字线", "重置"):
        assert re.search(rf'<button type="button"[^>]*>{label}</button>', html), label
