"""Second factor (TOTP, django-otp): required for administrators (issue 16, item 18)."""

import re

import pytest
from django.contrib.auth.models import Permission
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.PORTAL_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting after the deliberately wrong codes


def token_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_login(client, username):
    response = client.post("/admin/login/", {"username": username, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def test_superuser_without_device_is_sent_to_enrolment_and_enrols(client):
    UserFactory(username="chief", is_superuser=True, is_staff=True)
    password_login(client, "chief")
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/setup/")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "设置双因素认证" in html and "<svg" in html  # QR code drawn on the server
    assert "http://" not in re.sub(
        r'xmlns="http://www\.w3\.org/2000/svg"', "", html.split("<svg")[1]
    )
    device = TOTPDevice.objects.get(user__username="chief", confirmed=False)
    wrong = client.post("/admin/2fa/setup/", {"token": "000000", "next": "/admin/pages/"})
    assert "验证码不正确" in wrong.content.decode()
    done = client.post("/admin/2fa/setup/", {"token": token_for(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_superuser_with_device_must_enter_a_valid_code(client):
    user = UserFactory(username="chief2", is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    password_login(client, "chief2")
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/2fa/verify/")
    assert "验证码不正确" in client.post("/admin/2fa/verify/", {"token": "123456"}).content.decode()
    assert client.get("/admin/").status_code == 302
    response = client.post("/admin/2fa/verify/", {"token": token_for(device), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_user_managers_need_it_by_permission_editors_do_not(client, portal):
    manager = UserFactory(username="hr", is_staff=True)
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_user"),
    )
    password_login(client, "hr")
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")
    client.logout()
    editor = UserFactory(username="plain", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    password_login(client, "plain")
    assert client.get("/admin/").status_code == 200
    # optional for others: once enrolled, the code is asked for
    client.logout()
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    password_login(client, "plain")
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/verify/")


def test_repeated_wrong_codes_are_throttled(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    user = UserFactory(username="chief4", is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    password_login(client, "chief4")
    client.post("/admin/2fa/verify/", {"token": "000000"})
    response = client.post("/admin/2fa/verify/", {"token": token_for(device)})
    assert "请稍后再试" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_next_cannot_point_to_another_host(client):
    user = UserFactory(username="chief3", is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    password_login(client, "chief3")
    response = client.post(
        "/admin/2fa/verify/", {"token": token_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"
