"""Content-Security-Policy and Permissions-Policy on every response, with the production
settings (issue 16, item 18; acceptance: `curl -I` shows both), and no inline script in the
portal's own templates and static files."""

import importlib
import re
import sys

import pytest
from django.test import override_settings

from tests import factories
from tests.requirements import BASE_DIR

pytestmark = pytest.mark.django_db

# what the test database and files need; everything else comes from production.py
KEEP = {"DATABASES", "CACHES", "STORAGES", "MEDIA_ROOT", "PASSWORD_HASHERS", "EMAIL_BACKEND"}


@pytest.fixture
def production_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 64)
    monkeypatch.setenv("PASSWORD_RESET_ENABLED", "0")
    monkeypatch.setenv("PORTAL_DATA_KEY", "d" * 48)
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    # a fresh import of base and production, reading this environment
    saved = {name: sys.modules.pop(name, None) for name in ("portal.settings.base",)}
    sys.modules.pop("portal.settings.production", None)
    module = importlib.import_module("portal.settings.production")
    sys.modules.pop("portal.settings.production", None)
    sys.modules.update({k: v for k, v in saved.items() if v is not None})
    # the package's attributes point at the fresh modules: point them back, or a later
    # importlib.reload(portal.settings.base) finds a module missing from sys.modules
    import portal.settings

    if saved["portal.settings.base"] is not None:
        portal.settings.base = saved["portal.settings.base"]
    if hasattr(portal.settings, "production"):
        del portal.settings.production
    values = {k: getattr(module, k) for k in dir(module) if k.isupper() and k not in KEEP}
    values["ALLOWED_HOSTS"] = ["testserver"]
    values["PORTAL_REQUIRE_2FA"] = True
    with override_settings(**values):
        yield values


def assert_headers(response, admin=False):
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    # no inline script, no eval; the admin's own inline scripts carry the request's nonce
    # (portal/core/csp.py), the public site has none
    script_src = directives["script-src"]
    assert script_src[0] == "'self'", csp
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, csp
    if admin:
        assert all(value.startswith("'nonce-") for value in script_src[1:]), csp
    else:
        assert script_src == ["'self'"], csp
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "frame-ancestors" in directives
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_every_kind_of_response_has_csp_and_permissions_policy(client, portal, production_settings):
    # plain HTTP: the redirect to HTTPS already carries them (what `curl -I` shows)
    redirect = client.get("/")
    assert redirect.status_code == 301
    assert_headers(redirect)
    for path in ("/", "/search/?q=通知", "/no-such-page/", "/static/js/portal.js"):
        response = client.get(path, secure=True)
        assert response.status_code in (200, 404), path
        assert_headers(response)
    assert_headers(client.get("/admin/login/", secure=True), admin=True)
    head = client.head("/", secure=True)
    assert_headers(head)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


NONCED_SCRIPT = re.compile(r"<script\{% script_nonce %\}>")
# the overridden Wagtail / wagtail-localize templates whose one inline script carries the nonce
ADMIN_OVERRIDES = ("wagtailadmin", "wagtail_localize")


def test_portal_templates_have_no_inline_script():
    offenders = []
    for path in (BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        relative = path.relative_to(BASE_DIR / "templates")
        if relative.parts[0] in ADMIN_OVERRIDES:
            text = NONCED_SCRIPT.sub("", text)
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text) or "javascript:" in text:
            offenders.append(str(path.relative_to(BASE_DIR)))
    assert offenders == []


def test_every_inline_script_of_the_admin_carries_the_nonce(admin_client, portal):
    """The page editor (choosers, date pickers, inline panels): each inline script has the
    nonce of the header; nothing else would run."""
    from portal.core.columns import ColumnKey

    news = factories.make_news(portal.column(ColumnKey.NEWS_HEADLINES), title="县政府召开常务会议")
    pages = [
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/add/news/newspage/{news.get_parent().pk}/",
        "/admin/images/",
        "/admin/",
    ]
    for path in pages:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        header = response["Content-Security-Policy"]
        nonces = re.findall(r"'nonce-([^']+)'", header)
        html = response.content.decode()
        scripts = INLINE_SCRIPT.findall(html)
        for tag in scripts:
            assert nonces and f'nonce="{nonces[0]}"' in tag, (path, tag)
        if path.endswith("/edit/"):
            assert scripts, "the page editor writes inline scripts (choosers, date pickers)"
