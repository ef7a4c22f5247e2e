"""A bounded fuzz of the public views and a set of admin views (issue 16, item 13): no
input may answer 5xx.

The inputs are generated from a fixed seed (``PORTAL_FUZZ_SEED``, default 16), at least
2,000 of them in CI; ``PORTAL_FUZZ_INPUTS`` raises the count. Runs on SQLite and on
PostgreSQL (where NUL characters matter: PostgreSQL text cannot hold them).
"""

import datetime as dt
import os
import random
import time
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from portal.participation.models import ConsultationPage
from tests.factories import UserFactory, add_page, make_catalog_item, make_news, paragraph_body

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SEED = int(os.environ.get("PORTAL_FUZZ_SEED", "16"))
INPUTS = max(2_000, int(os.environ.get("PORTAL_FUZZ_INPUTS", "2000")))

HOSTILE = [
    "",
    " ",
    "'",
    '"',
    "\\",
    "%",
    "%00",
    "\x00",
    "a\x00b",
    "\t",
    "\r\n",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "..",
    "/",
    "//",
    "null",
    "None",
    "undefined",
    "true",
    "[]",
    "{}",
    "0",
    "-1",
    "1",
    "2",
    "1.5",
    "1e309",
    "abc",
    "99999999999999999999",
    "-99999999999999999999",
    "0x10",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "2024-13-45",
    "2025-03-01",
    "00:00",
    "人" * 300,
    "a" * 3_000,
    "😀" * 50,
    "\u202e\u200b\ufeff",
    "通知",
    "榕江县",
    '=HYPERLINK("http://x")',
    "news.NewsPage",
    "wagtailcore.Page",
    "nosuch.Model",
    "title",
    "-title",
    "first_published_at",
    "random",
    "and",
    "or",
    "zh-hans",
    "en",
    "*",
    "id,title",
    "_",
]
PAGE_SUFFIXES = [
    "",
    "x/",
    "%00/",
    "../",
    "%2e%2e/",
    "%E4%B8/",
    "a" * 300 + "/",
    "?page=abc",
    "?page=-1",
    "?page=99999999999999999999",
    "?p=%00",
    "index.html",
    "%ff%fe/",
]


def value(rng):
    if rng.random() < 0.15:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(2, 4)))
    return rng.choice(HOSTILE)


def params(rng, names):
    return {name: value(rng) for name in rng.sample(names, rng.randint(1, len(names)))}


SEARCH = ["q", "column", "unit", "type", "from", "to", "sort", "page"]
API_PAGES = [
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "id",
    "locale",
    "translation_of",
    "html_path",
    "slug",
    "show_in_menus",
    "title",
]
API_MEDIA = [
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "id",
    "title",
    "tags",
    "collection_id",
]
APPLY = [
    "form_token",
    "website",
    "applicant_type",
    "organisation_kind",
    "name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_number",
    "purpose",
    "delivery_form",
    "delivery_way",
]
MESSAGE = [
    "form_token",
    "website",
    "name",
    "phone",
    "email",
    "category",
    "subject",
    "body",
    "allow_public",
]
COMMENT = ["form_token", "website", "name", "phone", "email", "body"]


def public_request(rng, urls):
    kind = rng.randrange(10)
    if kind <= 1:
        return "get", "/search/", params(rng, SEARCH)
    if kind == 2:
        return "get", "/api/v2/pages/", params(rng, API_PAGES)
    if kind == 3:
        endpoint = rng.choice(["pages", "images", "documents"])
        tail = rng.choice(["find/", f"{quote(value(rng), safe='')}/", ""])
        names = API_PAGES if endpoint == "pages" else API_MEDIA
        return "get", f"/api/v2/{endpoint}/{tail}", params(rng, names)
    if kind == 4:
        return "post", "/participation/apply/", params(rng, APPLY)
    if kind == 5:
        return "post", "/participation/messages/new/", params(rng, MESSAGE)
    if kind == 6:
        path = rng.choice(
            [
                "/participation/apply/",
                "/participation/status/",
                f"/participation/status/{quote(value(rng), safe='')}/",
                "/participation/messages/",
                f"/participation/messages/{quote(value(rng), safe='')}/",
            ]
        )
        return "get", path, params(rng, ["tracking_number", "status", "p", "page", "q"])
    if kind == 7:
        return "post", urls["consultation"], params(rng, COMMENT)
    base = rng.choice(urls["pages"])
    suffix = rng.choice(PAGE_SUFFIXES) if rng.random() < 0.7 else quote(value(rng), safe="")
    return "get", base + suffix, params(rng, ["page", "p", "q", "year", "order"])


