"""The whole admin speaks Simplified Chinese and loads nothing from another host (issue 11,
item 9).

Crawls, with Django's test client, the login page (also after a wrong password), every page
of the admin menu and the first add/edit view linked from each listing, as the superuser and
as a unit editor, plus a locked page, a page history and a revision comparison. Fails on any
English word in the visible text (and in title / placeholder / aria-label / alt) outside the
allow-list, and on any src/href/action that points at another host.
"""

import json
import re
import time
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory, make_news

pytestmark = pytest.mark.django_db

#: words that are names, formats or codes, not English prose
ALLOWED = {
    w.lower()
    for w in (
        "Wagtail PDF CSV URL URLs ID HTML SEO RSS API JSON XLSX XLS DOCX DOC WPS OFD ZIP PNG JPG "
        "JPEG GIF WEBP SVG MP4 TXT ICP IP UTC GMT http https www gov cn com org "
        "Word Excel WPS Chrome Chromium Firefox Edge Safari Markdown OpenAPI "
        # key caps in the keyboard-shortcut list
        "Ctrl Alt Shift Esc Cmd Enter Tab JavaScript "
        # data: the bootstrap Site's host name, a unit slug quoted in a help text, the loanword
        # of the synonym table's 个税app
        "localhost czj app"
    ).split()
}
#: Known gaps, each an exact phrase (or pattern) on a page few county users open: labels
#: Wagtail and wagtail-localize derive from field names or render without gettext (站点,
#: 语言区域, 翻译报告, the users listing's screen-reader "True", a page nobody edited
#: showing "None"). Listed here so that anything new fails; docs/foundation.md lists them.
KNOWN_GAPS = {
    "Actions",  # aria-label of the listing header's button bar
    "Search",  # screen-reader-only submit button of the dashboard search
    "Port",
    "Site name",
    "Root page",
    "按“Port”升序排列。",  # /admin/sites/
    "Enabled",
    "Sync from",  # /admin/locales/new/ (wagtail-localize)
    "Source locale",
    "Target locale",  # /admin/localize/reports/translations/
    "External link text",  # /admin/searchpicks/add/
    "Page",  # screen-reader-only label in the group page-permission formset template
    "True",  # screen-reader-only text of the users listing's status column
    "None",  # aging-pages report: a page without a last editor
}
KNOWN_GAP_PATTERNS = [re.compile(r"^\d+ pages$")]  # /admin/locales/ page counts
VISIBLE_ATTRS = {"title", "placeholder", "aria-label", "alt"}
LINK_ATTRS = {"src", "href", "action", "srcset", "data-src", "poster"}
SKIP_CONTENT = {"script", "style"}
WORD = re.compile(r"[A-Za-z]{3,}")
#: a token with these is an address, file name, e-mail, slug, user name or code — data
DATA_TOKEN = re.compile(r"[@/\\._\-:#=?&0-9]")
ABSOLUTE_URL = re.compile(r'"((?:https?:)?//[^"\s<>]+)"')
ADMIN_LINK = re.compile(r'"(/admin/[^"\s<>]*)"')
EDIT_LINK = re.compile(r"/(edit|add|create|new)/")
MAX_PAGES_PER_USER = 90


class TextAndLinks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.links = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_CONTENT:
            self.skip += 1
        for name, value in attrs:
            if value is None:
                continue
            if name in VISIBLE_ATTRS:
                self.text.append(value)
            if name in LINK_ATTRS:
                self.links.extend(part.strip().split(" ")[0] for part in value.split(","))
            if (
                tag == "input"
                and name == "value"
                and dict(attrs).get("type")
                in (
                    "submit",
                    "button",
                )
            ):
                self.text.append(value)

    def handle_endtag(self, tag):
        if tag in SKIP_CONTENT and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def english_words(text):
    found = set()
    for token in text.split():
        if DATA_TOKEN.search(token):
            continue
        for word in WORD.findall(token):
            if word.lower() not in ALLOWED:
                found.add(word)
    return found


def english_phrases(fragments):
    """The text fragments (a text node or an attribute) holding an English word."""
    phrases = {" ".join(f.split()) for f in fragments if english_words(f)}
    return {
        p
        for p in phrases
        if p not in KNOWN_GAPS and not any(rx.match(p) for rx in KNOWN_GAP_PATTERNS)
    }


