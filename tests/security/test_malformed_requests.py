"""Malformed requests found by fuzzing answer 4xx with a Chinese message, never 5xx
(issue 16, item 13). The bounded fuzz itself is test_fuzz.py."""

import re

import pytest

from tests.factories import UserFactory

CJK = re.compile(r"[\u4e00-\u9fff]")

PUBLIC = [
    ("get", "/api/v2/pages/find/?id=abc", {}),
    ("get", "/api/v2/pages/find/?html_path=/nosuch/", {}),
    ("get", "/api/v2/pages/?type=news.NewsPage&id=", {}),
    ("get", "/api/v2/pages/?type=nosuch.Model", {}),
    ("get", "/api/v2/pages/?search=x&search_operator=x", {}),
    ("get", "/api/v2/pages/?limit=abc", {}),
    ("get", "/api/v2/pages/?order=nosuchfield", {}),
    ("get", "/api/v2/pages/abc/", {}),
    ("get", "/search/?q=通知&from=0001-01-01", {}),
    ("get", "/search/?q=通知&to=9999-12-31", {}),
    ("get", "/search/?q=通知&from=0001-01-01&to=9999-12-31&sort=newest", {}),
    ("get", "/participation/messages/%00/", {}),
    ("get", "/participation/status/%00abc/", {}),
    ("get", "/search/?q=%00", {}),
    ("get", "/xwdt/%00/", {}),
    ("get", "/participation/messages/?status=%00", {}),
    ("post", "/participation/messages/new/", {"name": "张\x00三", "subject": "\x00"}),
]


def chinese(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return CJK.search(body.decode("utf-8", "replace"))


@pytest.mark.parametrize(("method", "url", "data"), PUBLIC, ids=[u for _m, u, _d in PUBLIC])
def test_public_malformed_request_answers_4xx_in_chinese(client, portal, method, url, data):
    response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    assert chinese(response), response.content[:500]


ADMIN = [
    ("post", "/admin/participation/comments/", {}),
    ("post", "/admin/participation/comments/", {"comment": "abc", "decision": "approved"}),
    ("get", "/admin/statistics/0/form.xlsx", {}),
    ("get", "/admin/statistics/99999/stats.json", {}),
    ("get", "/admin/statistics/0/report.docx", {}),
    ("get", "/admin/statistics/1/stats.csv", {}),
    ("get", "/admin/participation/applications/?status=%00", {}),
    ("get", "/admin/pages/%00/", {}),
]


@pytest.mark.parametrize(("method", "url", "data"), ADMIN, ids=[u for _m, u, _d in ADMIN])
def test_admin_malformed_request_answers_4xx_in_chinese(client, portal, method, url, data):
    client.force_login(UserFactory(username="fuzz_admin", is_superuser=True, is_staff=True))
    response = getattr(client, method)(url, data)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    assert chinese(response), response.content[:500]
