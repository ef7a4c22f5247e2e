"""Compressed text responses: brotli for shared (public) pages, gzip otherwise.

Sits outside the page cache (settings.MIDDLEWARE: after WhiteNoise, before the session
middleware), so the cache keeps one uncompressed copy and every hit is compressed for the
client that asked; and outside everything that may set a cookie, so it sees the final
response.

- Only text (HTML, XML feeds and sitemaps, JSON, plain text, CSS, JavaScript) at least 200
  bytes long, not streamed and not already encoded: documents, pictures and downloads go out
  as they are (range requests and Content-Length stay intact).
- ``Vary: Accept-Encoding`` on every such response, compressed or not, so that no shared
  cache hands a compressed page to a client that cannot read it.
- BREACH (compression of a response that mixes a secret with text an attacker chooses):
  brotli only for responses the page cache marked ``public`` — anonymous, no cookie set, no
  CSRF token used — which hold no secret. Everything else (forms, the admin) gets Django's
  gzip with its mitigations: CSRF tokens masked per request, and up to 100 random bytes in the
  gzip header ("Heal the Breach", Django 4.2+).
- ETag: the page cache computes it on the uncompressed body; a compressed body says
  ``W/"…"`` (a weak validator, as Django's GZipMiddleware does), and a 304 to a client that
  accepts compression says the same, so revalidation matches either way.
"""

import re

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

try:  # optional: gzip only without it
    import brotli
except ImportError:  # pragma: no cover - brotli is a declared dependency
    brotli = None

MIN_LENGTH = 200
#: dynamic pages: quality 5 compresses about as fast as gzip -6 and ~15 % smaller
BROTLI_QUALITY = 5
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript|xhtml\+xml)|image/svg\+xml)",
    re.I,
)
_TOKEN = re.compile(r"\s*([a-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$", re.I)


def accepted_encodings(header):
    """The codings of an Accept-Encoding header with a non-zero quality."""
    accepted = set()
    for part in (header or "").split(","):
        match = _TOKEN.match(part)
        if not match:
            continue
        coding, quality = match.group(1).lower(), match.group(2)
        try:
            if quality is not None and float(quality) <= 0:
                continue
        except ValueError:
            continue
        accepted.add(coding)
    return accepted


def is_shared(request, response):
    """A response the page cache made public: the same for every anonymous visitor."""
    cache_control = response.get("Cache-Control", "").lower()
    return (
        "public" in cache_control
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _weaken_etag(response):
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response.headers["ETag"] = "W/" + etag


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.status_code == 304:
            if accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING")) & {"gzip", "br"}:
                _weaken_etag(response)
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or not COMPRESSIBLE.match(response.get("Content-Type", ""))
            or len(response.content) < MIN_LENGTH
        ):
            return response
        accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING"))
        if brotli is not None and "br" in accepted and is_shared(request, response):
            patch_vary_headers(response, ("Accept-Encoding",))
            compressed = brotli.compress(
                response.content, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT
            )
            if len(compressed) < len(response.content):
                response.content = compressed
                response.headers["Content-Length"] = str(len(compressed))
                response.headers["Content-Encoding"] = "br"
                _weaken_etag(response)
            return response
        if "gzip" not in accepted:
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)
