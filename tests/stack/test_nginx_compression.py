"""Behind nginx: one uncompressed copy in nginx's cache, compressed by nginx for the clients
that ask (docs/deployment.md, ``proxy_set_header Accept-Encoding ""``)."""

import gzip
import http.client

import pytest

pytestmark = pytest.mark.stack


def _get(stack, path, encoding):
    conn = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    headers = {"Host": "localhost"}
    if encoding:
        headers["Accept-Encoding"] = encoding
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_cached_page_reaches_every_client_in_an_encoding_it_reads(stack):
    for encoding in ("gzip, br", "gzip, br"):  # fills nginx's cache, then a hit
        response, body = _get(stack, "/", encoding)
        assert response.status == 200
        assert response.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(body).lstrip().startswith(b"<!DOCTYPE html>")
    assert response.getheader("X-Cache-Status") == "HIT"
    # a client that accepts no compression gets the same cached page, readable
    response, body = _get(stack, "/", None)
    assert response.getheader("X-Cache-Status") == "HIT"
    assert response.getheader("Content-Encoding") is None
    assert body.lstrip().startswith(b"<!DOCTYPE html>")
    assert "榕江".encode() in body
