"""HTML goes out compressed: brotli or gzip for anonymous pages, never brotli where a form's
CSRF token is on the page, nothing for downloads (portal/pagecache/compression.py)."""

import gzip

import brotli
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.core.columns import ColumnKey
from portal.pagecache.compression import CompressionMiddleware, accepted_encodings
from tests.factories import make_news, paragraph_body


def _pages(portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    item = make_news(column, title="压缩测试稿件", body=paragraph_body("春耕生产。" * 200))
    return ["/", column.url, item.url]


def test_anonymous_pages_are_compressed_cookie_free_and_public(client, portal, page_cache):
    for url in _pages(portal):
        plain = client.get(url)
        assert plain.status_code == 200 and "Content-Encoding" not in plain
        assert "Accept-Encoding" in plain["Vary"]
        for _ in range(2):  # filled by the plain request: the same cached copy
            zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
            assert zipped["X-Page-Cache"] == "HIT"
            assert zipped["Content-Encoding"] == "gzip"
            assert gzip.decompress(zipped.content) == plain.content
            assert len(zipped.content) < len(plain.content) * 0.6
            assert "Accept-Encoding" in zipped["Vary"]
            assert zipped["Cache-Control"].startswith("public, max-age=0, s-maxage=")
            assert not zipped.cookies
        best = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert best["Content-Encoding"] == "br"
        assert brotli.decompress(best.content) == plain.content
        assert not best.cookies


def test_revalidation_matches_the_compressed_copy(client, portal, page_cache):
    url = _pages(portal)[1]
    plain = client.get(url)
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["ETag"] == "W/" + plain["ETag"]  # a weak validator for the encoded body
    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304 and not again.content
    assert again["ETag"] == zipped["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_a_form_with_a_csrf_token_is_never_brotli_and_never_cached(client, portal, page_cache):
    url = reverse("participation:message_new")
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in gzip.decompress(response.content)
    # Django's gzip: per-request masked token and random header bytes (BREACH); no brotli
    assert response["Content-Encoding"] == "gzip"
    assert "public" not in response["Cache-Control"]


def test_downloads_and_small_answers_go_out_as_they_are():
    factory = RequestFactory()
    request = factory.get("/documents/1/report.pdf", HTTP_ACCEPT_ENCODING="gzip, br")
    pdf = HttpResponse(b"%PDF-1.7 " + b"0" * 5000, content_type="application/pdf")
    response = CompressionMiddleware(lambda r: pdf)(request)
    assert "Content-Encoding" not in response and len(response.content) == 5009
    small = HttpResponse("<p>短</p>")
    response = CompressionMiddleware(lambda r: small)(factory.get("/", HTTP_ACCEPT_ENCODING="gzip"))
    assert "Content-Encoding" not in response


def test_accept_encoding_qualities_are_read():
    assert accepted_encodings("gzip;q=0, br") == {"br"}
    assert accepted_encodings("br;q=0.0, gzip;q=0.5") == {"gzip"}
    assert accepted_encodings("") == set()
    assert accepted_encodings("identity") == {"identity"}
