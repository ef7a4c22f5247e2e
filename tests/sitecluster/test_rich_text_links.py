"""With several sites, a rich text link to a page of the visitor's own site is relative: it
works on whatever host and port the visitor reached the county on (Wagtail's own handler,
without a request, wrote every link absolute on the site's stored hostname)."""

import pytest
from django.core.cache import cache

from tests.factories import make_news

from .helpers import two_counties


@pytest.mark.django_db
def test_rich_text_page_links_are_relative_on_their_own_site(client, tmp_path):
    a, b = two_counties(tmp_path)
    target = make_news(a.czj.news_column.specific, title="甲县财政局预算公开")
    other = make_news(b.czj.news_column.specific, title="乙县财政局预算公开")
    column = a.czj.news_column.specific
    column.intro = (
        f'<p><a linktype="page" id="{target.pk}">本站链接</a>'
        f'<a linktype="page" id="{other.pk}">外站链接</a></p>'
    )
    column.save_revision().publish()
    cache.clear()
    path = "/" + column.get_url_parts()[2].lstrip("/")
    html = client.get(path, HTTP_HOST=a.hostname).content.decode()
    own = target.get_url_parts()[2]
    assert f'<a href="{own}">本站链接</a>' in html
    assert f'<a href="http://{b.hostname}' in html  # another site's page: its own host
