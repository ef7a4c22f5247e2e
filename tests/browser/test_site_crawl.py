"""The whole Chinese demo site, crawled (issue 15 acceptance).

An HTTP crawl from the home page and sitemap.xml follows every link and asset on the site
(href/src/srcset, the CSS's url()s, attachments): none answers 4xx/5xx, no link points at the
site's own configured host instead of the one the reader came from, and sitemap.xml lists
exactly the live public pages — drafts and withdrawn pages are neither listed nor served.
Then one page of every page type (by its Wagtail content type, the richest one the crawl
found), every top-level column and every non-page view (search, 网站地图, 留言, 依申请公开)
are opened in Chromium at 1920 and 360 px in the normal, 高对比 and 长者模式 views: no console
error, no request to another host, no sideways scroll, and axe-core finds no WCAG 2.1 AA
violation. Screenshots of each page type land in var/screenshots/types/."""

import collections
import json
import re
import threading
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.browser.a11y import Watch, axe_violations, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 360, "height": 740}
MAX_URLS = 5000  # the demo has under a thousand; a runaway link pattern stops here
PAGINATION = re.compile(r"[?&]page=(\d+)")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

FACTS = """
import json
from wagtail.models import Page, Site, get_page_models
site = Site.objects.get(is_default_site=True)
tree = site.root_page.get_descendants(inclusive=True)
public = set(tree.live().public().values_list("pk", flat=True))
pages = []
for page in tree.select_related("content_type").order_by("path"):
    pages.append({
        "path": page.relative_url(site),
        "type": page.content_type.app_label + "." + page.content_type.model,
        "live": page.live,
        "public": page.pk in public,
        "top": page.depth == site.root_page.depth + 1,
    })
types = sorted(m._meta.label_lower for m in get_page_models() if m is not Page)
print("FACTS " + json.dumps({"hostname": site.hostname, "pages": pages, "types": types}))
"""


@pytest.fixture(scope="module")
def facts(live_portal):
    """The default site's pages as the database knows them: path, content type, live, public."""
    out = live_portal.shell(FACTS)
    line = next(line for line in out.splitlines() if line.startswith("FACTS "))
    return json.loads(line[len("FACTS ") :])


class Crawl:
    def __init__(self, live_portal, own_hostname):
        import requests

        self.base = live_portal.base_url
        self.host = urlsplit(self.base).netloc
        self.own_hostname = own_hostname
        self.session = requests.Session()
        self.status = {}  # path -> HTTP status
        self.html = {}  # path -> size of the HTML page
        self.referrers = collections.defaultdict(set)
        self.own_host_links = collections.defaultdict(set)  # absolute link -> pages
        self.queue = collections.deque()
        self.local = threading.local()  # one HTTP session per crawling thread

    def sitemap(self):
        response = self.session.get(self.url("/sitemap.xml"), timeout=30)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        return [loc.text for loc in root.iter(SITEMAP_NS + "loc")]

    def url(self, path):
        return self.base + path

    def add(self, link, referrer):
        link = urldefrag(urljoin(self.url(referrer), link.strip()))[0]
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https"):
            return  # mailto:, tel:, javascript: …
        if parts.netloc != self.host:
            if parts.hostname == self.own_hostname:
                self.own_host_links[link].add(referrer)
            return  # another host: the footer's 备案 and 找错 links, 政务服务网 …
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/admin/"):
            return
        page = PAGINATION.search(path)
        if page and int(page.group(1)) > 2:
            return  # every page is reached through sitemap.xml; page 3+ of a list adds nothing
        self.referrers[path].add(referrer)
        if path not in self.status and len(self.status) < MAX_URLS:
            self.status[path] = None
            self.queue.append(path)

    def run(self, seeds):
        import lxml.html

        for seed in seeds:
            self.add(seed, "/")
        # a few requests at a time keep both of the portal's workers busy
        with ThreadPoolExecutor(max_workers=3) as pool:
            while self.queue:
                batch = list(self.queue)
                self.queue.clear()
                for path, response in zip(batch, pool.map(self.fetch, batch), strict=True):
                    self.read(path, response, lxml.html)

    def fetch(self, path):
        import requests

        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
        return self.local.session.get(self.url(path), allow_redirects=False, timeout=60)

    def read(self, path, response, lxml_html):
        self.status[path] = response.status_code
        if response.is_redirect:
            self.add(response.headers["Location"], path)
            return
        kind = response.headers.get("Content-Type", "")
        if response.status_code != 200:
            return
        if kind.startswith("text/css"):
            for link in CSS_URL.findall(response.text):
                if not link.startswith("data:"):
                    self.add(link, path)
        if not kind.startswith("text/html") or path.startswith("/en/"):
            return  # the English mini-site has its own tests; its links are only checked
        self.html[path] = len(response.content)
        doc = lxml_html.fromstring(response.content)
        for element in doc.iter():
            for attribute in ("href", "src", "poster", "data-src"):
                if element.get(attribute):
                    self.add(element.get(attribute), path)
            for candidate in (element.get("srcset") or "").split(","):
                if candidate.strip():
                    self.add(candidate.split()[0], path)

    def broken(self):
        return {
            path: (code, sorted(self.referrers[path])[:3])
            for path, code in self.status.items()
            if code is None or code >= 400
        }


