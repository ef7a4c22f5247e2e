"""信息推送 in the statistics (issue 12 §6): the source site counts a pushed item once; the
receiving site counts its alias as 转载, outside its own 信息发布总数, and shows the figure in
its 年度统计 and on the 统一监管 desk; both sites' ``portal_stats --verify`` stay exact through
the push, a later edit at the source and the source's 撤稿."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.core import clock
from portal.core.roles import FINAL_REVIEWERS, PLATFORM_ADMINS
from portal.platform.push import decide, push
from portal.review.services import withdraw
from tests.factories import UserFactory, make_news
from tests.review.helpers import login

from .helpers import two_counties
from .stats_sites import stats_json, verify_ok

pytestmark = pytest.mark.django_db


def figures(year, county):
    report = stats_json(year, "--site", county.key)
    return report["total"], report["news"]["total"], report["reprints"]


def assert_exact(year, *counties):
    for county in counties:
        ok, text = verify_ok(year, "--site", county.key)
        assert ok, f"{county.key}: {text}"


def test_a_pushed_item_counts_once_at_the_source_and_as_reprint_at_the_receiver(
    client, tmp_path, settings
):
    settings.PORTAL_REQUIRE_2FA = False
    year = clock.today().year
    a, b = two_counties(tmp_path)
    item = make_news(a.czj.news_column.specific, title="甲县财政局开展减税降费宣传")
    receiving = b.czj.news_column.specific
    receiving.accepts_pushes = True
    receiving.save_revision().publish()
    a_before, b_before = figures(year, a), figures(year, b)

    editor = UserFactory(username="a_editor", groups=[a.czj.editors_group])
    b_final = UserFactory(username="b_final", groups=[b.group(FINAL_REVIEWERS)])
    request = decide(b_final, push(editor, item, receiving), accept=True)
    assert request.alias.live

    a_after, b_after = figures(year, a), figures(year, b)
    assert a_after == a_before  # the source counted it when it published it
    total, news, reprints = b_after
    assert (total, news) == b_before[:2]  # not an original publication of B
    assert reprints == b_before[2] + 1
    assert_exact(year, a, b)

    # a later publication at the source updates the alias: no new item anywhere
    item.title = "甲县财政局开展减税降费政策宣传月活动"
    item.save_revision().publish()
    assert figures(year, a) == a_after and figures(year, b) == b_after
    assert_exact(year, a, b)

    # B's 年度统计 shows the 转载 figure; the desk shows it beside B's publications
    platform = UserFactory(username="platform", groups=[Group.objects.get(name=PLATFORM_ADMINS)])
    login(client, platform)
    page = client.get(reverse("statistics_admin:overview"), {"site": b.site.pk, "year": year})
    body = page.content.decode()
    assert "转载其他站点信息（条，不计入信息发布总数）</td><td>1</td>" in body.replace("\n", "")
    desk = client.get(reverse("platform_desk:desk")).content.decode()
    row = desk.split(f'data-site="{b.site.pk}"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="reprints">1</td>' in row

    # 撤稿 at the source: taken back at both, in the same year
    a_final = UserFactory(username="a_final", groups=[a.group(FINAL_REVIEWERS)])
    withdraw(item, a_final, "信息有误")
    assert figures(year, a)[0] == a_before[0] - 1
    assert figures(year, b) == b_before
    assert_exact(year, a, b)
