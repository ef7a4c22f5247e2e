"""A second (and third) county for the statistics and platform-desk tests: built with the
real ``Bootstrapper`` (``bootstrap_portal --site``), each with a 县财政局 whose name, slug
and column keys equal the first county's."""

import io
import json

from django.conf import settings
from django.core.management import call_command

from home.bootstrap import Bootstrapper

CONGJIANG_UNITS = settings.BASE_DIR / "portal" / "units" / "data" / "units_congjiang.json"


def build_site(tmp_path, key, name, hostname=None, slugs=("xzfb", "czj"), division=""):
    """A site ``key`` with the office and 县财政局 of the second demo county's units file;
    ``division`` (a digit) changes the administrative-division part of the units' codes, so
    that several such sites coexist (unit codes are unique on the platform)."""
    from portal.units.codes import uscc_check_char

    data = json.loads(CONGJIANG_UNITS.read_text(encoding="utf-8"))
    units = []
    for unit in data["units"]:
        if unit["slug"] in slugs:
            unit = dict(unit)
            if division:
                first17 = unit["code"][:7] + division + unit["code"][8:17]
                unit["code"] = first17 + uscc_check_char(first17)
            units.append(unit)
    units_file = tmp_path / f"units_{key}.json"
    units_file.write_text(json.dumps({"units": units}, ensure_ascii=False), encoding="utf-8")
    Bootstrapper(
        site_key=key,
        hostname=hostname or f"{key}.localhost",
        name=name,
        units_file=units_file,
    ).run()
    from portal.core.sites import site_by_key

    return site_by_key(key)


def column(site, key):
    from home.models import column_by_key

    return column_by_key(key, site=site).specific


def stats_json(year, *extra):
    out = io.StringIO()
    call_command("portal_stats", "--year", str(year), "--format", "json", *extra, stdout=out)
    return json.loads(out.getvalue())


def verify_ok(year, *extra):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "portal_stats", "--year", str(year), "--verify", *extra, stdout=out, stderr=err
        )
    except SystemExit as exc:
        return exc.code == 0, err.getvalue()
    return True, out.getvalue()
