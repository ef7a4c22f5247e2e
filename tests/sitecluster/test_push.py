"""Issue 12 acceptance: 信息推送. County A pushes a published item to a column of county B that
accepts pushes; it appears there only after B's 终审 accepts it (through the admin views),
follows later publications at the source, and disappears when the source is withdrawn."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.core.roles import FINAL_REVIEWERS
from portal.platform.models import PushRequest, PushStatus
from portal.review.services import withdraw
from tests.factories import UserFactory, make_news
from tests.review.helpers import login

from .helpers import two_counties


@pytest.mark.django_db
def test_push_is_shown_after_the_receivers_final_review_and_follows_the_source(
    client, tmp_path, settings
):
    settings.PORTAL_REQUIRE_2FA = False
    a, b = two_counties(tmp_path)
    item = make_news(a.czj.news_column.specific, title="甲县财政局开展减税降费宣传")
    receiving = b.czj.news_column.specific
    receiving.accepts_pushes = True
    receiving.save_revision().publish()
    editor = UserFactory(username="a_editor", groups=[a.czj.editors_group])
    b_final = UserFactory(username="b_final", groups=[b.group(FINAL_REVIEWERS)])
    a_final = UserFactory(username="a_final", groups=[a.group(FINAL_REVIEWERS)])

    login(client, editor)
    form = client.get(reverse("platform_desk:push", args=(item.pk,)))
    assert form.status_code == 200 and "乙县人民政府" in form.content.decode()
    client.post(reverse("platform_desk:push", args=(item.pk,)), {"column": receiving.pk})
    request = PushRequest.objects.get(source=item)
    assert request.status == PushStatus.PENDING

    listing = "/" + receiving.get_url_parts()[2].lstrip("/")
    cache.clear()
    assert (
        "甲县财政局开展减税降费宣传"
        not in client.get(listing, HTTP_HOST=b.hostname).content.decode()
    )

    # county A's 终审 cannot accept for county B; B's 终审 can
    login(client, a_final)
    client.post(reverse("platform_desk:push_inbox"), {"request": request.pk, "decision": "accept"})
    request.refresh_from_db()
    assert request.status == PushStatus.PENDING
    login(client, b_final)
    inbox = client.get(reverse("platform_desk:push_inbox")).content.decode()
    assert "甲县财政局开展减税降费宣传" in inbox
    response = client.post(
        reverse("platform_desk:push_inbox"),
        {"request": request.pk, "decision": "accept"},
        follow=True,
    )
    request.refresh_from_db()
    import re as _re

    assert request.status == PushStatus.ACCEPTED, (
        _re.findall(r'class="messages".{0,600}', response.content.decode(), _re.S)
        or response.redirect_chain
    )
    assert request.alias.live
    client.logout()
    cache.clear()
    assert (
        "甲县财政局开展减税降费宣传" in client.get(listing, HTTP_HOST=b.hostname).content.decode()
    )

    # a later publication at the source shows on B
    item.title = "甲县财政局开展减税降费政策宣传月活动"
    item.save_revision().publish()
    cache.clear()
    assert "减税降费政策宣传月活动" in client.get(listing, HTTP_HOST=b.hostname).content.decode()

    # 撤稿 at the source withdraws it on B too
    withdraw(item, a_final, "信息有误")
    request.alias.refresh_from_db()
    assert not request.alias.live
    cache.clear()
    assert (
        "减税降费政策宣传月活动" not in client.get(listing, HTTP_HOST=b.hostname).content.decode()
    )
