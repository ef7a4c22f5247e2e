"""Issue 12 acceptance: moving a county onto the platform.

A county's bundle (``export_site --site KEY`` of this test database's county, with news, a
unit's 索引号 item and its statistics, given its own page identities and unit codes as a
bundle from another installation has) is imported with ``import_site --as-site`` into a
platform that already holds three counties. Every row that existed before — pages, revisions, units, groups
and their permissions, sites and identities, collections, media, redirects, statistics,
索引号 counters, rules — is unchanged afterwards; the new site answers on its own hostname;
importing the bundle a second time changes nothing at all.
"""

import hashlib
import json
import re
import uuid
from pathlib import Path

import pytest

from tests.factories import make_catalog_item, make_news

from ..migration.helpers import export, import_
from .helpers import two_counties, unit_code

MODELS = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailcore.Site",
    "wagtailcore.Collection",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowPage",
    "wagtailcore.Task",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "auth.Group",
    "core.SiteIdentity",
    "core.PortalSite",
    "core.SiteGroup",
    "units.Unit",
    "statistics.PublicationEvent",
    "statistics.DailyCount",
    "disclosure_catalog.IndexNumberSequence",
    "review.WordingRule",
    "portal_search.Synonym",
]


def snapshot():
    """Every row of the tables an import may write, by primary key (tree nodes without
    their child count: a new site is a new child of the tree root)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    out = {}
    for label in MODELS:
        model = apps.get_model(label)
        skip = {"numchild"}
        if label == "wagtailcore.Collection":
            # collections are kept sorted by name: a new sibling renumbers the materialised
            # paths after it; what a collection is (name, parent, depth) must not change
            skip.add("path")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
        out[label] = {row[0]: row for row in model.objects.values_list("pk", *fields)}
    from wagtail.models import Collection

    out["collection parents"] = {
        c.pk: c.get_parent().pk if c.depth > 1 else None for c in Collection.objects.all()
    }
    out["auth.Group.permissions"] = {
        g.pk: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    return out


def disguise(bundle, area):
    """Make this database's export another county's bundle: its own translation keys (page
    identities), unit codes and source — as a bundle from another installation has."""
    streams = sorted(Path(bundle).glob("*.jsonl"))
    text = {path: path.read_text(encoding="utf-8") for path in streams}
    keys = set()
    for body in text.values():
        keys.update(re.findall(r"page:([0-9a-f-]{36}):", body))
    codes = [
        json.loads(line)["key"].split(":", 1)[1]
        for line in text[Path(bundle) / "units.jsonl"].splitlines()
        if line
    ]
    replace = {key: str(uuid.uuid4()) for key in keys}
    replace.update({code: unit_code(area, n + 1) for n, code in enumerate(codes)})
    pattern = re.compile("|".join(re.escape(k) for k in sorted(replace, key=len, reverse=True)))
    m = json.loads((Path(bundle) / "manifest.json").read_text(encoding="utf-8"))
    for path, body in text.items():
        data = pattern.sub(lambda match: replace[match.group(0)], body).encode()
        path.write_bytes(data)
        for entry in m["files"]:
            if entry["path"] == path.name:
                entry["sha256"] = hashlib.sha256(data).hexdigest()
                entry["size"] = len(data)
    m["source"]["site_code"] = "5226099999"
    m["source"]["hostname"] = "www.banqian.gov.cn"
    m["source"]["id"] = "banqian-county"
    (Path(bundle) / "manifest.json").write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")


def changed_rows(before, after):
    lines = []
    for label, rows in before.items():
        for pk, row in rows.items():
            if after.get(label, {}).get(pk) != row:
                lines.append(f"{label} #{pk}: {row} → {after.get(label, {}).get(pk)}")
    return lines


@pytest.mark.django_db
def test_import_bundle_as_new_site_changes_no_row_of_the_others(portal, tmp_path, client):
    from portal.core.columns import ColumnKey
    from portal.core.sites import site_by_key
    from portal.units.models import Unit

    headlines = portal.column(ColumnKey.NEWS_HEADLINES)
    for n in range(3):
        make_news(headlines, title=f"搬迁县要闻{n}")
    make_catalog_item(portal.unit_catalogue_column("czj"), title="搬迁县财政预算公开")
    bundle = tmp_path / "bundle"
    export(bundle, "--site", "rongjiang")
    disguise(bundle, "522699")
    # the platform: the first county and two more
    two_counties(tmp_path)

    before = snapshot()
    out = import_(bundle, "--as-site", "banqian", "--hostname", "banqian.test")
    assert "导入完成" in out
    after = snapshot()
    assert not changed_rows(before, after), "\n".join(changed_rows(before, after)[:20])
    site = site_by_key("banqian")
    assert site.hostname == "banqian.test" and site.root_page.depth == 2
    assert (
        Unit.objects.filter(site=site).count()
        == Unit.objects.filter(site_id=portal.home.get_site().pk).count()
    )

    # the new site serves its own home page and news, not another site's
    html = client.get("/", HTTP_HOST="banqian.test").content.decode()
    assert "搬迁县要闻0" in html
    other = client.get("/", HTTP_HOST="jiaxian.test").content.decode()
    assert "搬迁县要闻0" not in other

    second = import_(bundle, "--as-site", "banqian", "--hostname", "banqian.test")
    assert "共 0 项新建或更新" in second, second
    again = snapshot()
    assert not changed_rows(after, again), "\n".join(changed_rows(after, again)[:20])
    assert {label: len(rows) for label, rows in again.items()} == {
        label: len(rows) for label, rows in after.items()
    }
