"""Seed the wording-rule table with the default list (portal/review/data/wording_rules.tsv).

Admins edit the table afterwards; this runs once, and adds only phrases that are missing.
"""

from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "wording_rules.tsv"


def read_rules():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        fields += [""] * (6 - len(fields))
        phrase, correction, category, severity, note, exceptions = fields[:6]
        yield {"phrase": phrase, "correction": correction, "category": category,
               "severity": severity, "note": note, "exceptions": exceptions}


def seed(apps, schema_editor):
    WordingRule = apps.get_model("review", "WordingRule")
    existing = set(WordingRule.objects.values_list("phrase", flat=True))
    WordingRule.objects.bulk_create(
        [WordingRule(**rule) for rule in read_rules() if rule["phrase"] not in existing])


class Migration(migrations.Migration):
    dependencies = [("review", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
