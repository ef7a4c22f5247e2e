"""The public front end as a citizen meets it, in Chromium at 1920 and 360 px: the home page,
a listing and an item fit the phone (no sideways scroll, a header under 120 px, the first
listing item above the fold, a menu that opens and closes), the carousel can be paused from
the keyboard, the 适老化 tools (长者模式, 朗读, 大鼠标, 十字线) work and are remembered, and
axe-core finds no WCAG 2.1 AA violation in the normal, 高对比 and 长者模式 views.
Screenshots land in var/screenshots/ (kept by CI)."""

import re

import pytest

from tests.browser.a11y import Watch, axe_violations, screenshot

pytestmark = pytest.mark.browser

LISTING = "/xwdt/bmdt/"  # 部门动态: one sub-column per unit
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def item_path(live_portal, chromium):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_portal.url("/xwdt/rjyw/"))
    href = page.locator(".item-list--column a").first.get_attribute("href")
    context.close()
    return href


def _open(chromium, live_portal, path, viewport, mode=None, **options):
    context = chromium.new_context(viewport=viewport, locale="zh-CN", **options)
    if mode:
        context.add_init_script(f"localStorage.setItem('portal-{mode}', '1')")
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch(page, live_portal.base_url)
    response = page.goto(live_portal.url(path))
    assert response.status == 200, path
    return context, page, watch


def _no_sideways_scroll(page):
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"content {scroll}px wide in a {client}px viewport"


