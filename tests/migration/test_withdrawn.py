"""撤稿 survives a migration (issue 11, defect 7): a withdrawn URL still answers 410 with its
public notice after the bundle is imported into a fresh database; the withdrawal records are
validated and imported all or nothing like every other record."""

import json

import pytest
from django.core.management.base import CommandError

from portal.review import services
from portal.review.models import WithdrawnPage
from tests.factories import UserFactory, make_news

from .helpers import EmptyTarget, at, export, import_, read_stream, rewrite_stream, snapshot

NOTICE = "该信息已按规定撤销，相关事项以县政府办公室最新通知为准。"
REASON = "内部原因：数据口径有误，须重新核对"


@pytest.fixture
def withdrawn(portal):
    page = make_news(
        portal.unit_news_column("czj"),
        title="县财政局发布一季度预算执行情况",
        slug="yusuan-yijidu",
        published_at=at(2025, 4, 10),
    )
    final = UserFactory(username="final_mig", is_superuser=True, is_staff=True)
    url = page.url
    services.withdraw(page, final, REASON, public_notice=NOTICE)
    return page, url


def test_a_withdrawn_url_answers_410_after_import_into_a_fresh_database(
    withdrawn, client, tmp_path
):
    page, url = withdrawn
    assert client.get(url).status_code == 410
    bundle = tmp_path / "bundle"
    export(bundle)
    records = [r for r in read_stream(bundle, "snippets") if r["model"] == "review.withdrawnpage"]
    assert len(records) == 1 and records[0]["fields"]["path"] == url
    assert "withdrawn_by" not in records[0]["fields"]  # no user account leaves the site

    target = EmptyTarget(tmp_path)
    try:
        target.manage("import_site", str(bundle), "--quiet-progress")
        code = (
            "import json\nfrom django.test import Client\n"
            f"r = Client().get({url!r})\n"
            "print(json.dumps([r.status_code, r.content.decode()], ensure_ascii=False))"
        )
        status, html = json.loads(target.python(code).strip().splitlines()[-1])
        assert status == 410
        assert NOTICE in html and "县财政局发布一季度预算执行情况" in html
        assert REASON not in html and "数据口径" not in html
        # importing the same bundle again changes nothing
        again = target.manage("import_site", str(bundle), "--quiet-progress").stdout
        assert "共 0 项新建或更新" in again, again
    finally:
        target.drop()


def test_a_withdrawal_record_failing_validation_refuses_the_whole_bundle(withdrawn, tmp_path):
    bundle = tmp_path / "bundle"
    export(bundle)
    WithdrawnPage.objects.all().delete()

    def outside_address(records):
        for r in records:
            if r["model"] == "review.withdrawnpage":
                r["fields"]["path"] = "https://example.com/xwdt/"

    rewrite_stream(bundle, "snippets", outside_address)
    before = snapshot()
    with pytest.raises(CommandError) as info:
        import_(bundle)
    text = str(info.value)
    assert "数据库未作任何修改" in text and "path" in text and "网址路径" in text, text
    assert snapshot() == before
    assert not WithdrawnPage.objects.exists()


def test_a_withdrawal_record_is_restored_by_import(withdrawn, tmp_path, client):
    _page, url = withdrawn
    bundle = tmp_path / "bundle"
    export(bundle)
    WithdrawnPage.objects.all().delete()
    assert client.get(url).status_code == 404
    import_(bundle)
    response = client.get(url)
    assert response.status_code == 410
    assert NOTICE in response.content.decode()