def admin_request(rng, urls):
    this_year = timezone.localdate().year
    # building a year's files takes a while: valid years only with a kind that does not exist
    year, kind = (
        rng.choice([0, 1, 1989, this_year + 2, 99999]),
        rng.choice(["form.xlsx", "form.docx", "stats.json", "stats.csv", "report.docx"]),
    )
    if rng.random() < 0.2:
        year, kind = this_year, value(rng)
    choices = [
        ("get", "/admin/pages/", ["q", "p", "ordering"]),
        (
            "get",
            f"/admin/pages/{rng.choice(urls['page_ids'] + [0, 999999])}/",
            ["q", "p", "ordering"],
        ),
        ("get", "/admin/pages/search/", ["q", "p", "content_type", "ordering"]),
        ("get", "/admin/statistics/", ["year"]),
        (
            "get",
            f"/admin/statistics/{year}/{quote(kind, safe='')}",
            [],
        ),
        ("get", "/admin/statistics/monitor/", ["unit"]),
        ("get", "/admin/participation/applications/", ["status", "p", "q"]),
        ("get", "/admin/participation/messages/", ["status", "p"]),
        ("get", "/admin/participation/comments/", ["status", "p"]),
        ("post", "/admin/participation/comments/", ["comment", "decision", "note"]),
        ("get", "/admin/images/", ["q", "p", "collection_id", "ordering"]),
        ("get", "/admin/documents/", ["q", "p", "collection_id", "ordering"]),
        (
            "get",
            "/admin/reports/review-audit/",
            ["q", "p", "action", "timestamp_from", "timestamp_to"],
        ),
        ("get", "/admin/reports/site-history/", ["q", "p", "action", "timestamp_from"]),
        ("get", "/admin/users/", ["q", "p", "ordering"]),
    ]
    method, path, names = rng.choice(choices)
    return method, path, params(rng, names) if names else {}


def send(client, method, path, data):
    if method == "get":
        return client.get(path, data)
    if random.Random(path).random() < 0.5:
        return client.post(path, data)  # multipart
    return client.post(path, data, content_type="application/x-www-form-urlencoded")


@pytest.fixture
def urls(portal):
    today = timezone.localdate()
    news = make_news(portal.unit_news_column("fgj"), title="榕江县春耕通知")
    item = make_catalog_item(portal.unit_catalogue_column("fgj"), title="部门预算公开")
    consultation = add_page(
        portal.column("interaction.consultations"),
        ConsultationPage(
            title="县城停车管理办法（征求意见稿）",
            start_date=today - dt.timedelta(days=3),
            end_date=today + dt.timedelta(days=27),
            body=paragraph_body("草案全文。"),
        ),
    )
    pages = ["/", news.url, item.url, consultation.url, portal.column("news.headlines").url]
    return {
        "pages": pages,
        "page_ids": [news.pk, item.pk, portal.home.pk],
        "consultation": consultation.url,
    }


def test_no_fuzzed_input_answers_5xx(urls):
    rng = random.Random(SEED)
    public = Client(raise_request_exception=False)
    admin = Client(raise_request_exception=False)
    admin.force_login(UserFactory(username="fuzz_root", is_superuser=True, is_staff=True))
    failures, start, spent = [], time.monotonic(), {}
    for n in range(INPUTS):
        as_admin = n % 8 == 7  # one request in eight in the admin
        method, path, data = (admin_request if as_admin else public_request)(rng, urls)
        t0 = time.monotonic()
        response = send(admin if as_admin else public, method, path, data)
        key = "/".join(path.split("/")[:3])
        spent[key] = spent.get(key, 0) + time.monotonic() - t0
        if response.status_code >= 500:
            failures.append(
                (response.status_code, method, path, {k: v[:60] for k, v in data.items()})
            )
    elapsed = time.monotonic() - start
    assert not failures, f"{len(failures)} of {INPUTS} answered 5xx, e.g. {failures[:5]}"
    print(f"{INPUTS} fuzzed requests in {elapsed:.1f} s")
    for key, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {key}: {seconds:.1f} s")
