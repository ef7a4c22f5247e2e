"""The English mini-site in Chromium at 1920 and 360 px (issue 15 item 8): the English home
page fits the screen, stays on this host, is English around its content, leads to the
Chinese version and back, and axe-core finds no WCAG 2.1 AA violation on the home page,
a news item and the search page. Screenshots en-home-1920 and en-home-360 in var/screenshots/."""

import re

import pytest

from tests.browser.a11y import Watch, axe_violations, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 360, "height": 740}
CJK = re.compile(r"[\u3400-\u9fff]")


def _open(chromium, live_portal, path, viewport):
    context = chromium.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch(page, live_portal.base_url)
    response = page.goto(live_portal.url(path))
    assert response.status == 200, path
    return context, page, watch


def _english_text(page):
    """The page's visible text outside the parts marked as Chinese."""
    return page.evaluate(
        """() => {
          const clone = document.body.cloneNode(true);
          clone.querySelectorAll('[lang^="zh"], script, style, [hidden]').forEach(e => e.remove());
          return clone.innerText;
        }"""
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1920", "360"])
def test_english_home_page(live_portal, chromium, viewport):
    context, page, watch = _open(chromium, live_portal, "/en/", viewport)
    assert page.evaluate("document.documentElement.lang") == "en"
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"content {scroll}px wide in a {client}px viewport"
    text = _english_text(page)
    assert "Rongjiang News" in text and "Services" in text
    assert not CJK.search(text), CJK.findall(text)[:20]
    if viewport is PHONE:
        assert page.locator(".site-header").bounding_box()["height"] <= 120
        page.get_by_role("button", name="Menu").click()
    nav = page.get_by_role("navigation", name="Main navigation")
    assert nav.get_by_role("link", name="About Rongjiang").is_visible()
    violations = axe_violations(page)
    assert violations == [], "/en/:\n" + "\n".join(violations)
    screenshot(page, f"en-home-{viewport['width']}", full_page=viewport is DESKTOP)
    watch.assert_clean()

    # a news item, its Chinese version through the language switch, and back
    with page.expect_navigation():
        page.locator(".item-list a").first.click()
    assert page.url.startswith(live_portal.url("/en/xwdt/"))
    assert axe_violations(page) == []
    english_url = page.url
    if viewport is PHONE:  # the switch is in the folded menu
        page.get_by_role("button", name="Menu").click()
    with page.expect_navigation():
        page.locator(".language-links a[hreflang='zh-hans']").click()
    assert not page.url.startswith(live_portal.url("/en/"))
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    if viewport is PHONE:
        page.get_by_role("button", name="菜单").click()
    with page.expect_navigation():
        page.locator(".language-links a[hreflang='en']").click()
    assert page.url == english_url
    watch.assert_clean()
    context.close()


def test_english_search(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, "/en/", DESKTOP)
    page.get_by_role("searchbox", name="Search this site").fill("oranges")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url(re.compile(r"/en/search/\?q=oranges"))
    assert page.get_by_role("link", name=re.compile("Navel Oranges")).count() >= 1
    assert axe_violations(page) == []
    watch.assert_clean()
    context.close()
