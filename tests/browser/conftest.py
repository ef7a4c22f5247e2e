"""Browser tests: Debian's Chromium driven by Playwright against a real portal.

The portal under test is a real gunicorn process serving its own database (a fresh SQLite
file, or a fresh PostgreSQL database on the server of the suite's DATABASE_URL), built with
``migrate`` and ``bootstrap_portal --demo`` exactly as ``make run`` does. Tests talk to it
through the browser; ``live_portal.manage(...)`` runs a management command against the same
database when a test needs to look behind the page.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import dj_database_url
import pytest

from tests.requirements import BASE_DIR, CHROMIUM, CHROMIUM_ARGS, require_chromium

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LivePortal:
    def __init__(self, base_url, env, process, workdir):
        self.base_url = base_url
        self.env = env
        self.process = process
        self.workdir = workdir

    def url(self, path="/"):
        return self.base_url + path

    def manage(self, *args, check=True):
        """Run ``manage.py`` against the live portal's database; returns stdout."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "-c", code)


def _database_url(workdir, suffix="browser"):
    suite_url = os.environ.get("DATABASE_URL", "")
    if suite_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        config = dj_database_url.parse(suite_url)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        name = f"{config['NAME']}_{suffix}{('_' + worker) if worker else ''}"
        admin = dict(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"] or "postgres",
            dbname="postgres",
            autocommit=True,
        )
        if config.get("PASSWORD"):
            admin["password"] = config["PASSWORD"]
        with psycopg.connect(**admin) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return suite_url.rsplit("/", 1)[0] + "/" + name
    return f"sqlite:///{workdir / 'browser.sqlite3'}"


@pytest.fixture(scope="session")
def live_portal():
    require_chromium()
    with running_portal() as portal:
        yield portal


@contextlib.contextmanager
def running_portal(extra_env=None, port=None, workers=2, name="browser"):
    """A gunicorn serving a freshly bootstrapped demo portal (also used by tests/stack)."""
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-{name}-"))
    port = port or _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": _database_url(workdir, name),
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_DIR": str(workdir / "cache"),
        "SECRET_KEY": "browser-test-key",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "PYTHONUNBUFFERED": "1",
        # the second factor has its own tests (tests/security/test_auth_2fa.py)
        "PORTAL_REQUIRE_2FA": "0",
        **(extra_env or {}),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for args in (["migrate", "--noinput", "-v0"], ["bootstrap_portal", "--demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(gunicorn),
            "-c",
            "portal/gunicorn.conf.py",  # as `make serve`: warm start in the master
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base_url + "/health/", timeout=2)
            break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(
                    "gunicorn did not start:\n" + (workdir / "gunicorn.log").read_text()[-4000:]
                )
            time.sleep(0.3)
    try:
        yield LivePortal(base_url, env, process, workdir)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


CSP_VIOLATIONS = []


def _watch_csp(context):
    """Chromium reports a Content-Security-Policy violation as a console error."""

    def on_console(message):
        if "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"{message.location.get('url', '')}: {message.text}")

    context.on("console", on_console)
    return context


@pytest.fixture(scope="session")
def chromium():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context
        browser.new_context = lambda *a, **kw: _watch_csp(new_context(*a, **kw))
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violation():
    """Every browser test fails on a CSP violation reported by any page it loaded."""
    CSP_VIOLATIONS.clear()
    yield
    violations, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert violations == [], "CSP violations:\n" + "\n".join(violations)


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def admin_login(page, live_portal, username, password):
    """Log in to the Wagtail admin through its real login form."""
    page.goto(live_portal.url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login" not in url)


def footer_action(page, selector):
    """An item of the page editor's action menu, opening the drop-up if needed."""
    target = page.locator(f"footer {selector}").first
    if not target.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
        target.wait_for()
        page.wait_for_timeout(400)  # the drop-up fades in: screenshots wait for it
    return target


def submit_editor_form(page, target):
    """Click a button that posts the page editor's form and wait for the post's answer.

    Waiting for the URL is not enough: Wagtail's autosave creates the page in the
    background and rewrites the address from .../add/... to .../edit/ (history API)
    before the button's own post has been answered; a test that moved on then would
    leave the post unfinished (seen in CI as an item never submitted for review)."""
    with page.expect_response(
        lambda response: (
            response.request.method == "POST" and response.request.resource_type == "document"
        )
    ):
        target.click()
    page.wait_for_load_state("load")
