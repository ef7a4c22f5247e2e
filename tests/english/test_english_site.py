"""Issue 15 item 8: the English locale is a real mini-site. The demo's English pages are
wagtail-localize translations; everything reachable from /en/ answers (no 404 or 500), the
English menu leads only to English pages, the interface around them is English, the
language switch appears only where a translation exists, /en/search/ searches the English
pages, and building the English pages again changes nothing."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from wagtail.models import Locale, Page, Revision, Site

from home.demo import DemoBuilder
from home.demo_english import GUIDES, KEY_NEWS, build_english
from news.models import NewsPage
from portal.core.columns import ColumnKey

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff\uf900-\uffef]")  # Han characters and full-width punctuation


@pytest.fixture
def english_site(portal):
    """The parts of the demo the English mini-site translates, then the English pages."""
    builder = DemoBuilder()
    builder.build_overview()
    builder.build_government()
    pages = build_english(builder)
    return builder, pages


class Page_(HTMLParser):
    """Links of a page, the links of its main menu, and its visible text outside the
    parts marked as Chinese (lang="zh-Hans")."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def __init__(self):
        super().__init__()
        self.links, self.menu_links, self.text = [], [], []
        self.stack = []  # (tag, is_chinese, in_menu, hidden)

    def _state(self):
        return self.stack[-1][1:] if self.stack else (False, False, False)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        chinese, in_menu, hidden = self._state()
        chinese = chinese or (attrs.get("lang") or "").lower().startswith("zh")
        in_menu = in_menu or "main-nav" in (attrs.get("class") or "")
        hidden = hidden or tag in ("script", "style", "template")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if in_menu:
                self.menu_links.append(attrs["href"])
        for name in ("aria-label", "alt", "placeholder", "title"):
            if attrs.get(name) and not chinese:
                self.text.append(attrs[name])
        if tag not in self.VOID:
            self.stack.append((tag, chinese, in_menu, hidden))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        chinese, _, hidden = self._state()
        if not chinese and not hidden and data.strip():
            self.text.append(data.strip())


def parse(html):
    parser = Page_()
    parser.feed(html)
    return parser


def local(href, base):
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("", "http", "https") or url.netloc not in ("", "testserver"):
        return None
    if url.path.startswith(("/static/", "/media/", "/documents/")):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def test_the_demo_translates_home_overview_news_and_guides_through_wagtail_localize(english_site):
    from wagtail_localize.models import StringTranslation, Translation

    builder, pages = english_site
    english = Locale.objects.get(language_code="en")
    titles = {type(p.specific).__name__: [] for p in pages}
    for page in pages:
        titles[type(page.specific).__name__].append(page.title)
        assert page.live and page.locale == english
        original = page.get_translation(Locale.get_default())
        translation = Translation.objects.get(
            source__object_id=original.translation_key, target_locale=english
        )
        assert translation.enabled
        # every string of the original has its English translation in translation memory
        strings = translation.source.stringsegment_set.values_list("string_id", flat=True)
        assert StringTranslation.objects.filter(
            translation_of__in=strings, locale=english
        ).count() >= len(set(strings))
        # real English: no Chinese left in what the English page says
        text = page.specific.get_admin_display_title() + str(
            getattr(page.specific, "body", "") or ""
        )
        assert not CJK.search(text), page.url
        assert page.first_published_at == original.first_published_at
    assert len(titles["NewsPage"]) == len(KEY_NEWS) >= 5
    assert len(titles["ServiceGuidePage"]) == len(GUIDES) >= 2
    assert {"County Profile", "History"} <= set(titles["OverviewPage"])
    assert titles["HomePage"] == ["Rongjiang County People's Government"]
    # the key news in Chinese are live in 榕江要闻, dated in their season
    spring = NewsPage.objects.get(title="县政府召开春耕生产调度会", locale=Locale.get_default())
    assert spring.live and spring.first_published_at.month in (3,)


def crawl_english(client):
    """Every page reachable from /en/ through English pages: each answers (Chinese pages
    they link to are fetched, not followed); English pages have English chrome. Returns
    the number of English pages and the links of their main menus."""
    seen, queue, checked = set(), ["/en/"], 0
    menus = set()
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code in (200, 301, 302), (path, response.status_code)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        html = response.content.decode()
        page = parse(html)
        menus.update(page.menu_links)
        assert '<html lang="en">' in html, path
        chrome = [t for t in page.text if CJK.search(t)]
        assert not chrome, (path, chrome[:5])
        for href in page.links:
            target = local(href, path)
            if target is None:
                continue
            if target.startswith("/en/"):
                queue.append(target)
            elif target not in seen:
                seen.add(target)
                status = client.get(target).status_code
                assert status in (200, 301, 302), (path, href, status)
    return checked, menus