@pytest.mark.parametrize("kind", ["home", "listing", "item"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1920", "360"])
def test_pages_fit_the_screen_and_stay_on_this_host(
    live_portal, chromium, item_path, kind, viewport
):
    path = {"home": "/", "listing": LISTING, "item": item_path}[kind]
    context, page, watch = _open(chromium, live_portal, path, viewport)
    _no_sideways_scroll(page)
    assert "{#" not in page.inner_text("body")  # no template comment leaks
    header = page.locator(".site-header").bounding_box()
    if viewport is PHONE:
        assert header["height"] <= 120, f"header {header['height']}px high on a phone"
    name = f"{kind}-{viewport['width']}" if viewport is DESKTOP else f"phone-{kind}"
    screenshot(page, name, full_page=viewport is DESKTOP)
    watch.assert_clean()
    context.close()


def test_first_listing_item_is_above_the_fold_on_a_phone(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, LISTING, PHONE)
    first = page.locator(".item-list--column li a").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"], first
    # the units' sub-column links are folded behind one button
    units = page.locator("#sub-columns-list")
    assert not units.is_visible()
    toggle = page.get_by_role("button", name=re.compile("子栏目"))
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert units.is_visible() and units.locator("a").count() > 10
    watch.assert_clean()
    context.close()


def test_phone_menu_opens_and_closes(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, "/", PHONE)
    menu_link = page.locator(".main-nav a", has_text="政府信息公开")
    assert not menu_link.is_visible()
    toggle = page.get_by_role("button", name="菜单")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "site-menu"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and menu_link.is_visible()
    assert page.get_by_role("button", name="长者模式").is_visible()
    menu_link.focus()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu_link.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "菜单"
    watch.assert_clean()
    context.close()


def test_phone_menu_works_without_javascript(live_portal, chromium):
    context, page, _ = _open(chromium, live_portal, "/", PHONE, java_script_enabled=False)
    menu_link = page.locator(".main-nav a", has_text="政府信息公开")
    assert not menu_link.is_visible()
    page.get_by_role("link", name="菜单").click()
    assert menu_link.is_visible()
    context.close()


def test_carousel_pauses_from_the_keyboard(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, "/", DESKTOP)
    carousel = page.locator("[data-carousel]")
    assert carousel.locator(".carousel__slide:visible").count() == 1
    carousel.evaluate("box => box.setAttribute('data-interval', '200')")
    rotation = carousel.locator("[data-carousel-rotation]")
    assert rotation.inner_text() == "暂停轮播"

    def current():
        return carousel.get_attribute("data-current")

    # keyboard focus inside stops rotation; Enter on the first control pauses it for good
    rotation.focus()
    page.keyboard.press("Enter")
    assert rotation.inner_text() == "开始轮播"
    assert page.locator("#carousel-slides").get_attribute("aria-live") == "polite"
    page.locator("#header-q").focus()  # focus leaves the carousel: still paused
    before = current()
    page.wait_for_timeout(900)
    assert current() == before
    # next slide from the keyboard
    carousel.get_by_role("button", name="下一张").focus()
    page.keyboard.press("Enter")
    assert current() != before
    # resumed: it turns by itself once focus and pointer are elsewhere
    rotation.focus()
    page.keyboard.press("Enter")
    assert rotation.inner_text() == "暂停轮播"
    page.locator("#header-q").focus()
    page.mouse.move(5, 5)
    seen = {current()}
    for _ in range(10):
        page.wait_for_timeout(150)
        seen.add(current())
    assert len(seen) > 1
    assert page.locator("#carousel-slides").get_attribute("aria-live") == "off"
    watch.assert_clean()
    context.close()


def test_carousel_does_not_turn_for_visitors_who_prefer_less_motion(live_portal, chromium):
    context, page, _ = _open(chromium, live_portal, "/", DESKTOP, reduced_motion="reduce")
    assert page.locator("[data-carousel-rotation]").inner_text() == "开始轮播"
    context.close()


@pytest.mark.parametrize("mode", [None, "high-contrast", "elder"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1920", "360"])
def test_axe_finds_no_wcag_violation(live_portal, chromium, item_path, mode, viewport):
    context = None
    for path in ("/", LISTING, item_path):
        if context:
            context.close()
        context, page, watch = _open(chromium, live_portal, path, viewport, mode=mode)
        if mode:
            assert page.evaluate(f"document.documentElement.classList.contains('{mode}')")
        violations = axe_violations(page)
        assert violations == [], f"{path} ({mode or 'normal'}):\n" + "\n".join(violations)
        watch.assert_clean()
    if mode == "elder" and viewport is DESKTOP:
        screenshot(page, "item-elder-1920")
    context.close()


def test_elder_mode_enlarges_text_and_targets_and_is_remembered(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, LISTING, DESKTOP)

    def link_size():
        return page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.item-list--column a')).fontSize)"
        )

    normal = link_size()
    button = page.get_by_role("button", name="长者模式")
    button.focus()
    page.keyboard.press("Space")  # keyboard-operable
    assert button.get_attribute("aria-pressed") == "true"
    page.goto(live_portal.url("/"))  # remembered on the next page
    assert page.get_by_role("button", name="长者模式").get_attribute("aria-pressed") == "true"
    page.goto(live_portal.url(LISTING))
    assert link_size() >= 1.5 * normal
    # click targets of the navigation, tools and lists at least 44 px (GB 适老化, WCAG 2.5.5)
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.main-nav a, .a11y-tools button, .item-list a, .sub-columns a, .pagination a, '
            + '.header-search button, .breadcrumbs a')).filter(el => el.offsetParent)
            .map(el => [el.textContent.trim(), el.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44).map(([t, r]) => t + ' ' + r.height)"""
    )
    assert small == []
    screenshot(page, "listing-elder-1920")
    # one column: the list takes the width the sub-columns shared
    subs = page.locator(".sub-columns").bounding_box()
    main = page.locator(".column-main").bounding_box()
    assert main["y"] > subs["y"] and main["width"] > 900
    watch.assert_clean()
    context.close()


SPEECH_SPY = """
window.__spoken = [];
const realSpeak = speechSynthesis.speak.bind(speechSynthesis);
speechSynthesis.speak = function (u) {
  window.__spoken.push(u.text);
  setTimeout(() => u.onend && u.onend(new Event('end')), 50);
};
"""


def test_read_aloud_uses_the_browsers_own_speech(live_portal, chromium, item_path):
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(SPEECH_SPY)
    page = context.new_page()
    watch = Watch(page, live_portal.base_url)
    page.goto(live_portal.url(item_path))
    title = page.locator("h1").inner_text()
    read = page.get_by_role("button", name="朗读全文")
    read.focus()
    page.keyboard.press("Enter")
    spoken = "".join(page.evaluate("window.__spoken"))
    assert spoken.startswith(title) and len(spoken) > len(title) + 20
    assert "主导航" not in spoken and "网站标识码" not in spoken  # the body, not the chrome
    page.wait_for_function(
        "() => document.querySelector('[data-read-aloud]').getAttribute('aria-pressed') === 'false'"
    )
    # 指读: what receives focus is read out, remembered across pages
    page.get_by_role("button", name="指读").click()
    page.goto(live_portal.url("/"))
    page.evaluate("window.__spoken = []")
    page.get_by_role("link", name="榕江要闻", exact=True).first.focus()
    assert "榕江要闻" in page.evaluate("window.__spoken")
    watch.assert_clean()  # no speech service of another host
    context.close()


def test_big_cursor_and_reading_crosshair_follow_and_persist(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, "/", DESKTOP)
    for name in ("大鼠标", "十字线"):
        page.get_by_role("button", name=name).focus()
        page.keyboard.press("Enter")
    page.reload()
    assert "cursor-arrow.svg" in page.evaluate("getComputedStyle(document.body).cursor")
    assert "cursor-hand.svg" in page.evaluate(
        "getComputedStyle(document.querySelector('.main-nav a')).cursor"
    )
    page.mouse.move(400, 300)
    lines = page.locator(".crosshair-line")
    assert lines.count() == 2
    assert lines.nth(0).evaluate("el => el.style.transform") == "translateY(300px)"
    assert lines.nth(1).evaluate("el => el.style.transform") == "translateX(400px)"
    assert lines.nth(0).get_attribute("aria-hidden") == "true"
    # keyboard users: the lines meet at the focused element
    page.locator("#header-q").focus()
    box = page.locator("#header-q").bounding_box()
    y = float(re.search(r"[\d.]+", lines.nth(0).evaluate("el => el.style.transform")).group())
    assert box["y"] <= y <= box["y"] + box["height"]
    screenshot(page, "home-crosshair-1920", full_page=False)
    # 重置 turns every mode off
    page.get_by_role("button", name="重置").click()
    assert lines.count() == 0
    assert "cursor-arrow" not in page.evaluate("getComputedStyle(document.body).cursor")
    watch.assert_clean()
    context.close()


def test_search_results_come_before_the_filters_on_a_phone(live_portal, chromium):
    context, page, watch = _open(chromium, live_portal, "/search/?q=%E6%A6%95%E6%B1%9F", PHONE)
    first = page.locator(".search-results .search-result").first.bounding_box()
    filters = page.locator(".search-filters").bounding_box()
    assert first["y"] < filters["y"]
    assert first["y"] < PHONE["height"]
    assert "{#" not in page.inner_text("body")
    _no_sideways_scroll(page)
    # the filters still belong to the search form
    page.select_option("#search-sort", index=1)
    page.get_by_role("button", name="按条件筛选").click()
    page.wait_for_load_state()
    assert "sort=" in page.url and "q=" in page.url
    screenshot(page, "phone-search", full_page=False)
    watch.assert_clean()
    context.close()
