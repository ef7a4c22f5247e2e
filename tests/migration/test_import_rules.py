"""Import rules on a representative site: idempotence, refusal of corrupt bundles with the
database unchanged, dry run, incremental export, redirects from old URLs."""

import csv
import shutil

import pytest
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from news.models import NewsPage

from .helpers import (
    at,
    build_site,
    export,
    import_,
    manifest,
    read_stream,
    rewrite_stream,
    snapshot,
    snapshot_diff,
    write_manifest,
)


@pytest.fixture
def site(portal):
    return build_site(portal)


@pytest.fixture
def bundle(site, tmp_path):
    path = tmp_path / "bundle"
    export(path)
    return path


def test_bundle_describes_the_site(site, bundle):
    m = manifest(bundle)
    assert m["schema_version"].startswith("1.")
    assert m["source"]["site_code"] == "5226320001"  # 网站标识码 of the bootstrapped site
    files = {f["path"]: f for f in m["files"]}
    assert m["counts"]["pages"] == len(read_stream(bundle, "pages"))
    for record in read_stream(bundle, "images") + read_stream(bundle, "documents"):
        assert files[record["file"]]["sha256"] == record["sha256"]
        assert (bundle / record["file"]).stat().st_size == record["size"]
    pages = {r["key"]: r for r in read_stream(bundle, "pages")}
    news = pages[f"page:{site['news'].translation_key}:zh-hans"]
    assert news["first_published_at"].startswith("2025-03-01T01:30")  # 09:30 in Beijing
    assert news["url"].endswith(site["news"].url_path.split("/", 2)[2])
    # references travel as stable keys, never as database ids
    paragraph = news["fields"]["body"][0]["value"]
    assert f'id="page:{site["policy"].translation_key}:zh-hans"' in paragraph
    assert 'linktype="document" id="document:' in paragraph
    assert news["fields"]["cover_image"].startswith("image:")
    catalog = pages[f"page:{site['catalog'].translation_key}:zh-hans"]
    assert catalog["index_number"] == site["catalog"].index_number
    assert catalog["owner_unit"] == f"unit:{site['catalog'].unit.code}"
    draft = pages[f"page:{site['draft'].translation_key}:zh-hans"]
    assert draft["live"] is False and draft["first_published_at"] is None
    pending = pages[f"page:{site['pending'].translation_key}:zh-hans"]
    assert pending["title"] == "已发布后又修改的稿件"
    assert pending["draft"]["title"] == "已发布后又修改的稿件（修改稿）"
    assert any(r["locale"] == "en" for r in pages.values())
    # nothing personal: no user field anywhere
    text = (bundle / "pages.jsonl").read_text(encoding="utf-8")
    assert '"owner"' not in text and "uploaded_by_user" not in (bundle / "images.jsonl").read_text(
        encoding="utf-8"
    )


def test_importing_into_the_same_site_changes_nothing(site, bundle):
    before = snapshot()
    output = import_(bundle)
    assert "共 0 项新建或更新" in output
    after = snapshot()
    # the only write: which bundle record is which object here (images, snippets …), so
    # that later imports from the same source find them without guessing
    assert after.pop("ImportedObject") > 0
    before.pop("ImportedObject")
    assert after == before, snapshot_diff(before, after)
    before = snapshot()
    assert "共 0 项新建或更新" in import_(bundle)
    assert snapshot() == before


def test_import_restores_what_changed_and_second_import_changes_nothing(site, bundle):
    news = NewsPage.objects.get(pk=site["news"].pk)
    news.title = "被改动的标题"
    news.save_revision(log_action=False).publish(log_action=False)
    site["unit_news"].delete()
    output = import_(bundle)
    assert "页面：新建 1，更新 1" in output
    restored = NewsPage.objects.get(
        translation_key=site["unit_news"].translation_key, locale=Locale.get_default()
    )
    assert restored.live and restored.first_published_at == at(2025, 4, 2)
    news.refresh_from_db()
    assert news.title == "县政府召开春耕生产调度会"
    assert news.last_published_at == site["news"].last_published_at
    before = snapshot()
    assert "共 0 项新建或更新" in import_(bundle)
    assert snapshot() == before


