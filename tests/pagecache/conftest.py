import pytest
from django.core.cache import cache
from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    """A front-end cache that remembers what it was asked to purge."""

    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def page_cache(settings):
    """The page cache on (tests/settings turn it off), with a clean cache and a recording
    front-end cache backend."""
    settings.PAGECACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": "tests.pagecache.conftest.RecordingBackend"}
    }
    cache.clear()
    RecordingBackend.purged = []
    yield RecordingBackend
    cache.clear()
