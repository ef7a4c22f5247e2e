"""The search settings in the admin per site (站群): synonyms and the search dictionary
(搜索词典). A site administrator lists the platform-wide entries and their own site's,
creates entries only for their own site and is refused another site's entries (also by a
forged id) and the platform-wide ones; the 热门搜索审核 page works on the reviewer's own
site."""

import pytest
from django.contrib.auth.models import Group

from search.models import ApprovedSearchTerm, SearchTerm, Synonym
from search.segmentation import segmenter
from tests.factories import UserFactory
from tests.sitecluster import search_sites
from tests.sitecluster.search_sites import CJ_HOST

pytestmark = pytest.mark.django_db
two_sites = search_sites.two_sites  # the fixture


@pytest.fixture
def cj_admin(two_sites):
    from portal.core.roles import SITE_ADMINS
    from portal.core.sites import group_name

    _rj, cj = two_sites
    group = Group.objects.get(name=group_name(cj.site, SITE_ADMINS))
    return UserFactory(username="cj_site_admin", groups=[group])


def test_a_site_admin_sees_platform_entries_and_their_own_only(client, two_sites, cj_admin):
    rj, cj = two_sites
    Synonym.objects.create(words="全平台词甲、全平台词乙")
    Synonym.objects.create(words="从江词甲、从江词乙", site=cj.site)
    Synonym.objects.create(words="榕江词甲、榕江词乙", site=rj.site)
    client.force_login(cj_admin)
    html = client.get("/admin/snippets/portal_search/synonym/?q=词甲").content.decode()
    assert "全平台词甲" in html and "从江词甲" in html
    assert "榕江词甲" not in html
    assert "榕江县人民政府" not in html  # not even as a choice of a filter


def test_a_site_admin_cannot_touch_another_sites_or_platform_entries(client, two_sites, cj_admin):
    rj, cj = two_sites
    platform = Synonym.objects.create(words="全平台词甲、全平台词乙")
    other = Synonym.objects.create(words="榕江词甲、榕江词乙", site=rj.site)
    own = Synonym.objects.create(words="从江词甲、从江词乙", site=cj.site)
    client.force_login(cj_admin)
    base = "/admin/snippets/portal_search/synonym"
    for row in (other, platform):
        assert client.get(f"{base}/edit/{row.pk}/").status_code in (302, 403, 404)
        response = client.post(f"{base}/delete/{row.pk}/")
        assert response.status_code in (302, 403, 404)
        assert Synonym.objects.filter(pk=row.pk).exists()
    assert client.get(f"{base}/edit/{own.pk}/").status_code == 200
    # a new entry: only 从江 is offered, and the entry must name a site
    form = client.get(f"{base}/add/").content.decode()
    assert "从江县人民政府" in form and "榕江县人民政府" not in form
    client.post(f"{base}/add/", {"words": "新词甲、新词乙", "two_way": "on", "note": ""})
    assert not Synonym.objects.filter(words__startswith="新词甲").exists()  # site required
    client.post(
        f"{base}/add/",
        {"words": "新词甲、新词乙", "two_way": "on", "site": str(rj.site.pk), "note": ""},
    )
    assert not Synonym.objects.filter(words__startswith="新词甲").exists()  # not theirs
    client.post(
        f"{base}/add/",
        {"words": "新词甲、新词乙", "two_way": "on", "site": str(cj.site.pk), "note": ""},
    )
    assert Synonym.objects.get(words="新词甲、新词乙").site == cj.site


def test_popular_review_approves_for_the_reviewers_site(client, two_sites, cj_admin, settings):
    settings.PORTAL_POPULAR_MIN_CLIENTS = 2
    rj, cj = two_sites
    for address in ("10.0.0.1", "10.0.0.2"):
        client.get("/search/", {"q": "预算"}, HTTP_HOST=CJ_HOST, REMOTE_ADDR=address)
        client.get("/search/", {"q": "会议"}, HTTP_HOST="localhost", REMOTE_ADDR=address)
    client.force_login(cj_admin)
    html = client.get("/admin/popular-searches/").content.decode()
    assert "预算" in html and "<td>会议</td>" not in html  # 榕江's term is not 从江's
    # a forged site id is refused
    assert client.get(f"/admin/popular-searches/?site={rj.site.pk}").status_code in (302, 403)
    client.post("/admin/popular-searches/", {"query": "预算", "action": "approve"})
    assert ApprovedSearchTerm.objects.get(query="预算").site == cj.site


DICTIONARY = "/admin/snippets/portal_search/searchterm"


def test_the_search_dictionary_is_the_platforms_plus_each_sites_own(client, two_sites, cj_admin):
    rj, cj = two_sites
    platform = SearchTerm.objects.create(word="全平台专名")
    other = SearchTerm.objects.create(word="榕江专名", site=rj.site)
    own = SearchTerm.objects.create(word="从江专名", site=cj.site)
    try:
        client.force_login(cj_admin)
        html = client.get(f"{DICTIONARY}/").content.decode()
        assert "全平台专名" in html and "从江专名" in html
        assert "榕江专名" not in html and "榕江县人民政府" not in html
        assert client.get(f"{DICTIONARY}/edit/{other.pk}/").status_code == 404  # forged id
        assert client.post(f"{DICTIONARY}/delete/{other.pk}/").status_code == 404
        assert client.get(f"{DICTIONARY}/edit/{platform.pk}/").status_code in (302, 403)
        assert client.post(f"{DICTIONARY}/delete/{platform.pk}/").status_code in (302, 403)
        assert SearchTerm.objects.filter(pk__in=[other.pk, platform.pk]).count() == 2
        assert client.get(f"{DICTIONARY}/edit/{own.pk}/").status_code == 200

        # a site's new word: for their own site only, then kept whole by the segmenter
        text = "举办苗侗风情周活动"
        assert "苗侗风情周" not in segmenter.words(text)
        client.post(f"{DICTIONARY}/add/", {"word": "苗侗风情周", "note": ""})
        assert not SearchTerm.objects.filter(word="苗侗风情周").exists()  # site required
        client.post(f"{DICTIONARY}/add/", {"word": "苗侗风情周", "site": str(rj.site.pk)})
        assert not SearchTerm.objects.filter(word="苗侗风情周").exists()  # not theirs
        response = client.post(
            f"{DICTIONARY}/add/", {"word": "苗侗风情周", "site": str(cj.site.pk)}
        )
        assert response.status_code == 302
        assert SearchTerm.objects.get(word="苗侗风情周").site == cj.site
        assert "苗侗风情周" in segmenter.words(text)

        # the same word again on the same site: a Chinese error, what was typed is kept
        response = client.post(
            f"{DICTIONARY}/add/", {"word": "苗侗风情周", "site": str(cj.site.pk), "note": "重复"}
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "已经存在" in page and "重复" in page
        # … while another site may hold the same word
        SearchTerm.objects.create(word="苗侗风情周", site=rj.site)
        assert SearchTerm.objects.filter(word="苗侗风情周").count() == 2
    finally:
        SearchTerm.objects.all().delete()
    assert "苗侗风情周" not in segmenter.words(text)
