"""Seed the new rule kinds (portal.review.checker): the built-in checks, the renamed
institutions of the 2018–2023 机构改革, more commonly mistyped fixed phrases and 的/地/得 patterns.

Rows already in the table (same phrase) are left as the admins made them.
"""

import datetime
from django.db import migrations

from portal.review.checker.defaults import BUILTINS, PATTERNS, rows

def seed(apps, schema_editor):
    WordingRule = apps.get_model("review", "WordingRule")
    existing = set(WordingRule.objects.values_list("phrase", flat=True))
    new = []
    for name, category, severity, description in BUILTINS:
        new.append(
            WordingRule(
                kind="builtin", phrase=name, correction="按检查结果", category=category,
                severity=severity, note="", source=description,
            )
        )
    for old, renamed, date, source in rows("renamed_institutions.tsv"):
        new.append(
            WordingRule(
                kind="renamed", phrase=old, correction=renamed, category="norm", severity="block",
                effective_from=datetime.date.fromisoformat(date), source=source,
                note="机构改革后使用新名称",
            )
        )
    for wrong, right, note in rows("fixed_phrases.tsv"):
        new.append(
            WordingRule(
                kind="literal", phrase=wrong, correction=right, category="typo", severity="block",
                note=note,
            )
        )
    for pattern, correction, note in PATTERNS:
        new.append(
            WordingRule(
                kind="pattern", phrase=pattern, correction=correction, category="typo",
                severity="warn", note=note,
            )
        )
    fresh, seen = [], set(existing)
    for rule in new:
        if rule.phrase not in seen:
            seen.add(rule.phrase)
            fresh.append(rule)
    WordingRule.objects.bulk_create(fresh)


def unseed(apps, schema_editor):
    WordingRule = apps.get_model("review", "WordingRule")
    WordingRule.objects.exclude(kind="literal").delete()


class Migration(migrations.Migration):
    dependencies = [("review", "0005_rule_kinds")]

    operations = [migrations.RunPython(seed, unseed)]
