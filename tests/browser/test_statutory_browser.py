"""The statutory disclosure pages in Chromium (issue 15 item 1), on the demo portal: the
公开指南, a 年报 and the 信息公开目录 at 1920 and 360 px — no horizontal scroll, the report's
tables reachable by keyboard, the catalogue's filters working — with screenshots under
var/screenshots/statutory/ for review."""

from pathlib import Path

import pytest

from tests.requirements import BASE_DIR

SCREENSHOTS = Path(BASE_DIR) / "var" / "screenshots" / "statutory"
WIDTHS = (1920, 360)


@pytest.fixture
def page_at(chromium):
    contexts = []

    def make(width):
        context = chromium.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield make
    for context in contexts:
        context.close()


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_guide_report_and_catalogue(live_portal, page_at, width):
    page = page_at(width)

    # 公开指南: reached from its column
    page.goto(live_portal.url("/zfxxgk/xxgkzn/"))
    page.locator(".item-list a", has_text="信息公开指南").first.click()
    assert page.locator("h1").inner_text() == "榕江县人民政府信息公开指南"
    assert page.locator("svg[role=img] title").text_content() == "依申请公开办理流程图"
    assert page.locator(".office-contact").get_by_text("0855-6612001").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF 版").click()
    assert download.value.suggested_filename == "政府信息公开申请表.pdf"
    assert no_horizontal_scroll(page)
    shot(page, f"guide-{width}")

    # 年报: the newest report of the column
    page.goto(live_portal.url("/zfxxgk/xxgknb/"))
    page.locator(".item-list a").first.click()
    assert page.locator("#table3 caption").inner_text().startswith("表三")
    assert page.locator("#table3 tbody tr").count() == 30
    region = page.locator(".report-table", has=page.locator("#table3"))
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("表三")
    assert no_horizontal_scroll(page)
    shot(page, f"annual-report-{width}")

    # 信息公开目录: linked from 政府信息公开; filter by 体裁, the choice stays selected
    page.goto(live_portal.url("/zfxxgk/"))
    page.get_by_role("link", name="按主题分类、体裁、发布机构和年份检索政府信息公开目录").click()
    total = page.locator(".result-count").inner_text()
    page.get_by_label("体裁").select_option("意见")
    page.get_by_label("标题、文号或索引号").fill("榕府发")
    page.get_by_role("button", name="筛选").click()
    assert page.get_by_label("体裁").input_value() == "意见"
    assert page.get_by_label("标题、文号或索引号").input_value() == "榕府发"
    assert page.locator(".result-count").inner_text() != total
    numbers = page.locator(".catalog-table [data-label=文号]").all_inner_texts()
    assert numbers and all(n.startswith("榕府发〔") for n in numbers)
    assert no_horizontal_scroll(page)
    shot(page, f"catalogue-{width}")

    page.goto(live_portal.url("/gfxwjk/?validity=废止"))
    validity = page.locator(".catalog-table [data-label=有效性]")
    assert validity.count() >= 1 and all(
        text.startswith("废止") for text in validity.all_inner_texts()
    )
    assert no_horizontal_scroll(page)
