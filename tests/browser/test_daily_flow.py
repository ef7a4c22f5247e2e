"""The daily flow in Chromium, as each demo role (issue 11, acceptance): the department editor
writes an item and submits it; 本单位审核, 保密审查 and 终审 each approve with a comment (the
review modal, with the editor's autosave running); the item is published; 终审 withdraws it
(撤稿) with an internal reason and a public notice; the other roles open their desks.

Every page the walk loads must show no console error, no failed request (4xx/5xx or network
error in the network log that the user did not cause: the walk's only such request is the
withdrawn URL's 410), no English UI string outside the allow-list of
tests/foundation/test_admin_language.py, and no request to another host.

Screenshots of the key steps are written to var/screenshots/manual/ for the editors' manual
(docs/manual/README.md; a few are committed, shrunk, under docs/manual/img/).
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from home.demo_accounts import DEMO_ACCOUNTS, account
from tests.browser.conftest import admin_login, footer_action, submit_editor_form
from tests.foundation.test_admin_language import VISIBLE_ATTRS, english_phrases
from tests.requirements import BASE_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(BASE_DIR) / "var" / "screenshots" / "manual"
TITLE = "县财政局召开2026年一季度预算执行情况通报会"
BODY = "会议通报了全县一季度一般公共预算执行情况，部署下一阶段财政重点工作。"
REVIEWS = [
    ("unit_reviewer", "内容属实，数据已与预算股核对，同意。"),
    ("secrecy_reviewer", "经审查不涉及国家秘密和工作秘密，同意公开。"),
    ("final_reviewer", "同意发布。"),
]
REASON = "内部原因：通报数据口径调整，须重新核对后再发布"
NOTICE = "该信息已撤销，更新后的通报将另行发布。"


VISIBLE_TEXT_JS = """attrs => {
  const out = [];
  const shown = el => el.checkVisibility({visibilityProperty: true, opacityProperty: false});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName)) continue;
    const visible = shown(el);
    const labelled = attrs.filter(a => el.hasAttribute(a));
    // a screen reader reads labels of visible elements, and of visually-hidden text
    if (visible || el.closest('.visually-hidden, .w-sr-only, .sr-only')) {
      for (const a of labelled) out.push(el.getAttribute(a));
      for (const node of el.childNodes) {
        if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) out.push(node.textContent);
      }
    }
    if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type) && visible) out.push(el.value);
  }
  return out;
}"""


class Walk:
    """Watches every page of one browser context and collects what a user would notice."""

    def __init__(self, page, live_portal):
        self.page = page
        self.host = urlsplit(live_portal.base_url).netloc
        self.problems = []
        self.expected_status = {}  # path -> status the user's own action causes
        self.step = "start"
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.note(f"script error: {error}"))
        page.on("response", self.on_response)
        page.on("requestfailed", self.on_request_failed)
        page.on("request", self.on_request)

    def note(self, problem):
        self.problems.append(f"[{self.step}] {problem}")

    def on_console(self, message):
        if message.type != "error":
            return
        where = message.location.get("url", "")
        expected = self.expected_status.get(urlsplit(where).path)
        if expected and f"status of {expected}" in message.text:
            return  # Chromium logs the user's own 410 as a console error
        self.note(f"console error: {message.text} ({where})")

    def on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.host:
            self.note(f"request to another host: {request.url}")

    def on_response(self, response):
        path = urlsplit(response.url).path
        request = response.request
        if (
            response.status == 400
            and request.method == "POST"
            and "application/json" in (request.headers.get("accept") or "")
        ):
            # Wagtail 7's autosave posts the half-typed form every 500 ms and is answered
            # 400 with the form's errors (a required field still empty): the editor sees
            # only the autosave indicator; the real save below must succeed
            self.expected_status[path] = 400
            return
        if response.status >= 400 and self.expected_status.get(path) != response.status:
            self.note(f"{response.request.method} {response.url} answered {response.status}")

    def on_request_failed(self, request):
        failure = request.failure or ""
        # a request the browser drops because the user navigated on is not a failure
        if "ERR_ABORTED" not in failure:
            self.note(f"{request.method} {request.url} failed: {failure}")

    def check_language(self):
        """The detector of the admin crawl (tests/foundation/test_admin_language.py), on
        what the user sees: the text and labelled attributes of the visible elements, as
        the page's scripts drew them (hidden widgets' templates are not seen)."""
        fragments = self.page.evaluate(VISIBLE_TEXT_JS, sorted(VISIBLE_ATTRS))
        for phrase in sorted(english_phrases(fragments)):
            self.note(f"English on {urlsplit(self.page.url).path}: {phrase!r}")

    def goto(self, path, step=None):
        self.step = step or path
        self.page.goto(path if path.startswith("http") else self.base(path))
        self.page.wait_for_load_state("networkidle")
        self.check_language()

    def base(self, path):
        return f"http://{self.host}{path}"

    def settle(self):
        self.page.wait_for_load_state("networkidle")
        self.check_language()

    def shot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    def leave(self):
        """Leave the page before dropping the session, as a user closing the tab would:
        the editor's unload beacon (editing-sessions/release) goes out with its cookies."""
        self.page.goto("about:blank")
        self.page.wait_for_timeout(1000)  # the beacon is sent after the page has gone
        self.page.context.clear_cookies()

    def login(self, live_portal, username):
        self.step = f"login {username}"
        self.leave()
        creds = account(username)
        admin_login(self.page, live_portal, creds["username"], creds["password"])
        self.settle()


