"""Seed the synonym table from search/data/synonyms.json (government-service names)."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.synonyms import seed_entries

    Synonym = apps.get_model("portal_search", "Synonym")
    if Synonym.objects.exists():
        return
    Synonym.objects.bulk_create(
        [Synonym(words="、".join(words), two_way=two_way) for words, two_way in seed_entries()]
    )


def unseed(apps, schema_editor):
    apps.get_model("portal_search", "Synonym").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0005_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
