"""The local dictionary: place and unit names, and terms administrators add."""

import pytest
from wagtail.models import Page

from search.models import SearchTerm
from search.segmentation import segmenter
from tests.factories import make_news, paragraph_body

pytestmark = pytest.mark.django_db


def test_place_and_unit_names_are_kept_whole():
    assert "两汪乡" in segmenter.words("两汪乡召开会议")
    assert "榕江县人力资源和社会保障局" in segmenter.words("榕江县人力资源和社会保障局发布公告")
    # and the words inside them are indexed too
    tokens = segmenter.index_text("榕江县人力资源和社会保障局").split()
    assert {"社会保障", "榕江县"} <= set(tokens)


def test_a_term_added_by_an_administrator_changes_segmentation(portal, admin_client):
    text = "推进宜居宜业和美乡村建设"
    assert "和美乡村" not in segmenter.words(text)
    response = admin_client.post(
        "/admin/snippets/portal_search/searchterm/add/",
        {"word": "和美乡村", "note": "乡村振兴政策用语"},
    )
    assert response.status_code == 302
    try:
        assert "和美乡村" in segmenter.words(text)
        page = make_news(
            portal.unit_news_column("xzfb"), title="文化活动预告", body=paragraph_body(text)
        )
        assert [p.pk for p in Page.objects.live().search("和美乡村")] == [page.pk]
    finally:
        SearchTerm.objects.filter(word="和美乡村").delete()
    assert "和美乡村" not in segmenter.words(text)


def test_terms_must_be_words(admin_client):
    response = admin_client.post(
        "/admin/snippets/portal_search/searchterm/add/", {"word": "县 城", "note": ""}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not SearchTerm.objects.exists()