def outside_hosts(links):
    bad = set()
    for link in links:
        if not link or link.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            continue
        parts = urlsplit(link)
        if parts.netloc and parts.hostname not in ("testserver", None):
            bad.add(link)
    return bad


def inspect(html):
    parser = TextAndLinks()
    parser.feed(html)
    return english_phrases(parser.text), outside_hosts(parser.links)


def sidebar_props(html):
    """The admin menu, which the sidebar renders from JSON."""
    match = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return match.group(1) if match else ""


class Crawl:
    def __init__(self, client, label):
        self.client = client
        self.label = label
        self.seen = set()
        self.problems = {}

    def visit(self, url, method="get", data=None):
        if method == "get":
            if url in self.seen:
                return ""
            self.seen.add(url)
        response = getattr(self.client, method)(url, data or {})
        if response.status_code in (301, 302) or response.streaming:
            return ""
        assert response.status_code < 500, (url, response.status_code)
        if "html" not in response.get("Content-Type", ""):
            return ""
        html = response.content.decode()
        words, hosts = inspect(html)
        hosts |= outside_hosts(ABSOLUTE_URL.findall(sidebar_props(html)))  # menu links
        if words or hosts:
            self.problems[url] = {"english": sorted(words), "hosts": sorted(hosts)}
        return html

    def menu_urls(self, html):
        urls = []
        for url in ADMIN_LINK.findall(sidebar_props(html) or html):
            url = json.loads(f'"{url}"')
            if url.startswith("/admin/logout") or "export=" in url:
                continue
            urls.append(url)
        return list(dict.fromkeys(urls))

    def run(self, extra=()):
        start = time.monotonic()
        dashboard = self.visit("/admin/")
        for url in [*self.menu_urls(dashboard), *extra]:
            if len(self.seen) >= MAX_PAGES_PER_USER:
                break
            html = self.visit(url)
            # the first add / edit view linked from a listing
            for link in ADMIN_LINK.findall(html.replace("href=", " ")):
                if EDIT_LINK.search(link) and "export" not in link:
                    self.visit(link)
                    break
        return time.monotonic() - start

    def report(self):
        return "\n".join(
            f"[{self.label}] {url}: english={p['english']} hosts={p['hosts']}"
            for url, p in sorted(self.problems.items())
        )


@pytest.fixture
def people(portal):
    admin = UserFactory(username="lang_admin", is_superuser=True, is_staff=True)
    editor = portal.editor("czj")
    return admin, editor


@pytest.fixture
def history_page(portal, people):
    admin, _editor = people
    page = make_news(portal.unit_news_column("czj"), title="语言检查新闻")
    page.title = "语言检查新闻（修订）"
    page.save_revision(user=admin, log_action=True)
    return page


def test_login_page_is_chinese(client, db, portal):
    crawl = Crawl(client, "anonymous")
    crawl.visit(reverse("wagtailadmin_login"))
    crawl.visit(
        reverse("wagtailadmin_login"),
        method="post",
        data={"username": "nobody", "password": "wrong-password"},
    )
    crawl.visit(reverse("wagtailadmin_password_reset"))
    assert not crawl.problems, crawl.report()


def test_every_admin_page_is_chinese_and_local(client, portal, people, history_page):
    admin, editor = people
    reports, elapsed = [], 0.0
    page = history_page
    revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
    extra_admin = [
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/revisions/",
        f"/admin/pages/{page.pk}/revisions/compare/{revisions[0]}...{revisions[-1]}/",
        f"/admin/pages/{page.pk}/edit/",
    ]
    for user, extra in ((admin, extra_admin), (editor, [f"/admin/pages/{page.pk}/edit/"])):
        client.logout()
        assert client.login(username=user.username, password=DEFAULT_PASSWORD)
        crawl = Crawl(client, user.username)
        elapsed += crawl.run(extra)
        assert len(crawl.seen) > 10, f"the crawl reached only {sorted(crawl.seen)}"
        reports.append(crawl.report())
    # a page locked by the admin, as the editor sees it: the lock banner
    page.locked, page.locked_by = True, admin
    page.save(update_fields=["locked", "locked_by"])
    crawl = Crawl(client, "editor-locked")
    crawl.visit(f"/admin/pages/{page.pk}/edit/")
    reports.append(crawl.report())
    problems = "\n".join(r for r in reports if r)
    assert not problems, problems
    assert elapsed < 60, f"the crawl took {elapsed:.0f} s"
