"""``manage.py column_health [--site KEY] [--format json]`` — one site's 栏目监测 findings
(docs/statistics.md); without ``--site``, the default site's."""

import json

from django.core.management.base import BaseCommand, CommandError

from portal.core.sites import default_site, site_by_key
from portal.statistics.monitor import column_health


class Command(BaseCommand):
    help = "栏目监测：各栏目距上次发布的天数、超期栏目、空白栏目、首页更新和单项否决指标"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="站点代号（站群）；不指定则为默认站点")
        parser.add_argument("--format", default="table", choices=["table", "json"])

    def handle(self, *args, format="table", site=None, **options):
        site_obj = site_by_key(site) if site else default_site()
        if site_obj is None:
            raise CommandError(f"找不到站点代号为 {site} 的站点。" if site else "还没有站点。")
        health = column_health(site=site_obj)
        if format == "json":
            self.stdout.write(json.dumps(health, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        home = health["home"]
        w(f"{site_obj.site_name or site_obj.hostname} 栏目监测（{health['as_of']}）")
        w(
            f"首页：最近更新 {home['last_update'] or '无'}，已 {home['days_since']} 天"
            + ("【超过14天未更新】" if home["stale"] else "")
        )
        w(f"超期未更新栏目 {len(health['stale'])} 个：")
        for e in health["stale"]:
            days = f"{e['days_since']}天" if e["days_since"] is not None else "从未发布"
            w(f"  {e['path']}（{days}，期限{e['limit_days']}天）")
        w(f"临近期限栏目 {len(health['approaching'])} 个：")
        for e in health["approaching"]:
            w(f"  {e['path']}（{e['days_since']}天，期限{e['limit_days']}天）")
        w(f"空白栏目 {len(health['empty'])} 个：")
        for e in health["empty"]:
            w(f"  {e['path']}")
        w(f"无发布时间的信息 {len(health['undated_items'])} 条")
        w("单项否决指标：")
        for v in health["vetoes"]:
            w(f"  {'【触发】' if v['triggered'] else '　未触发'} {v['label']}（{v['value']}）")
