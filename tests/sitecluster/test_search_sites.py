"""Search per site (站群): each county's /search/ answers with its own pages, columns, units,
service entries, 热门搜索, synonyms and did-you-mean; the platform search (统一搜索) covers
every site with a site filter and per-site counts, and links to another site's pages on
that site's own host."""

import re

import pytest
from django.test import override_settings

from tests.factories import make_news, paragraph_body
from tests.sitecluster import search_sites
from tests.sitecluster.search_sites import CJ_HOST

two_sites = search_sites.two_sites  # the fixture

pytestmark = pytest.mark.django_db

TITLE = "县财政局召开预算工作会议"


def page(client, host, path="/search/", **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def hit_links(html):
    """The result links of the page (title anchors of the results list)."""
    return re.findall(r'<li class="search-result[^"]*">\s*<h3><a href="([^"]+)"', html)


def test_each_site_finds_only_its_own_pages(client, two_sites):
    rj, cj = two_sites
    make_news(
        cj.unit("czj").news_column.specific,
        title="从江县稻鱼鸭复合系统保护",
        body=paragraph_body("稻鱼鸭复合系统保护工作。"),
    )
    on_cj = page(client, CJ_HOST, q="预算工作会议")
    assert hit_links(on_cj) == ["/xwdt/bmdt/czj/yusuan/"]
    assert "找到 <strong>1</strong> 条" in on_cj
    assert "从江县财政局召开预算工作会议" in re.sub(r"</?mark>", "", on_cj)  # its snippet
    on_rj = page(client, "localhost", q="预算工作会议")
    assert hit_links(on_rj) == ["/xwdt/bmdt/czj/yusuan/"]
    assert "榕江县财政局召开预算工作会议" in re.sub(r"</?mark>", "", on_rj)
    assert "从江县财政局" not in re.sub(r"</?mark>", "", on_rj)
    # 从江's own page is not found on 榕江 at all
    assert "没有找到" in page(client, "localhost", q="稻鱼鸭")
    assert "从江县稻鱼鸭复合系统保护" in re.sub(r"</?mark>", "", page(client, CJ_HOST, q="稻鱼鸭"))


def test_filters_list_the_sites_own_units_and_columns(client, two_sites):
    rj, cj = two_sites
    on_cj = page(client, CJ_HOST)
    assert "从江县财政局" in on_cj and "榕江县财政局" not in on_cj
    # 从江 has two units: 榕江's others are not offered
    assert "县教育局" not in on_cj
    on_rj = page(client, "localhost")
    assert "榕江县财政局" in on_rj and "从江县财政局" not in on_rj
    # the unit filter (same slug czj in both) keeps to the visitor's site
    filtered = page(client, CJ_HOST, q="预算", unit="czj")
    assert "从江县财政局召开预算工作会议" in re.sub(r"</?mark>", "", filtered)
    assert "榕江县财政局" not in re.sub(r"</?mark>", "", filtered)
    # the column filter too (the same column slugs in both trees)
    column = cj.home.get_children().first()
    filtered = page(client, CJ_HOST, q="预算", column=column.slug)
    assert "榕江县财政局召开" not in re.sub(r"</?mark>", "", filtered)


def test_service_entries_link_to_the_sites_own_columns(client, two_sites):
    rj, cj = two_sites
    from home.models import column_by_key
    from portal.core.columns import ColumnKey

    services_cj = column_by_key(ColumnKey.SERVICES, cj.site)
    services_rj = column_by_key(ColumnKey.SERVICES, rj.site)
    on_cj = page(client, CJ_HOST, q="办事指南")
    assert "办事服务（办事指南）" in on_cj
    # the column of 从江's own tree, on the visitor's host (the same slug as 榕江's)
    assert f'href="{services_cj.relative_url(cj.site)}"' in on_cj
    assert services_rj.full_url not in on_cj
    on_rj = page(client, "localhost", q="办事指南")
    assert f'href="{services_rj.relative_url(rj.site)}"' in on_rj
    assert services_cj.full_url not in on_rj


@override_settings(PORTAL_POPULAR_MIN_CLIENTS=2)
def test_popular_searches_are_per_site(client, two_sites):
    from search.models import ApprovedSearchTerm

    rj, cj = two_sites
    ApprovedSearchTerm.objects.create(query="预算")  # platform-wide approval
    for address in ("10.0.0.1", "10.0.0.2"):
        client.get("/search/", {"q": "预算"}, HTTP_HOST=CJ_HOST, REMOTE_ADDR=address)
    assert "热门搜索" in page(client, CJ_HOST)
    assert 'href="?q=%E9%A2%84%E7%AE%97"' in page(client, CJ_HOST)
    # on a platform search the term's link keeps searching the platform
    assert 'href="?q=%E9%A2%84%E7%AE%97&amp;site=all"' in page(client, CJ_HOST, site="all")
    # 从江's visitors do not make it popular on 榕江
    assert 'href="?q=%E9%A2%84%E7%AE%97"' not in page(client, "localhost")
    # a term hidden on 从江 only
    from search.models import HiddenSearchTerm

    HiddenSearchTerm.objects.create(query="预算", site=cj.site)
    assert 'href="?q=%E9%A2%84%E7%AE%97"' not in page(client, CJ_HOST)


def test_an_approval_for_one_site_does_not_show_on_another(client, two_sites, settings):
    from search.models import ApprovedSearchTerm

    settings.PORTAL_POPULAR_MIN_CLIENTS = 2
    rj, cj = two_sites
    ApprovedSearchTerm.objects.create(query="预算", site=cj.site)
    for host in ("localhost", CJ_HOST):
        for address in ("10.0.0.1", "10.0.0.2"):
            client.get("/search/", {"q": "预算"}, HTTP_HOST=host, REMOTE_ADDR=address)
    assert 'href="?q=%E9%A2%84%E7%AE%97"' in page(client, CJ_HOST)
    assert 'href="?q=%E9%A2%84%E7%AE%97"' not in page(client, "localhost")


def test_a_sites_own_synonym_applies_to_its_search_only(client, two_sites):
    from search.models import Synonym

    rj, cj = two_sites
    for site in (rj, cj):
        make_news(
            site.unit("czj").news_column.specific,
            title="侗族大歌进校园活动",
            body=paragraph_body("侗族大歌传承。"),
        )
    Synonym.objects.create(words="嘎老、侗族大歌", site=cj.site)
    assert "侗族大歌进校园活动" in re.sub(r"</?mark>", "", page(client, CJ_HOST, q="嘎老"))
    assert "没有找到" in page(client, "localhost", q="嘎老")
    # platform-wide entries (the seeded table) apply everywhere
    Synonym.objects.create(words="预决算、预算工作")
    for host in ("localhost", CJ_HOST):
        assert "找到 <strong>1</strong> 条" in page(client, host, q="预决算")


def test_did_you_mean_offers_only_the_sites_own_words(client, two_sites):
    from search import didyoumean

    rj, cj = two_sites
    make_news(
        cj.unit("czj").news_column.specific,
        title="古州镇开展森林防火宣传",
        body=paragraph_body("进村入户发放宣传资料。"),
    )
    didyoumean.reset()
    try:
        on_cj = page(client, CJ_HOST, q="森林放火")  # the same pinyin
        assert "您是不是要找" in on_cj and ">森林防火</a>" in on_cj
        assert "您是不是要找" not in page(client, "localhost", q="森林放火")
        # each vocabulary is built from its own site's titles (the dictionary is shared)
        make_news(cj.unit("czj").news_column.specific, title="侗寨鼓楼修缮完工")
        didyoumean.reset()
        key = didyoumean.pinyin_key("鼓楼")
        assert "鼓楼" in didyoumean.vocabulary([cj.site]).by_pinyin.get(key, [])
        assert "鼓楼" not in didyoumean.vocabulary([rj.site]).by_pinyin.get(key, [])
    finally:
        didyoumean.reset()


def test_platform_search_covers_every_site_with_a_site_facet(client, two_sites):
    rj, cj = two_sites
    html = page(client, "localhost", "/search/platform/", q="预算工作会议")
    assert "统一搜索" in html
    assert "找到 <strong>2</strong> 条" in html
    links = hit_links(html)
    # 榕江's own page relative, 从江's on its own host
    assert sorted(links) == sorted(
        ["/xwdt/bmdt/czj/yusuan/", "http://congjiang.localhost/xwdt/bmdt/czj/yusuan/"]
    )
    assert "站点：榕江县人民政府" in html and "站点：从江县人民政府" in html
    assert "榕江县人民政府（1）" in html and "从江县人民政府（1）" in html
    # the same on the search page with ?site=all, from 从江's host
    on_cj = page(client, CJ_HOST, q="预算工作会议", site="all")
    assert sorted(hit_links(on_cj)) == sorted(
        ["/xwdt/bmdt/czj/yusuan/", "http://localhost/xwdt/bmdt/czj/yusuan/"]
    )


def test_platform_search_filters_by_site_and_still_counts_the_others(client, two_sites):
    rj, cj = two_sites
    html = page(client, "localhost", q="预算工作会议", site="congjiang")
    assert hit_links(html) == ["http://congjiang.localhost/xwdt/bmdt/czj/yusuan/"]
    assert "找到 <strong>1</strong> 条" in html
    # the facet still shows 榕江's hit, linked to the filter for 榕江
    assert "榕江县人民政府（1）" in html and "site=rongjiang" in html
    assert '<option value="congjiang" selected>' in html
    # an unknown site finds nothing (and says so), never another site's pages
    assert "没有找到" in page(client, "localhost", q="预算工作会议", site="nosuchsite")


def test_popular_searches_pass_the_wording_rules_of_their_own_site(client, two_sites, settings):
    """A site's own wording rule keeps a term out of that site's 热门搜索 (and refuses its
    approval there); another site, without the rule, shows it."""
    from portal.review.models import WordingRule
    from search.models import ApprovedSearchTerm
    from search.popular import wording_findings

    settings.PORTAL_POPULAR_MIN_CLIENTS = 2
    rj, cj = two_sites
    term = "预算"  # in both sites' pages: a search that finds something is counted
    WordingRule.objects.create(
        phrase=term, correction="财政预算", category="norm", severity="block", site=cj.site
    )
    ApprovedSearchTerm.objects.create(query=term)  # platform-wide approval
    for host in ("localhost", CJ_HOST):
        for address in ("10.0.0.1", "10.0.0.2"):
            client.get("/search/", {"q": term}, HTTP_HOST=host, REMOTE_ADDR=address)
    link = 'href="?q=%E9%A2%84%E7%AE%97"'
    assert link in page(client, "localhost")
    assert link not in page(client, CJ_HOST)
    assert wording_findings(term, cj.site) and not wording_findings(term, rj.site)