def shell_value(live_portal, code):
    return live_portal.shell(code).strip().splitlines()[-1].strip()


def write_item(walk, column_id):
    page = walk.page
    walk.goto(f"/admin/pages/add/news/newspage/{column_id}/", "editor writes")
    page.fill("input[name=title]", TITLE)
    walk.shot("03-write-title")
    page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="正文段落").click()
    editor = page.locator("[data-contentpath='body'] [contenteditable='true']").first
    editor.click()
    page.keyboard.type(BODY)
    page.wait_for_function(
        "t => (document.querySelector('input[name=\"body-0-value\"]') || {}).value?.includes(t)",
        arg=BODY[:6],
    )
    walk.shot("04-write-body")
    submit = footer_action(page, "button[name='action-submit']")
    walk.shot("05-submit")
    submit_editor_form(page, submit)
    walk.settle()
    walk.shot("06-submitted")


def review_with_comment(walk, edit_path, comment, shot=False):
    page = walk.page
    walk.goto(edit_path, f"review {comment[:6]}")
    approve = footer_action(
        page, "[data-workflow-action-name='approve'][data-workflow-action-modal-url]"
    )
    approve.wait_for()
    if shot:
        walk.shot("07-review")  # the action menu: 审核通过, 审核通过并填写意见, 退回修改
    approve.click()
    modal = page.locator(".modal-content")
    modal.locator("textarea[name=comment]").fill(comment)
    if shot:
        walk.shot("08-review-comment")
    with page.expect_navigation():
        modal.locator("button[type=submit]").click()
    walk.settle()


def test_every_role_walks_the_daily_flow(live_portal, browser_page):
    page = browser_page
    walk = Walk(page, live_portal)
    server_log = Path(live_portal.workdir) / "gunicorn.log"
    log_start = server_log.stat().st_size if server_log.exists() else 0
    column_id = shell_value(
        live_portal,
        "from portal.units.models import Unit;print(Unit.objects.get(slug='czj', site__is_default_site=True).news_column_id)",
    )

    # 登录 and 工作台
    walk.goto("/admin/login/", "login page")
    walk.shot("01-login")
    walk.login(live_portal, "dept_editor")
    walk.shot("02-dashboard")

    # the editor writes and submits
    write_item(walk, column_id)
    page_id = shell_value(
        live_portal,
        f"from wagtail.models import Page;print(Page.objects.get(title={TITLE!r}).pk)",
    )
    edit_path = f"/admin/pages/{page_id}/edit/"

    # the three reviews, each with a comment
    for number, (username, comment) in enumerate(REVIEWS):
        walk.login(live_portal, username)
        review_with_comment(walk, edit_path, comment, shot=number == 0)

    # published: the public page, without logging out of the admin
    url = shell_value(
        live_portal,
        f"from wagtail.models import Page;p=Page.objects.get(pk={page_id});"
        "print(p.live, p.get_url_parts()[2])",
    )
    live, public_path = url.split()
    assert live == "True", "the third approval did not publish the item"
    walk.goto(public_path, "public page")
    assert TITLE in page.locator("h1").inner_text()
    walk.shot("09-published")

    # 撤稿 by 终审 (review.withdraw_page)
    walk.login(live_portal, "final_reviewer")
    walk.goto(edit_path, "withdraw")
    footer_action(page, "a[href*='/review/withdraw/']").click()
    page.wait_for_url(re.compile(r"/admin/review/withdraw/\d+/"))
    walk.settle()
    page.fill("textarea[name=reason]", REASON)
    page.fill("textarea[name=public_notice]", NOTICE)
    walk.shot("10-withdraw")
    with page.expect_navigation():
        page.click("button[name=confirm]")
    walk.settle()

    # the old address answers 410 with the public notice only (the user caused this 410)
    walk.expected_status[public_path] = 410
    walk.leave()
    walk.goto(public_path, "withdrawn page")
    text = page.locator("body").inner_text()
    assert NOTICE in text and REASON not in text
    walk.shot("11-withdrawn-public")

    # the audit report lists each review's comment and the withdrawal
    walk.login(live_portal, "admin")
    walk.goto("/admin/reports/review-audit/", "audit report")
    audit = page.locator("main").inner_text()
    for _username, comment in REVIEWS:
        assert comment in audit, comment
    assert REASON in audit
    walk.shot("12-audit")

    # the other roles' desks: 依申请公开, 留言, the town editor
    walk.login(live_portal, "disclosure_handler")
    walk.goto("/admin/participation/applications/", "applications")
    walk.shot("13-applications")
    for username in {entry[0] for entry in DEMO_ACCOUNTS} - {
        "dept_editor",
        "unit_reviewer",
        "secrecy_reviewer",
        "final_reviewer",
        "admin",
        "disclosure_handler",
    }:
        walk.login(live_portal, username)
        walk.goto("/admin/", f"dashboard {username}")

    # what the browser may not see (a background request dropped when the page moved on):
    # the server logs every 4xx/5xx it answers (Django's request logger, DEBUG on)
    if server_log.exists():
        with open(server_log, encoding="utf-8", errors="replace") as fh:
            fh.seek(log_start)
            for line in fh:
                if line.startswith(("Internal Server Error:", "Bad Request:", "Forbidden")):
                    if not any(path in line for path in walk.expected_status):
                        walk.problems.append(f"[server log] {line.strip()}")
    assert not walk.problems, "\n".join(walk.problems)
