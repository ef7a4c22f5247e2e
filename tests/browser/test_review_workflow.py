"""The editorial workflow in a real browser: the demo department editor writes a news item
with a blocked wording error, sees the automatic check's finding, corrects it and resubmits;
the three demo reviewers approve; the article appears on the public column page."""

import re

import pytest

from home.demo_accounts import account
from tests.browser.conftest import admin_login, footer_action, submit_editor_form

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TITLE_WITH_ERROR = "截止目前县财政局已完成年度预算执行通报"
TITLE_FIXED = "截至目前县财政局已完成年度预算执行通报"
BODY = "县财政局召开预算执行情况通报会，通报了全县一般公共预算执行情况。"


def login_as(page, live_portal, username):
    page.context.clear_cookies()
    creds = account(username)
    admin_login(page, live_portal, creds["username"], creds["password"])


def click_action(page, selector):
    """Click an item of the page editor's action menu and wait for its post's answer."""
    submit_editor_form(page, footer_action(page, selector))


def add_paragraph(page, text):
    page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="正文段落").click()
    editor = page.locator("[data-contentpath='body'] [contenteditable='true']").first
    editor.click()
    page.keyboard.type(text)
    # Draftail writes the block's value into its hidden input; wait until it has the text
    page.wait_for_function(
        "t => (document.querySelector('input[name=\"body-0-value\"]') || {}).value?.includes(t)",
        arg=text[:6],
    )


def shell_value(live_portal, code):
    """The last line ``manage.py shell -c`` prints (it may announce its auto-imports first)."""
    return live_portal.shell(code).strip().splitlines()[-1].strip()


def edit_url_of(live_portal, title):
    code = (
        "from wagtail.models import Page;"
        f"print(Page.objects.filter(title={title!r}).order_by('-pk').first().pk)"
    )
    return live_portal.url(f"/admin/pages/{shell_value(live_portal, code)}/edit/")


def approve(page, live_portal, username, edit_url, comment=None):
    login_as(page, live_portal, username)
    page.goto(edit_url)
    click_action(
        page, "[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )


def test_editor_to_public_column_through_three_reviews(live_portal, browser_page):
    page = browser_page
    column_id = shell_value(
        live_portal,
        "from portal.units.models import Unit;print(Unit.objects.get(slug='czj', site__is_default_site=True).news_column_id)",
    )

    # the department editor writes an item with a blocked wording error and submits it
    login_as(page, live_portal, "dept_editor")
    page.goto(live_portal.url(f"/admin/pages/add/news/newspage/{column_id}/"))
    page.fill("input[name=title]", TITLE_WITH_ERROR)
    page.evaluate("document.querySelector('input[name=slug]').value = 'yusuan-tongbao'")
    add_paragraph(page, BODY)
    click_action(page, "button[name='action-submit']")

    # the automatic check rejected it at once; the editor sees the finding
    edit_url = edit_url_of(live_portal, TITLE_WITH_ERROR)
    page.goto(edit_url)
    findings = page.locator(".review-findings").first
    findings.wait_for()
    text = findings.inner_text()
    assert "“截止目前”应改为“截至目前”" in text
    assert "截止目前县财政局" in text  # the offending text with its context

    # corrects it and resubmits
    page.fill("input[name=title]", TITLE_FIXED)
    click_action(page, "button[name='action-submit']")
    page.goto(edit_url)
    assert page.locator(".review-findings").count() == 0

    # the editor cannot approve their own item
    assert page.locator("[data-workflow-action-name='approve']").count() == 0

    # 本单位审核, 保密审查, 终审
    for username in ("unit_reviewer", "secrecy_reviewer", "final_reviewer"):
        approve(page, live_portal, username, edit_url)

    # the article is on the public column page with its publication time
    page.context.clear_cookies()
    page.goto(live_portal.url("/xwdt/bmdt/czj/"))
    link = page.get_by_role("link", name=TITLE_FIXED)
    assert link.count() == 1
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == TITLE_FIXED
    meta = page.locator(".article-meta").inner_text()
    assert re.search(r"发布时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta), meta
