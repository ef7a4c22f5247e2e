"""``manage.py column_health [--format json]`` — the 栏目监测 findings (docs/statistics.md)."""

import json

from django.core.management.base import BaseCommand

from portal.statistics.monitor import column_health


class Command(BaseCommand):
    help = "栏目监测：各栏目距上次发布的天数、超期栏目、空白栏目、首页更新和单项否决指标"

    def add_arguments(self, parser):
        parser.add_argument("--format", default="table", choices=["table", "json"])

    def handle(self, *args, format="table", **options):
        health = column_health()
        if format == "json":
            self.stdout.write(json.dumps(health, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        home = health["home"]
        w(f"栏目监测（{health['as_of']}）")
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
