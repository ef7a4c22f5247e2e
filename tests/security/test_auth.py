"""Authentication: lockout (django-axes), rate limits, Redis outage, passwords, sessions,
logout, password reset, production settings (issue 16, items 5, 9, 11, 15)."""

import datetime
import os
import socket
import subprocess
import sys
import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from portal.participation import protection
from portal.settings.base import caches_for
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.participation.test_messages import post_message
from tests.requirements import BASE_DIR

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(client):
    return "_auth_user_id" in client.session


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket is


# --- item 9: lockout by username and address, 15 minutes, records kept ------------------------
def test_lockout_by_username_and_address_lasts_fifteen_minutes(client):
    UserFactory(username="lockme", is_superuser=True, is_staff=True)
    for _ in range(5):
        login(client, "lockme", "wrong", ip="10.0.0.9")
    # the right password is refused from the attacker's address, with a Chinese page
    response = login(client, "LockMe", DEFAULT_PASSWORD, ip="10.0.0.9")
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()
    assert not logged_in(client)
    # 14 minutes later still locked (the file cache's incr used to make this 5 minutes)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=14))
    assert login(client, "lockme", DEFAULT_PASSWORD, ip="10.0.0.9").status_code == 429
    # the real user at their own address is not kept out
    response = login(client, "lockme", DEFAULT_PASSWORD, ip="10.0.0.20")
    assert response.status_code == 302 and logged_in(client)
    client.logout()
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert login(client, "lockme", DEFAULT_PASSWORD, ip="10.0.0.9").status_code == 302
    # every failure stays on record after the lockout ended (kept ≥ 6 months)
    assert AccessFailureLog.objects.filter(username="lockme").count() >= 5


def test_spraying_across_usernames_locks_the_address(client, settings):
    settings.PORTAL_LOGIN_IP_FAILURE_LIMIT = 8
    UserFactory(username="victim", is_staff=True)
    for n in range(8):
        login(client, f"guess{n}", "Password123!", ip="10.0.0.66")
    assert login(client, "victim", DEFAULT_PASSWORD, ip="10.0.0.66").status_code == 429
    assert login(client, "victim", DEFAULT_PASSWORD, ip="10.0.0.67").status_code == 302


def test_admin_unlock_and_password_reset_end_the_lockout(client):
    user = UserFactory(username="forgetful", is_staff=True)
    for _ in range(5):
        login(client, "forgetful", "wrong")
    assert login(client, "forgetful", DEFAULT_PASSWORD).status_code == 429
    call_command("axes_reset_username", "forgetful")
    assert login(client, "forgetful", DEFAULT_PASSWORD).status_code == 302
    client.logout()
    for _ in range(5):
        login(client, "forgetful", "wrong")
    assert login(client, "forgetful", DEFAULT_PASSWORD).status_code == 429
    user.set_password("Another-Pass-2027")  # what the password-reset form does
    user.save()
    assert login(client, "forgetful", "Another-Pass-2027").status_code == 302


def test_a_garbage_forwarded_address_does_not_break_login(client, settings):
    """PostgreSQL stores axes' addresses in an inet column: garbage must not answer 500."""
    settings.PARTICIPATION_TRUST_X_FORWARDED_FOR = True
    UserFactory(username="forwarded", is_staff=True)
    data = {"username": "forwarded", "password": "wrong"}
    assert client.post(LOGIN, data, HTTP_X_FORWARDED_FOR="not-an-ip").status_code == 200
    data["password"] = DEFAULT_PASSWORD
    assert client.post(LOGIN, data, HTTP_X_FORWARDED_FOR="not-an-ip").status_code == 302


def test_login_records_are_pruned_only_after_six_months():
    AccessFailureLog.objects.create(username="a", ip_address="10.0.0.1", user_agent="x")
    AccessFailureLog.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=200))
    AccessFailureLog.objects.create(username="b", ip_address="10.0.0.1", user_agent="x")
    with pytest.raises(Exception, match="六个月"):
        call_command("prune_login_records", "--older-than-days", "30")
    call_command("prune_login_records")
    assert list(AccessFailureLog.objects.values_list("username", flat=True)) == ["b"]


