"""热门搜索 moderation: many distinct visitors, the wording rules, and an administrator's
approval (or the allow-list) before a term is shown."""

import pytest

from portal.review.models import WordingRule
from search.models import ApprovedSearchTerm, HiddenSearchTerm
from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(portal):
    column = portal.unit_news_column("xzfb")
    make_news(column, title="防汛工作部署", body=paragraph_body("全县防汛工作会议召开。"))
    make_news(column, title="习总书记考察纪实", body=paragraph_body("考察纪实。"))


def popular(client):
    return client.get("/search/").context["popular"]


def searched_by(client, q, visitors):
    for n in range(visitors):
        assert client.get("/search/", {"q": q}, REMOTE_ADDR=f"10.7.0.{n}").status_code == 200


def test_a_term_many_visitors_searched_waits_for_approval(client, admin_client, news):
    searched_by(client, "防汛", 5)
    assert popular(client) == []  # not approved yet
    page = admin_client.get("/admin/popular-searches/").content.decode()
    assert "热门搜索审核" in page and "防汛" in page
    response = admin_client.post("/admin/popular-searches/", {"query": "防汛", "action": "approve"})
    assert response.status_code == 302
    assert popular(client) == ["防汛"]
    assert "<td>防汛</td>" not in admin_client.get("/admin/popular-searches/").content.decode()


def test_an_allow_listed_term_still_needs_many_visitors(client, news):
    ApprovedSearchTerm.objects.create(query="防汛")
    searched_by(client, "防汛", 1)
    assert popular(client) == []
    searched_by(client, "防汛", 3)
    assert popular(client) == ["防汛"]


def test_a_term_against_the_wording_rules_is_never_shown(client, admin_client, news):
    WordingRule.objects.update_or_create(
        phrase="习总书记",
        defaults={"correction": "习近平总书记", "category": "serious", "severity": "block"},
    )
    searched_by(client, "习总书记", 5)
    page = admin_client.get("/admin/popular-searches/").content.decode()
    assert "习近平总书记" in page  # the finding is shown to the reviewer
    admin_client.post("/admin/popular-searches/", {"query": "习总书记", "action": "approve"})
    assert not ApprovedSearchTerm.objects.filter(query="习总书记").exists()
    ApprovedSearchTerm.objects.create(query="习总书记")  # even on the allow-list
    assert popular(client) == []


def test_hiding_from_the_review_page(client, admin_client, news):
    searched_by(client, "防汛", 5)
    admin_client.post("/admin/popular-searches/", {"query": "防汛", "action": "hide"})
    assert HiddenSearchTerm.objects.filter(query="防汛").exists()
    ApprovedSearchTerm.objects.create(query="防汛")
    assert popular(client) == []


def test_the_review_page_needs_the_permission(client, news, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail answers a permission refusal by sending the user back to the dashboard
    response = client.get("/admin/popular-searches/")
    assert response.status_code in (302, 403) and "同意显示" not in response.content.decode()
    client.post("/admin/popular-searches/", {"query": "防汛", "action": "approve"})
    assert not ApprovedSearchTerm.objects.exists()
