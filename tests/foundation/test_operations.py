"""Operations: health endpoint, production settings, error pages (login lockout:
tests/security/test_auth.py)."""

import os
import subprocess
import sys

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
        "EMAIL_HOST": "smtp.example.gov.cn",
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


def test_admin_is_in_chinese(admin_client):
    html = admin_client.get("/admin/pages/").content.decode()
    assert 'lang="zh-hans"' in html.lower()
    assert "页面" in html


def test_server_error_page_is_chinese(client, settings):
    from portal.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "服务器暂时出现问题" in response.content.decode()
