"""依申请公开 end to end in Chromium: citizen applies, handler asks for 补正, citizen corrects,
handler extends and replies 部分公开, citizen reads the reply."""

import pytest

from home.demo_accounts import account
from tests.browser.conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
FIRST17 = "52263219851124302"
ID_NUMBER = (
    FIRST17 + "10X98765432"[sum(int(c) * w for c, w in zip(FIRST17, WEIGHTS, strict=True)) % 11]
)
PHONE = "13708551234"


def submit(page, selector):
    """Click a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def test_application_correction_extension_partial_reply(live_portal, chromium, browser_page):
    citizen = browser_page
    citizen.goto(live_portal.url("/participation/apply/"))
    form = citizen.locator("#apply-form")
    # an obvious mistake first: the server refuses it and keeps what was typed
    form.locator("input[name=applicant_type][value=natural]").check()
    citizen.fill("#id_name", "杨光明")
    citizen.select_option("#id_id_type", "resident_id")
    citizen.fill("#id_id_number", ID_NUMBER[:-1] + ("1" if ID_NUMBER[-1] != "1" else "2"))
    citizen.fill("#id_phone", PHONE)
    citizen.fill("#id_email", "ygm@example.com")
    citizen.fill("#id_address", "榕江县古州镇车江大道8号")
    citizen.fill("#id_description", "榕江县2025年农村公路建设项目的资金安排文件")
    citizen.select_option("#id_delivery_form", "electronic")
    citizen.select_option("#id_delivery_way", "email")
    submit(citizen, "#apply-form button[type=submit]")
    assert "校验位不正确" in citizen.content()
    assert citizen.input_value("#id_description") == "榕江县2025年农村公路建设项目的资金安排文件"
    citizen.fill("#id_id_number", ID_NUMBER)
    submit(citizen, "#apply-form button[type=submit]")
    tracking = citizen.inner_text("#tracking-number").strip()
    code = citizen.inner_text("#query-code").strip()
    assert tracking.startswith("YSQ") and len(code) == 8
    assert ID_NUMBER not in citizen.content()

    # the handler confirms receipt and asks for one correction
    handler_context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    handler = handler_context.new_page()
    handler.set_default_timeout(20_000)
    demo = account("disclosure_handler")
    admin_login(handler, live_portal, demo["username"], demo["password"])
    handler.goto(live_portal.url("/admin/participation/applications/"))
    assert ID_NUMBER not in handler.content()  # masked in the list
    submit(handler, f"text={tracking}")
    assert ID_NUMBER in handler.content()  # in full on the detail view only
    submit(handler, "#action-receive button")
    assert "已确认接收" in handler.content()
    handler.fill("#action-correction textarea[name=notice]", "请写明所需文件的具体项目名称或文号。")
    submit(handler, "#action-correction button")
    assert "待申请人补正" in handler.inner_text("#application-status")

    # the citizen looks the application up with both numbers, in a fresh browser
    citizen_context = chromium.new_context(locale="zh-CN")
    citizen2 = citizen_context.new_page()
    citizen2.set_default_timeout(20_000)
    citizen2.goto(live_portal.url("/participation/status/"))
    citizen2.fill("#id_tracking_number", tracking)
    citizen2.fill("#id_query_code", code)
    submit(citizen2, "#status-form button")
    assert "请写明所需文件的具体项目名称或文号" in citizen2.inner_text("#correction-notice")
    citizen2.fill("#id_correction_text", "榕江县2025年农村公路建设项目，文号榕交发〔2025〕8号")
    submit(citizen2, "#correction-form button")
    assert "已受理，办理中" in citizen2.inner_text("#application-status")

    # the handler extends (approver recorded) and replies 部分公开
    handler.reload()
    assert "榕交发〔2025〕8号" in handler.content()
    handler.fill("#action-extend input[name=days]", "10")
    handler.fill("#action-extend input[name=approver]", "县政府办公室主任")
    handler.fill("#action-extend textarea[name=reason]", "需要向多个乡镇调取资料")
    submit(handler, "#action-extend button")
    assert "已延期10个工作日（批准人：县政府办公室主任）" in handler.inner_text("#deadline")
    handler.select_option("#action-reply select[name=reply_type]", "partial")
    handler.fill(
        "#action-reply textarea[name=reply_text]",
        "所申请信息中涉及个人隐私的部分不予公开，其余部分随本答复一并提供。",
    )
    submit(handler, "#action-reply button")
    assert "已答复" in handler.inner_text("#application-status")

    # the citizen sees the reply on the status page
    citizen2.reload()
    reply = citizen2.inner_text("#reply")
    assert "部分公开" in reply and "其余部分随本答复一并提供" in reply
    assert ID_NUMBER not in citizen2.content() and PHONE not in citizen2.content()
    handler_context.close()
    citizen_context.close()

    log = (live_portal.workdir / "gunicorn.log").read_text()
    assert ID_NUMBER not in log and PHONE not in log
