"""A citizen opens the home page, follows 榕江要闻 to an article, sees its 发布时间;
the page does not scroll sideways on a 360 px phone; the printed admin login works."""

import re

import pytest

from home.demo_accounts import account
from tests.browser.conftest import admin_login

pytestmark = pytest.mark.browser


def test_home_to_headline_article(live_portal, browser_page):
    page = browser_page
    response = page.goto(live_portal.url("/"))
    assert response.status == 200
    for section in ("榕江要闻", "部门动态", "乡镇动态", "政府信息公开", "专题专栏"):
        assert page.get_by_role("heading", name=section).count() >= 1
    footer = page.locator("footer").inner_text()
    assert "网站标识码" in footer and "5226320001" in footer and "黔ICP备" in footer

    page.get_by_role("link", name="榕江要闻", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "榕江要闻"
    page.locator(".item-list a").first.click()
    page.wait_for_load_state()
    meta = page.locator(".article-meta").inner_text()
    assert re.search(r"发布时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta), meta


@pytest.mark.parametrize("path", ["/", "/xwdt/rjyw/", "/zfxxgk/"])
def test_no_horizontal_scroll_at_360px(live_portal, chromium, path):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN")
    page = context.new_page()
    page.goto(live_portal.url(path))
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert scroll <= client, f"{path}: content {scroll}px wide in a {client}px viewport"


def test_article_on_phone_has_no_horizontal_scroll(live_portal, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_portal.url("/xwdt/rjyw/"))
    page.locator(".item-list a").first.click()
    page.wait_for_load_state()
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert scroll <= client


def test_printed_admin_login_works(live_portal, browser_page):
    admin = account("admin")
    admin_login(browser_page, live_portal, admin["username"], admin["password"])
    assert "/admin/" in browser_page.url
    assert browser_page.locator("body").inner_text().count("榕江") >= 1


def test_large_text_mode_is_remembered(live_portal, browser_page):
    page = browser_page
    page.goto(live_portal.url("/"))
    size_before = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    page.get_by_role("button", name="大字").click()
    page.goto(live_portal.url("/xwdt/"))
    size_after = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(size_after[:-2]) > float(size_before[:-2])
    assert page.get_by_role("button", name="大字").get_attribute("aria-pressed") == "true"