def _damaged_site(site):
    """Change the site so that a good import would write something."""
    page = NewsPage.objects.get(pk=site["unit_news"].pk)
    page.title = "导入前被改动的标题"
    page.save_revision(log_action=False).publish(log_action=False)


def _refused(bundle, *messages):
    before = snapshot()
    with pytest.raises(CommandError) as info:
        import_(bundle)
    text = str(info.value)
    assert "数据库未作任何修改" in text
    for message in messages:
        assert message in text, text
    assert snapshot() == before
    return text


def test_changed_byte_is_refused(site, bundle):
    _damaged_site(site)
    record = read_stream(bundle, "images")[0]
    path = bundle / record["file"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    _refused(bundle, record["file"], "SHA-256")


def test_missing_file_is_refused(site, bundle):
    _damaged_site(site)
    record = read_stream(bundle, "documents")[0]
    (bundle / record["file"]).unlink()
    _refused(bundle, "缺少文件", record["file"])


def test_page_whose_parent_is_missing_is_refused(site, bundle, tmp_path):
    _damaged_site(site)

    def orphan(records):
        for r in records:
            if r["title"] == "发改局开展项目调度":
                r["parent"] = "page:00000000-0000-0000-0000-000000000000:zh-hans"

    rewrite_stream(bundle, "pages", orphan)
    _refused(bundle, "发改局开展项目调度", "parent", "上级页面")


def test_field_failing_validation_is_refused(site, bundle):
    _damaged_site(site)

    def invalid(records):
        for r in records:
            if r["title"] == "2024年部门预算公开":
                r["fields"]["validity"] = "废止"  # without 失效或废止日期
                r["fields"]["invalid_date"] = None

    rewrite_stream(bundle, "pages", invalid)
    _refused(bundle, "2024年部门预算公开", "invalid_date", "失效或废止日期")


def test_wrong_schema_version_is_refused(site, bundle):
    _damaged_site(site)
    m = manifest(bundle)
    m["schema_version"] = "2.0"
    write_manifest(bundle, m)
    _refused(bundle, "不支持的迁移包格式版本", "2.0")


def test_record_not_matching_the_schema_is_refused(site, bundle):
    _damaged_site(site)
    rewrite_stream(bundle, "pages", lambda records: records[3].pop("slug"))
    _refused(bundle, "pages.jsonl 第 4 行", "slug")


def test_dry_run_reports_without_writing(site, bundle):
    site["unit_news"].delete()
    before = snapshot()
    output = import_(bundle, "--dry-run")
    assert "试运行" in output and "页面：新建 1" in output
    assert snapshot() == before


def test_incremental_export_carries_only_recent_changes(site, tmp_path):
    path = tmp_path / "since"
    export(path, "--since", "2025-01-01")
    titles = {r["title"] for r in read_stream(path, "pages")}
    assert "县政府召开春耕生产调度会" in titles  # published 2025-03-01
    assert "2024年部门预算公开" not in titles  # published 2024-01-20, unchanged since
    images = read_stream(path, "images")
    assert [r["fields"]["title"] for r in images] == ["春耕现场"]  # used by a recent page
    assert manifest(path)["incremental"] is True
    site["news"].delete()
    output = import_(path)
    assert "页面：新建 1" in output
    assert NewsPage.objects.filter(translation_key=site["news"].translation_key).exists()


@pytest.mark.slow
def test_old_urls_answer_301_after_import_under_a_different_structure(
    site, bundle, client, tmp_path
):
    """The target platform hosts the county below its own home page: every page moves one
    level down, and the old addresses redirect permanently to the new ones."""
    from home.models import HomePage

    old = {
        site["news"].translation_key: site["news"].url,
        site["catalog"].translation_key: site["catalog"].url,
    }
    english_old = site["english"].url
    old_homes = list(HomePage.objects.all())
    province = HomePage(title="省级集约化平台", slug="province")
    Page.get_first_root_node().add_child(instance=province)
    province.save_revision(log_action=False).publish(log_action=False)
    english_root = province.copy_for_translation(Locale.objects.get(language_code="en"))
    english_root.save_revision(log_action=False).publish(log_action=False)
    old_sites = list(Site.objects.all())
    new_site = Site.objects.create(hostname="platform.test", port=80, root_page=province)
    # the units stay (a site with units cannot be deleted): they move to the platform's site
    from portal.units.models import Unit

    Unit.objects.update(site=new_site)
    for home in old_homes:
        home.delete()
    Site.objects.filter(pk__in=[s.pk for s in old_sites]).delete()
    Site.objects.filter(pk=new_site.pk).update(hostname="localhost", is_default_site=True)
    url_map = tmp_path / "urls.csv"
    import_(bundle, "--under", str(province.pk), "--url-map", str(url_map))
    news = NewsPage.objects.get(
        translation_key=site["news"].translation_key, locale=Locale.get_default()
    )
    assert news.url == "/home" + old[news.translation_key]
    for key, old_url in old.items():
        page = Page.objects.get(translation_key=key, locale=Locale.get_default())
        response = client.get(old_url)
        assert response.status_code == 301, old_url
        assert response["Location"].endswith(page.url)
        assert client.get(page.url).status_code == 200
    english = Page.objects.get(
        translation_key=site["english"].translation_key, locale__language_code="en"
    )
    response = client.get(english_old)
    assert response.status_code == 301 and response["Location"].endswith(english.url)
    rows = list(csv.DictReader(url_map.open(encoding="utf-8")))
    changed = {r["old_url"]: r["new_url"] for r in rows if r["changed"] == "yes"}
    assert any(
        o.endswith(old[news.translation_key]) and n.endswith(news.url) for o, n in changed.items()
    )
    # the same import again writes nothing more, not even redirects
    count = Redirect.objects.count()
    assert "共 0 项新建或更新" in import_(bundle, "--under", str(province.pk))
    assert Redirect.objects.count() == count


def test_bundle_copy_is_self_contained(site, bundle, tmp_path):
    """A bundle moved elsewhere (another disk, another machine) imports the same."""
    moved = tmp_path / "moved"
    shutil.copytree(bundle, moved)
    import_(bundle)
    before = snapshot()
    assert "共 0 项新建或更新" in import_(moved)
    assert snapshot() == before


def test_hand_entered_statistics_travel_with_the_bundle(site, tmp_path):
    """Figures admins typed in for the annual reports are part of a site's statistics."""
    from portal.statistics.models import AnnualFormInput, ReviewLitigationRecord

    AnnualFormInput.objects.create(year=2024, total_visits=123456, unique_visitors=7890)
    ReviewLitigationRecord.objects.create(
        year=2024,
        proceeding=ReviewLitigationRecord._meta.get_field("proceeding").choices[0][0],
        outcome=ReviewLitigationRecord._meta.get_field("outcome").choices[0][0],
        case_number="榕府复〔2024〕3号",
    )
    path = tmp_path / "stats"
    export(path)
    AnnualFormInput.objects.all().delete()
    ReviewLitigationRecord.objects.all().delete()
    import_(path)
    form = AnnualFormInput.objects.get(year=2024)
    assert (form.total_visits, form.unique_visitors) == (123456, 7890)
    assert ReviewLitigationRecord.objects.get(year=2024).case_number == "榕府复〔2024〕3号"
    assert "共 0 项新建或更新" in import_(path)
    assert ReviewLitigationRecord.objects.count() == 1


def test_private_pages_stay_private(site, bundle, client):
    from wagtail.models import PageViewRestriction

    private = site["private"]
    PageViewRestriction.objects.filter(page=private).delete()
    assert "内部工作通知" in client.get(private.url).content.decode()
    import_(bundle)
    restriction = PageViewRestriction.objects.get(page=private)
    assert (restriction.restriction_type, restriction.password) == ("password", "Neibu-2025")
    assert "内部工作通知的正文" not in client.get(private.url).content.decode()
    assert "共 0 项新建或更新" in import_(bundle)
