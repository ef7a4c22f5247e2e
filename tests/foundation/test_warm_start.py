"""Warm start (portal/warmup.py, run by portal/gunicorn.conf.py in the gunicorn master)."""

from django.db import connections

from search.segmentation import segmenter


def test_warm_up_builds_the_dictionary_and_leaves_no_connection_open():
    from portal.warmup import warm_up

    segmenter._tokenizer = None
    warm_up()
    assert segmenter._tokenizer is not None
    assert segmenter.is_word("榕江")  # the portal's own terms are in
    # a connection opened in the master would be shared by every forked worker
    assert all(connections[alias].connection is None for alias in connections)
