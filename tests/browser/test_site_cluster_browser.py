"""Issue 12 acceptance: one installation, two portals. Chromium visits the first demo county
on 127.0.0.1 and the second on congjiang.localhost (which resolves to loopback) and sees two
different portals — name, menu, news, identity footer — each linking only to itself."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def portal_facts(page):
    footer = page.locator("footer").inner_text()
    menu = page.locator("nav.main-nav").inner_text()
    links = page.eval_on_selector_all("a[href^='http']", "els => els.map(e => e.href)")
    return page.title(), footer, menu, links


def test_two_demo_counties_are_two_portals(live_portal, browser_page):
    page = browser_page
    port = urlsplit(live_portal.base_url).port
    assert page.goto(live_portal.url("/")).status == 200
    first_title, first_footer, first_menu, _ = portal_facts(page)

    assert page.goto(f"http://congjiang.localhost:{port}/").status == 200
    second_title, second_footer, second_menu, links = portal_facts(page)

    assert "榕江县人民政府" in first_title and "从江县人民政府" in second_title
    assert "5226320001" in first_footer and "5226330001" not in first_footer
    assert "5226330001" in second_footer and "5226320001" not in second_footer
    assert "走进榕江" in first_menu and "走进从江" in second_menu
    assert "榕江" not in second_menu
    # links with a host on the second portal stay on it (or leave the platform entirely)
    assert not [u for u in links if urlsplit(u).hostname in ("127.0.0.1", "localhost")]

    # a second-county article opens on its own host and names its own source
    page.get_by_role("link", name="从江要闻", exact=True).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "从江要闻"
    page.locator(".item-list a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).hostname == "congjiang.localhost"
    assert "从江县" in page.locator("main").inner_text()
