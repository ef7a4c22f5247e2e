"""A Wagtail front-end cache backend for stock nginx (no ngx_cache_purge module).

Instead of ``PURGE``, it sends a ``GET`` with the header ``X-Cache-Refresh: 1`` to nginx;
the documented nginx configuration (docs/deployment.md) answers such a request, from the
loopback address only, with ``proxy_cache_bypass``, which fetches the page from the
application and stores the fresh copy in place of the old one. A page that is gone (404,
410 after 撤稿) is stored too: the application sends ``X-Accel-Expires`` on those answers
to a refresh.

    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "portal.pagecache.backends.NginxRefreshBackend",
            "LOCATION": "http://127.0.0.1:80",
        },
    }
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

logger = logging.getLogger("wagtail.frontendcache")

REFRESH_HEADER = "X-Cache-Refresh"


class NginxRefreshBackend(HTTPBackend):
    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 30))
        self.concurrency = int(params.pop("CONCURRENCY", 2))
        super().__init__(params)

    def purge(self, url):
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = Request(
            urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, ""]),
            headers={"Host": host, REFRESH_HEADER: "1", "User-Agent": "portal-cache-refresh"},
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except HTTPError as error:
            error.read()
            if error.code not in (404, 410):
                logger.error("Couldn't refresh '%s' in nginx: HTTP %d", url, error.code)
        except (URLError, OSError) as error:
            logger.error("Couldn't refresh '%s' in nginx: %s", url, error)

    def purge_batch(self, urls):
        with ThreadPoolExecutor(max_workers=max(1, self.concurrency)) as pool:
            list(pool.map(self.purge, urls))
