"""Operations: health endpoint, production settings, login lockout, error pages."""

import os
import subprocess
import sys

from django.core.cache import cache

from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.requirements import BASE_DIR


def test_health_endpoint(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_deploy_check_is_clean():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789",
        "PORTAL_DATA_KEY": "a-long-random-personal-data-key-for-the-check-0123456789",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_login_locks_after_repeated_failures(client, db):
    cache.clear()
    user = UserFactory(username="lockme", is_superuser=True, is_staff=True)
    for _ in range(5):
        response = client.post("/admin/login/", {"username": "lockme", "password": "wrong"})
        assert response.status_code == 200
    # the right password is refused while the account is locked
    response = client.post("/admin/login/", {"username": "lockme", "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    cache.clear()
    response = client.post("/admin/login/", {"username": "lockme", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_admin_is_in_chinese(admin_client):
    html = admin_client.get("/admin/pages/").content.decode()
    assert 'lang="zh-hans"' in html.lower()
    assert "页面" in html


def test_server_error_page_is_chinese(client, settings):
    from portal.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "服务器暂时出现问题" in response.content.decode()