@pytest.fixture(scope="module")
def crawl(live_portal, facts):
    crawl = Crawl(live_portal, facts["hostname"])
    sitemap = crawl.sitemap()
    crawl.sitemap_urls = sitemap
    crawl.run(["/", "/robots.txt", "/search/?q=榕江"] + [urlsplit(url).path for url in sitemap])
    return crawl


def test_no_link_or_asset_on_the_site_is_broken(crawl):
    assert len(crawl.html) > 50, "the crawl found hardly any page"
    assert any(path.startswith("/static/") for path in crawl.status)
    assert any(path.startswith("/documents/") for path in crawl.status), "no attachment checked"
    broken = crawl.broken()
    assert broken == {}, "broken links (status, linked from):\n" + "\n".join(
        f"{code} {path} ← {', '.join(refs)}" for path, (code, refs) in sorted(broken.items())
    )


def test_links_within_the_site_stay_on_the_readers_host(crawl):
    """A link written absolute to the site's configured host sends a reader who came by
    another name (the IP, an alias, https) elsewhere."""
    links = {link: sorted(refs)[:3] for link, refs in crawl.own_host_links.items()}
    assert links == {}, links


def test_sitemap_lists_every_live_public_page_and_nothing_else(crawl, facts):
    listed = [urlsplit(url).path for url in crawl.sitemap_urls]
    assert len(listed) == len(set(listed)), "a page listed twice"
    public = {page["path"] for page in facts["pages"] if page["live"] and page["public"]}
    assert set(listed) == public
    assert all(crawl.status[path] == 200 for path in listed)
    # what a reader reaches by links is listed too
    page_paths = {page["path"] for page in facts["pages"]}
    unlisted = sorted(set(crawl.html) & page_paths - set(listed))
    assert unlisted == []
    # drafts and withdrawn pages: not listed, not served, not linked
    hidden = [page["path"] for page in facts["pages"] if not page["live"]]
    for path in hidden:
        assert path not in crawl.referrers, f"{path} is not live but linked"
    for path in hidden[:20]:
        response = crawl.session.get(crawl.url(path), allow_redirects=False, timeout=30)
        assert response.status_code in (404, 410), (path, response.status_code)


@pytest.fixture(scope="module")
def samples(crawl, facts):
    """Path → why it is visited: one page of every page type (the largest the crawl found,
    which carries the most blocks, tables and attachments), every top-level column, and one
    of each non-page HTML view."""
    by_path = {page["path"]: page for page in facts["pages"]}
    chosen = {}
    best = {}
    for path, size in crawl.html.items():
        page = by_path.get(path)
        if page and page["live"] and page["public"]:
            if page["type"] not in best or size > crawl.html[best[page["type"]]]:
                best[page["type"]] = path
    for kind, path in sorted(best.items()):
        chosen.setdefault(path, kind)
    for page in facts["pages"]:
        if page["top"] and page["live"] and page["public"]:
            chosen.setdefault(page["path"], "top-level column")
    views = {}
    for path in crawl.html:
        route = urlsplit(path).path
        if route not in by_path and not route.startswith("/en/"):
            views.setdefault(route, path)
    for path in views.values():
        chosen.setdefault(path, "view")
    return chosen


def test_the_demo_has_a_live_page_of_every_page_type(samples, facts):
    """Otherwise the browser test below cannot visit that type."""
    missing = sorted(set(facts["types"]) - set(samples.values()))
    assert missing == [], f"page types with no live public page on the demo site: {missing}"


def _no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("mode", [None, "high-contrast", "elder"], ids=["normal", "hc", "elder"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1920", "360"])
def test_every_page_type_is_clean_and_accessible(live_portal, chromium, samples, viewport, mode):
    context = chromium.new_context(viewport=viewport, locale="zh-CN")
    if mode:
        context.add_init_script(f"localStorage.setItem('portal-{mode}', '1')")
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch(page, live_portal.base_url)
    problems = []
    try:
        for path, kind in samples.items():
            response = page.goto(live_portal.url(path))
            page.wait_for_load_state("load")
            where = f"{path} [{kind}]"
            if response.status != 200:
                problems.append(f"{where}: HTTP {response.status}")
                continue
            if mode and not page.evaluate(f"document.documentElement.classList.contains('{mode}')"):
                problems.append(f"{where}: {mode} not applied")
            if not _no_sideways_scroll(page):
                problems.append(f"{where}: scrolls sideways")
            problems += [f"{where}: {line}" for line in axe_violations(page)]
            problems += [f"{where}: {error}" for error in watch.errors]
            problems += [f"{where}: request to another host {url}" for url in watch.foreign]
            watch.errors.clear()
            watch.foreign.clear()
            if mode is None and kind not in ("top-level column", "view"):
                name = kind.split(".")[-1]
                screenshot(page, f"types/{name}-{viewport['width']}", full_page=False)
    finally:
        context.close()
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
