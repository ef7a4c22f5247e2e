"""Helpers for the public-site browser tests: axe-core (vendored), the screenshots CI keeps,
and watching a page for console errors and requests to other hosts."""

from pathlib import Path
from urllib.parse import urlsplit

from tests.requirements import BASE_DIR

AXE = Path(__file__).with_name("vendor") / "axe-core" / "axe.min.js"
SCREENSHOTS = BASE_DIR / "var" / "screenshots"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each.

    The script is evaluated through the DevTools protocol, which the page's
    Content-Security-Policy (script-src 'self') does not govern, so no policy is loosened
    for the test."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        "opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": WCAG_21_AA}}
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def screenshot(page, name, full_page=True):
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


class Watch:
    """Console errors, uncaught exceptions and requests to any host but the portal's."""

    def __init__(self, page, base_url):
        self.host = urlsplit(base_url).netloc
        self.errors = []
        self.foreign = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("request", self._request)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.host:
            self.foreign.append(request.url)

    def assert_clean(self):
        assert self.errors == [], self.errors
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
