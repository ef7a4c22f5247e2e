"""Issue 15 item 4: an item page shows 上一篇/下一篇 within its column, attachments by title
with type and size (never a stored file name), 成文日期 where it exists, and 字号 buttons."""

import datetime
import json

import pytest
from django.utils import timezone

from portal.core.columns import ColumnKey
from tests import factories

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime.datetime(2026, 5, day, 10, 0))


def test_previous_and_next_stay_in_the_column(client, portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    oldest = factories.make_news(column, title="五月一日的新闻", published_at=at(1))
    middle = factories.make_news(column, title="五月五日的新闻", published_at=at(5))
    newest = factories.make_news(column, title="五月九日的新闻", published_at=at(9))
    factories.make_news(column, title="未发布的草稿", publish=False)
    other = portal.unit_news_column("fgj")
    factories.make_news(other, title="别的栏目的新闻", published_at=at(6))

    html = client.get(middle.url).content.decode()
    assert "上一篇：" in html and "下一篇：" in html
    assert f'href="{newest.url}" rel="prev">五月九日的新闻' in html
    assert f'href="{oldest.url}" rel="next">五月一日的新闻' in html
    assert "别的栏目的新闻" not in html and "未发布的草稿" not in html

    first = client.get(newest.url).content.decode()
    assert 'rel="prev"' not in first and f'href="{middle.url}" rel="next"' in first
    last = client.get(oldest.url).content.decode()
    assert 'rel="next"' not in last and f'href="{middle.url}" rel="prev"' in last


def test_attachments_show_title_type_and_size_never_the_stored_name(client, portal):
    column = portal.column(ColumnKey.NEWS_HEADLINES)
    named = factories.DocumentFactory(title="春耕生产实施方案")
    uploaded = factories.DocumentFactory(title="scan_20260501_x8Hq2.pdf")
    body = json.dumps(
        [
            {"type": "paragraph", "value": "<p>正文。</p>"},
            {"type": "attachment", "value": {"document": named.pk, "title": ""}},
            {"type": "attachment", "value": {"document": uploaded.pk, "title": ""}},
        ]
    )
    page = factories.make_news(column, title="附件展示", body=body)
    html = client.get(page.url).content.decode()
    assert ">春耕生产实施方案</a>" in html
    assert ">scan_20260501_x8Hq2</a>" in html and ">scan_20260501_x8Hq2.pdf<" not in html
    assert named.file.name.rsplit("/", 1)[-1] not in html.split("</main>")[0].replace(named.url, "")
    assert "（PDF，" in html  # type and size
    assert "字节" in html or "KB" in html or "bytes" in html


def test_written_date_and_font_size(client, portal):
    policy = factories.make_policy(
        portal.unit_catalogue_column("fgj"),
        title="关于印发春耕方案的通知",
        written_date=datetime.date(2026, 4, 28),
    )
    html = client.get(policy.url).content.decode()
    assert "成文日期：" in html and "2026-04-28" in html
    for label in ("大", "中", "小"):
        assert f'aria-pressed="false">{label}</button>' in html