def test_rate_limit_window_does_not_restart_on_the_file_cache(tmp_path, rf, monkeypatch):
    """The file cache's incr gave the counter a fresh 5-minute timeout: after 5 idle minutes
    the hourly limit started again."""
    clock = [(time.time() // 3600) * 3600 + 5]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    with override_settings(
        CACHES=caches_for("", tmp_path), PARTICIPATION_RATE_LIMITS={"message": (3, 3600)}
    ):
        request = rf.post("/", REMOTE_ADDR="10.9.9.9")
        assert [protection.rate_limit_exceeded(request, "message") for _ in range(4)] == [
            False,
            False,
            False,
            True,
        ]
        clock[0] += 10 * 60  # ten quiet minutes, same hour
        assert protection.rate_limit_exceeded(request, "message")
        clock[0] += 3600  # the next hour
        assert not protection.rate_limit_exceeded(request, "message")


# --- item 5: Redis unreachable ------------------------------------------------------------
def test_forms_and_lockout_work_with_redis_unreachable(client, tmp_path):
    caches = caches_for(f"redis://127.0.0.1:{closed_port()}/9", tmp_path)
    with override_settings(CACHES=caches, PARTICIPATION_RATE_LIMITS={"message": (2, 3600)}):
        responses = [post_message(client).status_code for _ in range(3)]
        # saved twice (never a 500), then the limit still holds on the local cache
        assert responses[:2] == [200, 200] and responses[2] == 429
        UserFactory(username="redisless", is_staff=True)
        for _ in range(5):
            login(client, "redisless", "wrong")
        assert login(client, "redisless", DEFAULT_PASSWORD).status_code == 429


# --- item 15: passwords ----------------------------------------------------------------------
@pytest.mark.parametrize("weak", [" " * 10, "rongjiang1", "榕江县人民政府123", "Abcdefgh12"[:9]])
def test_weak_passwords_are_refused_in_chinese(portal, weak):
    with pytest.raises(ValidationError) as refused:
        validate_password(weak)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in refused.value.messages)


def test_site_names_are_refused_even_when_complex(portal):
    with pytest.raises(ValidationError, match="名称"):
        validate_password("Rong-榕江县-2026x")


def test_a_good_password_is_accepted(portal):
    validate_password("Qiandong-Mountain-7!")


def test_admin_password_form_shows_chinese_errors(client, portal):
    user = UserFactory(username="changer", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": "changer",
            "email": "c@example.gov.cn",
            "password1": "rongjiang1",
            "password2": "rongjiang1",
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    html = response.content.decode()
    assert "大写字母、小写字母、数字、符号" in html


# --- item 15: idle timeout, logout -----------------------------------------------------------
def test_editor_ping_does_not_keep_the_session_alive(client, portal):
    from wagtail.admin.models import EditingSession

    user = UserFactory(username="idle", is_staff=True, is_superuser=True)
    client.force_login(user)
    page = portal.home
    session = EditingSession.objects.create(
        user=user,
        content_type_id=page.content_type_id,
        object_id=str(page.pk),
        last_seen_at=timezone.now(),
    )
    key = client.session.session_key
    soon = timezone.now() + datetime.timedelta(minutes=1)
    Session.objects.filter(session_key=key).update(expire_date=soon)
    ping = f"/admin/editing-sessions/ping/wagtailcore/page/{page.pk}/{session.pk}/"
    for _ in range(3):
        assert client.post(ping).status_code == 200
    assert Session.objects.get(session_key=key).expire_date == soon
    client.get("/admin/")  # real activity moves the expiry on
    assert Session.objects.get(session_key=key).expire_date > soon + datetime.timedelta(hours=1)


def test_logout_only_by_post(client):
    user = UserFactory(username="stays", is_staff=True, is_superuser=True)
    client.force_login(user)
    assert client.get("/admin/logout/").status_code == 405
    assert client.get("/admin/").status_code == 200  # still logged in
    client.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302


# --- item 11: password reset ----------------------------------------------------------------
def test_password_reset_is_throttled_per_address_and_per_client(client):
    UserFactory(username="resetme", email="resetme@example.gov.cn", is_staff=True)
    url = "/admin/password_reset/"
    for _ in range(5):
        response = client.post(url, {"email": "resetme@example.gov.cn"}, REMOTE_ADDR="10.1.1.1")
        assert response.status_code == 302
    assert len(mail.outbox) == 3  # per e-mail address
    for n in range(5):
        client.post(url, {"email": f"other{n}@example.gov.cn"}, REMOTE_ADDR="10.1.1.2")
    response = client.post(url, {"email": "x@example.gov.cn"}, REMOTE_ADDR="10.1.1.2")
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()


# --- production settings ---------------------------------------------------------------------
LONG_KEY = "a-long-random-production-secret-key-for-the-check-0123456789"


def production_check(**env):
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "EMAIL_HOST")}
    base.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        PORTAL_DATA_KEY="a-long-random-personal-data-key-for-the-check-0123456789",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_production_refuses_short_secret_key_and_missing_smtp():
    short = production_check(SECRET_KEY="x" * 49, EMAIL_HOST="smtp.example.gov.cn")
    assert short.returncode != 0 and "至少需要 50 个字符" in short.stderr
    no_mail = production_check(SECRET_KEY=LONG_KEY)
    assert no_mail.returncode != 0 and "EMAIL_HOST" in no_mail.stderr
    console = production_check(
        SECRET_KEY=LONG_KEY,
        EMAIL_HOST="smtp.example.gov.cn",
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    assert console.returncode != 0 and "console" in console.stderr
    assert production_check(SECRET_KEY=LONG_KEY, PASSWORD_RESET_ENABLED="0").returncode == 0
    assert production_check(SECRET_KEY=LONG_KEY, EMAIL_HOST="smtp.example.gov.cn").returncode == 0
