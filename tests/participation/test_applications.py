"""依申请公开: the public form, its protection, the status page and the handler's views."""

import logging
import re

import pytest
from django.test import override_settings

from portal.participation import services
from portal.participation.models import (
    ApplicationEvent,
    ApplicationStatus,
    DisclosureApplication,
)
from tests.factories import UserFactory

from .conftest import VALID_ID, VALID_PHONE, application_post, wrong_check_digit

pytestmark = pytest.mark.django_db

APPLY = "/participation/apply/"


def submit(client, **overrides):
    return client.post(APPLY, application_post(client, **overrides))


def codes(response):
    html = response.content.decode()
    number = re.search(r'id="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'id="query-code">([^<]+)<', html).group(1)
    return number, code


def test_submit_gives_tracking_number_and_query_code(client, portal):
    response = submit(client)
    assert response.status_code == 200
    number, code = codes(response)
    app = DisclosureApplication.objects.get(tracking_number=number)
    assert app.status == ApplicationStatus.REGISTERED
    assert app.check_query_code(code) and not app.check_query_code("WRONGCODE")
    assert app.id_number == VALID_ID
    # a fresh browser finds it by both numbers only
    other = type(client)()
    assert other.get(f"/participation/status/{number}/").status_code == 302
    assert other.get("/participation/status/YSQ000/").status_code == 302
    wrong = other.post(
        "/participation/status/", {"tracking_number": number, "query_code": "AAAAAAAA"}
    )
    assert "申请编号或查询码不正确" in wrong.content.decode()
    found = other.post(
        "/participation/status/",
        {"tracking_number": number, "query_code": code.lower()},
        follow=True,
    )
    page = found.content.decode()
    assert "已登记，待确认接收" in page
    assert VALID_ID not in page and VALID_PHONE not in page and "王小明" not in page


def test_empty_form_shows_chinese_errors_and_stores_nothing(client, portal):
    response = client.post(APPLY, {"form_token": application_post(client)["form_token"]})
    html = response.content.decode()
    assert response.status_code == 200
    for message in (
        "请选择申请人类型",
        "请填写姓名或名称",
        "请填写证件号码",
        "请填写联系电话",
        "请填写所需信息的名称或内容描述",
        "请选择获取信息的形式",
    ):
        assert message in html
    assert DisclosureApplication.objects.count() == 0
    assert ApplicationEvent.objects.count() == 0


def test_wrong_check_digit_is_refused_and_input_kept(client, portal):
    bad = wrong_check_digit(VALID_ID)
    response = submit(client, id_number=bad, description="保留我输入的描述文字")
    html = response.content.decode()
    assert "校验位不正确" in html
    assert "保留我输入的描述文字" in html
    assert 'value="王小明"' in html
    assert DisclosureApplication.objects.count() == 0


def test_organisation_needs_kind_and_credit_code(client, portal):
    response = submit(
        client, applicant_type="organisation", organisation_kind="", id_type="resident_id"
    )
    html = response.content.decode()
    assert "请选择组织类别" in html
    assert "统一社会信用代码" in html
    assert DisclosureApplication.objects.count() == 0
    ok = submit(
        client,
        applicant_type="organisation",
        organisation_kind="legal",
        name="贵州某律师事务所",
        id_type="credit_code",
        id_number="91350100M000100Y43",
    )
    number, _code = codes(ok)
    assert DisclosureApplication.objects.get(tracking_number=number).stats_column == "legal"


def test_overlong_text_script_tags_and_emoji(client, portal):
    long_text = "长" * 10_000
    response = submit(client, description=long_text)
    assert "不能超过2000字（当前10000字）" in response.content.decode()
    assert DisclosureApplication.objects.count() == 0

    response = submit(client, name="<script>alert(1)</script>")
    html = response.content.decode()
    assert "只能包含汉字" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert DisclosureApplication.objects.count() == 0

    response = submit(client, name="王小明😀")
    assert "请勿填写特殊符号或表情" in response.content.decode()
    assert DisclosureApplication.objects.count() == 0

    # emoji and markup in free text are kept as typed and shown escaped
    text = "<script>alert('x')</script>请提供文件😀"
    number, _ = codes(submit(client, description=text))
    app = DisclosureApplication.objects.get(tracking_number=number)
    assert app.description == text


def test_replayed_form_is_stored_once(client, portal):
    data = application_post(client)
    first = client.post(APPLY, data)
    assert first.status_code == 200 and "tracking-number" in first.content.decode()
    again = client.post(APPLY, data)
    assert "该表单已经提交过" in again.content.decode()
    assert DisclosureApplication.objects.count() == 1
    tampered = client.post(APPLY, {**data, "form_token": data["form_token"] + "x"})
    assert "表单校验信息无效" in tampered.content.decode()
    assert DisclosureApplication.objects.count() == 1


def test_honeypot_stores_nothing(client, portal):
    response = submit(client, website="http://spam.example")
    assert "提交未通过校验" in response.content.decode()
    assert DisclosureApplication.objects.count() == 0


def test_csrf_is_enforced(portal):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    data = application_post(strict)
    assert strict.post(APPLY, data).status_code == 403
    assert DisclosureApplication.objects.count() == 0


@override_settings(PARTICIPATION_RATE_LIMITS={"apply": (3, 3600)})
def test_rate_limit_answers_429(client, portal):
    for _ in range(3):
        assert submit(client).status_code == 200
    response = submit(client)
    assert response.status_code == 429
    assert "提交得太频繁" in response.content.decode()
    assert DisclosureApplication.objects.count() == 3
    # another address is not affected
    assert client.post(APPLY, application_post(client), REMOTE_ADDR="10.1.2.3").status_code == 200


def test_handler_flow_and_status_page(client, portal, handler):
    number, code = codes(submit(client))
    app = DisclosureApplication.objects.get(tracking_number=number)
    client.force_login(handler)
    detail = f"/admin/participation/applications/{app.pk}/"
    page = client.get(detail).content.decode()
    assert VALID_ID in page and VALID_PHONE in page  # the handler's detail view only
    client.post(detail, {"action": "receive"})
    client.post(
        detail, {"action": "correction", "notice": "请写明文件的大致年份", "period_days": 15}
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.CORRECTION and app.received_on
    client.logout()

    client.post("/participation/status/", {"tracking_number": number, "query_code": code})
    status_url = f"/participation/status/{number}/"
    assert "请写明文件的大致年份" in client.get(status_url).content.decode()
    client.post(status_url, {"correction_text": "2025年的立项批复"})
    app.refresh_from_db()
    assert app.status == ApplicationStatus.PROCESSING and app.corrected_on

    client.force_login(handler)
    client.post(
        detail,
        {"action": "extend", "days": 10, "approver": "县政府办主任", "reason": "涉及多个部门"},
    )
    response = client.post(
        detail,
        {
            "action": "reply",
            "reply_type": "partial",
            "reply_text": "部分内容涉及第三方商业秘密，已删除后提供。",
        },
        follow=True,
    )
    assert "已答复" in response.content.decode()
    app.refresh_from_db()
    assert app.status == ApplicationStatus.REPLIED and app.extension_days == 10
    client.post(detail, {"action": "archive"})
    client.logout()
    client.post("/participation/status/", {"tracking_number": number, "query_code": code})
    status = client.get(status_url).content.decode()
    assert "部分公开" in status and "已删除后提供" in status and "已归档" in status


def test_admin_views_are_limited_to_handlers(client, portal, handler):
    app, _ = services.submit_application(
        {k: v for k, v in application_post(client).items() if k not in ("form_token", "website")},
        "nonce-1",
    )
    urls = [
        "/admin/participation/applications/",
        f"/admin/participation/applications/{app.pk}/",
        "/admin/participation/applications/export.csv",
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # login
    outsider = UserFactory(username="editor_no_group", groups=["站点管理员"])
    client.force_login(outsider)
    for url in urls:
        # Wagtail turns PermissionDenied into a redirect to the dashboard with an error
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert VALID_ID not in response.content.decode()
        if response.status_code == 302:
            assert response.url == "/admin/"
    assert client.post(urls[1], {"action": "receive"}).status_code in (302, 403)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.REGISTERED
    client.force_login(handler)
    for url in urls:
        assert client.get(url).status_code == 200


def test_no_id_number_in_logs_exports_or_public_pages(client, portal, handler, caplog):
    caplog.set_level(logging.DEBUG)
    response = submit(client)
    number, code = codes(response)
    bodies = [response.content.decode()]
    client.post("/participation/status/", {"tracking_number": number, "query_code": code})
    bodies.append(client.get(f"/participation/status/{number}/").content.decode())
    app = DisclosureApplication.objects.get(tracking_number=number)
    # a failing submission with the same ID also must not echo or log it elsewhere
    submit(client, phone="123")
    client.force_login(handler)
    detail = f"/admin/participation/applications/{app.pk}/"
    client.post(detail, {"action": "receive"})
    client.post(detail, {"action": "reply", "reply_type": "disclosed", "reply_text": "提供"})
    listing = client.get("/admin/participation/applications/").content.decode()
    export = client.get("/admin/participation/applications/export.csv")
    csv_text = b"".join(export.streaming_content if export.streaming else [export.content]).decode()
    assert number in csv_text and "王*" in csv_text
    from wagtail.models import ModelLogEntry

    audit = " ".join(f"{e.label} {e.data}" for e in ModelLogEntry.objects.all())
    assert number in audit
    for text in (caplog.text, csv_text, listing, audit, *bodies):
        assert VALID_ID not in text
        assert VALID_PHONE not in text
    assert app.masked_id in listing
    assert any(number in r.getMessage() for r in caplog.records)  # the logger did run
