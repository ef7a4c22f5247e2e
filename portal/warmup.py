"""Warm start: load once, in the gunicorn master before it forks (portal/gunicorn.conf.py),
what each worker would otherwise load lazily on its first request."""

import time


def warm_up():
    """Load the search dictionary, the URL patterns and the public templates; close the
    database and cache connections opened for it (a forked worker must not share them).
    Returns the seconds it took."""
    from django.core.cache import caches
    from django.db import connections
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.urls import get_resolver

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
    for name in (
        "base.html",
        "home/home_page.html",
        "home/column_page.html",
        "news/news_page.html",
        "search/search.html",
    ):
        try:
            get_template(name)
        except TemplateDoesNotExist:
            pass
    connections.close_all()
    caches.close_all()
    return time.perf_counter() - started