def assert_menus_are_english(menus):
    english = Locale.objects.get(language_code="en")
    english_paths = {urlsplit(p.full_url).path for p in Page.objects.filter(locale=english).live()}
    # the menu of every English page lists only the English home and translated columns
    assert menus and all(link in english_paths for link in menus), menus - english_paths
    english_columns = {
        urlsplit(p.full_url).path
        for p in Page.objects.filter(locale=english, depth=3).live().in_menu()
    }
    assert english_columns and english_columns <= menus
    # untranslated top-level columns (政府信息公开 …) are not in it
    home = Site.objects.get(is_default_site=True).root_page
    chinese_only = home.get_children().live().in_menu()
    untranslated = [p for p in chinese_only if not p.has_translation(english)]
    assert untranslated
    for column in untranslated:
        assert f"/en/{column.slug}/" not in menus


def test_everything_reachable_from_en_answers_and_the_menu_stays_english(client, english_site):
    checked, menus = crawl_english(client)
    assert checked >= 15
    assert_menus_are_english(menus)


def test_the_language_switch_links_translations_both_ways_and_only_where_they_exist(
    client, english_site, portal
):
    builder, pages = english_site
    english_news = next(p for p in pages if isinstance(p.specific, NewsPage))
    chinese_news = english_news.get_translation(Locale.get_default())

    # with a second site Wagtail's page.url is absolute (http://localhost/…): the switch
    # still links on the visitor's own host
    Site.objects.create(
        hostname="second.localhost", port=80, root_page=portal.column(ColumnKey.OVERVIEW)
    )
    Site.clear_site_root_paths_cache()
    english_path = urlsplit(english_news.full_url).path
    chinese_path = urlsplit(chinese_news.full_url).path
    chinese = client.get(chinese_path).content.decode()
    assert f'href="{english_path}" lang="en" hreflang="en">English</a>' in chinese
    back = client.get(english_path).content.decode()
    assert f'href="{chinese_path}" lang="zh-hans" hreflang="zh-hans">中文</a>' in back

    # a Chinese page with no English version: no switch
    from tests import factories

    alone = factories.make_news(portal.column(ColumnKey.NEWS_HEADLINES), title="只有中文的新闻")
    assert 'hreflang="en"' not in client.get(urlsplit(alone.full_url).path).content.decode()
    # the switch goes when the translation is unpublished
    english_news.specific.unpublish()
    assert 'hreflang="en"' not in client.get(chinese_path).content.decode()
    assert client.get(english_path).status_code == 404


def test_en_search_finds_english_pages_with_english_labels(client, english_site):
    builder, pages = english_site
    oranges = next(p for p in pages if "Oranges" in p.title)
    response = client.get("/en/search/", {"q": "oranges"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{oranges.url}"' in html
    assert "result for “oranges”" in html and "Search this site" in html
    assert not [t for t in parse(html).text if CJK.search(t)]
    # English pages only: a Chinese word finds nothing here, and an English empty state
    html = client.get("/en/search/", {"q": "春耕"}).content.decode()
    assert "Nothing was found for “春耕”" in html and "/xwdt/rjyw/" not in html
    # and the Chinese search keeps to the Chinese pages
    html = client.get("/search/", {"q": "oranges"}).content.decode()
    assert oranges.url not in html
    chinese = oranges.get_translation(Locale.get_default())
    assert chinese.url in client.get("/search/", {"q": "脐橙"}).content.decode()


def test_the_404_page_of_the_english_site_is_english(client, english_site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sorry, the page you asked for does not exist" in html
    assert 'href="/en/search/"' in html and 'href="/en/"' in html
    assert not [t for t in parse(html).text if CJK.search(t)]


def test_building_the_english_pages_again_changes_nothing(english_site):
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    builder, pages = english_site

    def state():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            TranslationSource.objects.count(),
            Translation.objects.count(),
            StringTranslation.objects.count(),
            sorted(
                Page.objects.filter(locale__language_code="en").values_list("url_path", "title")
            ),
        )

    before = state()
    again = build_english(DemoBuilder())
    assert state() == before
    assert [p.pk for p in again] == [p.pk for p in pages]


@pytest.mark.slow
def test_bootstrap_with_demo_twice_builds_the_english_site_once(client):
    """The real command, twice: the second run changes nothing, and every string of the
    translated Chinese pages had its English (no page left untranslated)."""
    import io

    from django.core.management import call_command
    from wagtail_localize.models import StringTranslation, Translation

    from home.demo_english import COLUMNS

    def state():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            Translation.objects.count(),
            StringTranslation.objects.count(),
            sorted(
                Page.objects.filter(locale__language_code="en").values_list("url_path", "title")
            ),
        )

    out = io.StringIO()
    call_command("bootstrap_portal", "--demo", stdout=out, stderr=io.StringIO())
    assert "英文版未生成" not in out.getvalue(), out.getvalue()
    first = state()
    english = Page.objects.filter(locale__language_code="en").live()
    assert english.type(NewsPage).count() >= 5
    assert english.filter(depth=3).count() == len(COLUMNS) - 1  # 榕江要闻 is below 新闻动态
    call_command("bootstrap_portal", "--demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert state() == first
    checked, menus = crawl_english(client)
    assert checked >= 15
    assert_menus_are_english(menus)
