"""回收站: deleting moves the page into the bin (public URL gone, 索引号 kept), an admin
restores it as a draft under its former parent or a chosen one, and after 30 days the
scheduled command purges it."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from portal.core import clock
from portal.desk.models import RecycledPage
from portal.review.services import withdraw
from portal.statistics.models import PublicationEvent
from tests.factories import make_catalog_item, make_news


def _delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))


def test_deleted_page_goes_to_the_bin_and_is_restored_as_a_draft(
    client, portal, column, site_admin
):
    page = make_news(column, title="回收站测试稿件", publish=False)
    draft_url = column.url + page.slug + "/"
    revisions = page.revisions.count()
    editor = portal.editor("czj")
    client.force_login(editor)
    confirm = client.get(reverse("wagtailadmin_pages:delete", args=(page.pk,))).content.decode()
    assert "移入回收站" in confirm
    response = _delete(client, page)
    assert response.status_code == 302

    entry = RecycledPage.objects.get(page_id=page.pk)
    assert entry.deleted_by == editor and entry.former_parent_id == column.pk
    assert Page.objects.filter(pk=page.pk).exists()  # kept, with its revisions
    assert page.revisions.count() == revisions
    client.logout()
    assert client.get(draft_url).status_code == 404
    assert client.get("/portal-recycle-bin/").status_code == 404
    assert "回收站测试稿件" not in client.get(column.url).content.decode()

    # a page in the bin is not edited there (approved there, it would go live outside the site)
    superuser = site_admin.__class__.objects.create_superuser("desk_root", "r@example.gov.cn", "x")
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 302 and response["Location"] == reverse("desk_recycle_bin")

    # editors do not see the bin; the site admin does, with who and when
    client.force_login(editor)
    assert client.get(reverse("desk_recycle_bin")).status_code == 302
    client.force_login(site_admin)
    listing = client.get(reverse("desk_recycle_bin")).content.decode()
    assert "回收站测试稿件" in listing and editor.username in listing
    assert f"{timezone.localtime(entry.deleted_at):%Y-%m-%d %H:%M}" in listing
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("desk_recycle_bin") in menu

    response = client.post(reverse("desk_recycle_restore", args=(entry.pk,)), {"parent": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.get_parent().pk == column.pk and not page.live
    assert not RecycledPage.objects.filter(page_id=page.pk).exists()
    assert PageLogEntry.objects.filter(page_id=page.pk, action="desk.restore").exists()


def test_live_page_must_be_withdrawn_first_and_keeps_its_index_number(client, portal, site_admin):
    column = portal.unit_catalogue_column("czj")
    item = make_catalog_item(column, title="有索引号的公开信息")
    number = item.index_number
    assert number
    client.force_login(site_admin)
    _delete(client, item)
    assert not RecycledPage.objects.filter(page_id=item.pk).exists()  # live: 撤稿 first
    url = item.url
    withdraw(item, site_admin, "内容已过期")
    events = PublicationEvent.objects.count()
    _delete(client, item)
    assert RecycledPage.objects.filter(page_id=item.pk).exists()
    assert PublicationEvent.objects.count() == events  # statistics untouched by the bin
    client.logout()
    assert client.get(url).status_code == 410  # the withdrawal notice stays
    item.refresh_from_db()
    assert item.index_number == number

    client.force_login(site_admin)
    entry = RecycledPage.objects.get(page_id=item.pk)
    client.post(reverse("desk_recycle_purge", args=(entry.pk,)))
    assert not Page.objects.filter(pk=item.pk).exists()
    later = make_catalog_item(column, title="之后发布的公开信息")
    assert later.index_number and later.index_number != number  # never reused


def test_restore_to_a_chosen_parent_when_the_former_one_is_gone(client, portal, column, site_admin):
    page = make_news(column, title="原栏目已删的稿件", publish=False)
    client.force_login(site_admin)
    _delete(client, page)
    entry = RecycledPage.objects.get(page_id=page.pk)
    entry.former_parent = None
    entry.save()
    url = reverse("desk_recycle_restore", args=(entry.pk,))
    form = client.get(url).content.decode()
    assert "已不存在，请选择恢复到的位置" in form and "恢复为草稿" in form
    response = client.post(url, {"parent": ""})
    assert response.status_code == 200
    assert "原上级页面已不存在，请选择恢复到的位置。" in response.content.decode()
    other = portal.unit_news_column("gzz")
    assert client.post(url, {"parent": other.pk}).status_code == 302
    page.refresh_from_db()
    assert page.get_parent().pk == other.pk


def test_bin_is_purged_after_30_days_and_purge_now(client, portal, column, site_admin):
    old = make_news(column, title="三十天前删除的稿件", publish=False)
    recent = make_news(column, title="刚删除的稿件", publish=False)
    other = make_news(column, title="立即彻底删除的稿件", publish=False)
    client.force_login(site_admin)
    start = timezone.now()
    with clock.frozen(start - timedelta(days=31)):
        _delete(client, old)
    for page in (recent, other):
        _delete(client, page)
    assert RecycledPage.objects.count() == 3

    call_command("purge_recycle_bin", verbosity=0)
    assert not Page.objects.filter(pk=old.pk).exists()
    assert Page.objects.filter(pk=recent.pk).exists()

    with clock.frozen(start + timedelta(days=29)):
        call_command("purge_recycle_bin", verbosity=0)
    assert Page.objects.filter(pk=recent.pk).exists()

    entry = RecycledPage.objects.get(page_id=other.pk)  # 彻底删除 now, from the bin page
    confirm = client.get(reverse("desk_recycle_purge", args=(entry.pk,))).content.decode()
    assert "彻底删除后不能恢复" in confirm
    assert client.post(reverse("desk_recycle_purge", args=(entry.pk,))).status_code == 302
    assert not Page.objects.filter(pk=other.pk).exists()
    assert Page.objects.filter(pk=recent.pk).exists()

    with clock.frozen(start + timedelta(days=31)):
        call_command("purge_recycle_bin", verbosity=0)
    assert not Page.objects.filter(pk=recent.pk).exists()
    assert not RecycledPage.objects.exists()


def test_bulk_delete_moves_into_the_bin(client, portal, column, site_admin):
    from urllib.parse import urlencode

    a = make_news(column, title="批量删除稿件甲", publish=False)
    b = make_news(column, title="批量删除稿件乙", publish=False)
    client.force_login(site_admin)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    url += "?" + urlencode([("next", "/admin/"), ("id", a.pk), ("id", b.pk)])
    assert client.post(url).status_code == 302
    assert RecycledPage.objects.filter(page_id__in=[a.pk, b.pk]).count() == 2


def test_pages_in_the_bin_are_not_exported(client, portal, column, site_admin, tmp_path):
    from tests.migration.helpers import export

    kept = make_news(column, title="留在网站上的稿件")
    binned = make_news(column, title="回收站里的稿件", publish=False)
    client.force_login(site_admin)
    _delete(client, binned)
    export(tmp_path / "bundle")
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "bundle").rglob("pages*"))
    assert kept.title in pages
    assert "回收站里的稿件" not in pages and "portal-recycle-bin" not in pages


def test_bulk_delete_leaves_live_pages_alone(client, portal, column, site_admin):
    from urllib.parse import urlencode

    live = make_news(column, title="批量删除中的已发布稿件")
    draft = make_news(column, title="批量删除中的草稿", publish=False)
    client.force_login(site_admin)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    url += "?" + urlencode([("next", "/admin/"), ("id", live.pk), ("id", draft.pk)])
    html = client.get(url).content.decode()
    assert "批量删除中的已发布稿件" in html  # listed as not deletable
    response = client.post(url)
    assert response.status_code == 302
    assert Page.objects.filter(pk=live.pk, live=True).exists()
    assert not RecycledPage.objects.filter(page_id=live.pk).exists()
    assert RecycledPage.objects.filter(page_id=draft.pk).exists()
