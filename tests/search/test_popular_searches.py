"""热门搜索 cannot be pushed by one client; administrators can hide a term (issue 16, item 16)."""

import datetime

import pytest
from django.utils import timezone

from search import services
from search.models import ApprovedSearchTerm, HiddenSearchTerm, PopularSearchHit
from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(portal):
    column = portal.unit_news_column("xzfb")
    make_news(column, title="村超比赛日程公布", body=paragraph_body("村超第三轮比赛日程公布。"))
    make_news(column, title="防汛工作部署", body=paragraph_body("全县防汛工作会议召开。"))
    # 热门搜索 shows approved terms only (the moderation itself: test_popular_moderation.py)
    for query in ("村超", "防汛"):
        ApprovedSearchTerm.objects.create(query=query)


def popular(client):
    return client.get("/search/").context["popular"]


def test_forty_requests_from_one_client_count_once(client, news):
    for _ in range(40):
        assert client.get("/search/", {"q": "村超"}, REMOTE_ADDR="10.9.0.1").status_code == 200
    assert PopularSearchHit.objects.filter(query="村超").count() == 1
    assert "村超" not in popular(client)  # one visitor is not popular


def test_a_query_needs_several_visitors_and_more_visitors_rank_higher(client, news, monkeypatch):
    for n in range(3):
        client.get("/search/", {"q": "防汛"}, REMOTE_ADDR=f"10.9.1.{n}")
    for n in range(2):
        client.get("/search/", {"q": "村超"}, REMOTE_ADDR=f"10.9.2.{n}")
    assert popular(client) == ["防汛"]
    for n in range(2, 6):
        client.get("/search/", {"q": "村超"}, REMOTE_ADDR=f"10.9.2.{n}")
    assert popular(client) == ["村超", "防汛"]
    # the same visitors on the next day count again, once each: 3 + 4 visitor-days
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    for n in range(4):
        client.get("/search/", {"q": "防汛"}, REMOTE_ADDR=f"10.9.1.{n}")
    assert popular(client) == ["防汛", "村超"]


def test_an_administrator_hides_a_term(client, news):
    for n in range(4):
        client.get("/search/", {"q": "村超"}, REMOTE_ADDR=f"10.9.3.{n}")
    assert "村超" in popular(client)
    term = HiddenSearchTerm(query="  村超 ")
    term.full_clean()
    term.save()
    assert "村超" not in popular(client)


def test_no_address_is_stored(client, news):
    client.get("/search/", {"q": "村超"}, REMOTE_ADDR="10.9.4.77")
    hit = PopularSearchHit.objects.get()
    assert "10.9.4.77" not in hit.client and len(hit.client) == 32
    assert services.POPULAR_MIN_CLIENTS >= 3
