"""Two counties on one platform, built with the real ``bootstrap_portal --site`` code path.

Both have a 县财政局 with the same name and slug (``czj``) and the same column keys; their
unit codes differ (统一社会信用代码 are unique in the country)."""

import json
from types import SimpleNamespace

from django.contrib.auth.models import Group

from home.bootstrap import Bootstrapper
from portal.core.sites import group_name
from portal.units.codes import org_code_check_char, uscc_check_char
from portal.units.models import Unit


def unit_code(area, serial):
    org8 = f"8{serial:07d}"
    first17 = f"11{area}" + org8 + org_code_check_char(org8)
    return first17 + uscc_check_char(first17)


def units_file(tmp_path, key, area, place):
    data = {
        "units": [
            {
                "name": f"{place}人民政府办公室",
                "short_name": "县政府办",
                "kind": "office",
                "code": unit_code(area, 1),
                "slug": "xzfb",
                "sort_order": 10,
            },
            {
                "name": "县财政局",
                "short_name": "县财政局",
                "kind": "department",
                "code": unit_code(area, 2),
                "slug": "czj",
                "sort_order": 20,
            },
        ]
    }
    path = tmp_path / f"units-{key}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def build_county(tmp_path, key, hostname, name, area):
    place = name.removesuffix("人民政府")
    bootstrapper = Bootstrapper(
        site_key=key,
        hostname=hostname,
        name=name,
        units_file=units_file(tmp_path, key, area, place),
    )
    home = bootstrapper.run()
    site = bootstrapper.site
    return SimpleNamespace(
        key=key,
        site=site,
        home=home,
        hostname=hostname,
        name=name,
        czj=Unit.objects.get(site=site, slug="czj"),
        group=lambda base, site=site: Group.objects.get(name=group_name(site, base)),
    )


def two_counties(tmp_path):
    a = build_county(tmp_path, "jiaxian", "jiaxian.test", "甲县人民政府", "522601")
    b = build_county(tmp_path, "yixian", "yixian.test", "乙县人民政府", "522602")
    return a, b
