"""``manage.py portal_stats [--site KEY] --year YYYY [--unit CODE]
[--format table|json|csv|xlsx|docx] [--output FILE] [--verify]`` — the 信息发布 block of
one site's 年度报表 (docs/statistics.md); without ``--site``, the default site's."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from portal.statistics import exports
from portal.statistics.recorder import rebuild_counters
from portal.statistics.reports import annual_report, verify


class Command(BaseCommand):
    help = "年度信息发布统计（政府网站工作年度报表）"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="站点代号（站群）；不指定则为默认站点")
        parser.add_argument("--year", type=int, required=True, help="统计年度，如 2019")
        parser.add_argument("--unit", help="只统计该单位（统一社会信用代码）")
        parser.add_argument(
            "--format", default="table", choices=["table", "json", "csv", "xlsx", "docx"]
        )
        parser.add_argument("--output", help="输出文件（xlsx、docx 必须指定）")
        parser.add_argument(
            "--verify",
            action="store_true",
            help="用发布记录重新计算并与计数器核对，不一致时以非零状态退出",
        )
        parser.add_argument("--rebuild", action="store_true", help="先根据发布记录重建全部计数器")

    def handle(
        self,
        *args,
        year,
        site=None,
        unit=None,
        format="table",
        output=None,
        verify=False,
        rebuild=False,
        **options,
    ):
        from portal.core.sites import default_site, site_by_key
        from portal.units.models import Unit

        site_obj = site_by_key(site) if site else default_site()
        if site_obj is None:
            raise CommandError(f"找不到站点代号为 {site} 的站点。" if site else "还没有站点。")
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.filter(code=unit).first()
            if unit_obj is None:
                raise CommandError(f"找不到统一社会信用代码为 {unit} 的单位。")
            if unit_obj.site_id != site_obj.pk:
                raise CommandError(f"单位 {unit_obj.name} 不属于站点 {site_obj.site_name}。")
        if rebuild:
            rebuild_counters()
        if verify:
            return self.verify(year, unit_obj, site_obj)
        report = annual_report(year, unit_obj, site_obj)
        if format in ("xlsx", "docx"):
            if not output:
                raise CommandError("xlsx、docx 格式请用 --output 指定输出文件。")
            if unit_obj is not None:
                raise CommandError("年度报表按全站出具，xlsx、docx 格式不支持 --unit。")
            writer = exports.annual_form_xlsx if format == "xlsx" else exports.annual_form_docx
            with open(output, "wb") as fh:
                fh.write(writer(year, report, site_obj))
            self.stdout.write(f"已写入 {output}")
            return
        if format == "json":
            text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        elif format == "csv":
            text = exports.report_csv(report)
        else:
            text = exports.report_table(report)
        if output:
            # a CSV file is opened in Excel: UTF-8 with a BOM (portal/core/exports.py)
            encoding = "utf-8-sig" if format == "csv" else "utf-8"
            with open(output, "w", encoding=encoding) as fh:
                fh.write(text)
            self.stdout.write(f"已写入 {output}")
        else:
            self.stdout.write(text, ending="")

    def verify(self, year, unit, site):
        differences = verify(year, unit, site)
        name = site.site_name or site.hostname
        if differences:
            for line in differences:
                self.stderr.write(line)
            self.stderr.write(f"{name}：核对不一致：{len(differences)}处。")
            sys.exit(1)
        self.stdout.write(f"{name}：{year}年度计数器与发布记录核对一致。")
