"""Two counties on one platform for the search, API, sitemap and redirect tests: the
session's 榕江 (default site, any unknown host) and 从江 at ``congjiang.localhost`` built by
the real Bootstrapper with two units (县政府办, 县财政局 — the same slugs as 榕江's), and in
each the same pages: a news item 县财政局召开预算工作会议 (slug ``yusuan``) in 县财政局's
news column."""

import json
from dataclasses import dataclass

import pytest

from tests.factories import make_news, paragraph_body

CJ_HOST = "congjiang.localhost"
RJ_HOST = "localhost"


@dataclass
class County:
    site: object
    home: object
    news: object  # the shared-title item

    def unit(self, slug):
        from portal.units.models import Unit

        return Unit.objects.get(site=self.site, slug=slug)

    def column(self, key):
        from home.models import column_by_key

        return column_by_key(key, self.site)


def build_congjiang(folder):
    from home.bootstrap import Bootstrapper
    from home.demo_sites import IDENTITY, UNITS_FILE

    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    data["units"] = [u for u in data["units"] if u["slug"] in ("xzfb", "czj")]
    units_file = folder / "units_cj.json"
    units_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bootstrapper = Bootstrapper(
        site_key="congjiang",
        hostname=CJ_HOST,
        name="从江县人民政府",
        units_file=units_file,
        identity=IDENTITY,
    )
    bootstrapper.run()
    return bootstrapper.site


@pytest.fixture
def two_sites(portal, tmp_path):
    """(rongjiang, congjiang): each with 县财政局's news item 县财政局召开预算工作会议."""
    from portal.core.sites import default_site

    cj_site = build_congjiang(tmp_path)
    counties = []
    for site, place in ((default_site(), "榕江"), (cj_site, "从江")):
        from portal.units.models import Unit

        unit = Unit.objects.get(site=site, slug="czj")
        news = make_news(
            unit.news_column.specific,
            title="县财政局召开预算工作会议",
            slug="yusuan",
            body=paragraph_body(f"{place}县财政局召开预算工作会议，部署预算编制工作。"),
        )
        counties.append(County(site=site, home=site.root_page.specific, news=news))
    return tuple(counties)
