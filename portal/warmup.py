"""Warm start: load once, in the gunicorn master before it forks (portal/gunicorn.conf.py),
what each worker would otherwise load lazily on its first request."""

import logging
import time
from pathlib import Path

logger = logging.getLogger(__name__)


def warm_up():
    """Load the search dictionary, the checker's and did-you-mean's vocabularies, the URL
    patterns and the project's templates; close the
    database and cache connections opened for it (a forked worker must not share them).
    Returns the seconds it took."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import DatabaseError, connections
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import get_resolver, reverse
    from django.utils import translation

    started = time.perf_counter()
    from search.segmentation import segmenter

    segmenter.words("榕江县人民政府")  # builds jieba's dictionary with the portal's terms
    from portal.review.checker.typos import vocabulary

    vocabulary()  # the content checker's typo vocabulary (about 1 s)
    from search.synonyms import synonyms

    synonyms.alternatives("社保卡")  # the synonym table (search/synonyms.py)
    from pypinyin import lazy_pinyin

    lazy_pinyin("预热")  # pypinyin's dictionary, for did-you-mean (search/didyoumean.py)
    get_resolver().url_patterns  # noqa: B018 - imports every app's URL module
    for code, _name in settings.LANGUAGES:  # the reverse tables, built once per language
        with translation.override(code):
            reverse("wagtail_serve", args=("",))
    # every template of the project, the included ones too (compiled once, here)
    templates = Path(settings.BASE_DIR) / "templates"
    for path in sorted(templates.rglob("*.html")):
        try:
            get_template(path.relative_to(templates).as_posix())
        except (TemplateDoesNotExist, TemplateSyntaxError):
            pass
    try:
        from wagtail.models import Site

        from search.didyoumean import vocabulary as search_vocabulary

        for site in Site.objects.all():  # did-you-mean's words with their pinyin, per site
            search_vocabulary([site])  # (≈0.1 s each)
    except DatabaseError:  # not migrated yet: built on the first low-result search
        pass
    first_search()
    connections.close_all()
    caches.close_all()
    return time.perf_counter() - started


def first_search():
    """One search through the whole stack, as a visitor asks it, so that what the first
    request of a worker still built lazily is built here, once: the search backend's modules
    and classes, the middleware's and the view's imports, the queries' compiled forms, the
    per-generation memos (filter choices, view restrictions, site identity). 县 is a single
    character, so it is not counted as a popular search; the extra parameter keeps the page
    out of the page cache. Anything that fails (an empty database, a host not allowed) only
    leaves the work to the first visitor, as before."""
    from django.conf import settings
    from django.http.request import validate_host

    try:
        from django.test import Client
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        host = site.hostname if site else "localhost"
        if not validate_host(host, settings.ALLOWED_HOSTS):
            return
        Client(HTTP_HOST=host).get("/search/", {"q": "县", "warmup": "1"})
    except Exception:  # noqa: BLE001 - a warm-up never stops the server from starting
        logger.info("warm start: no first search (database not ready?)", exc_info=True)
