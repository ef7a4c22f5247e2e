import django.db.models.deletion
from django.db import migrations, models

import portal.units.models


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0003_unit_site"),
    ]

    operations = [
        migrations.AlterField(
            model_name="unit",
            name="site",
            field=models.ForeignKey(
                default=portal.units.models._default_site_id,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="units",
                to="wagtailcore.site",
                verbose_name="所属站点",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(max_length=100, verbose_name="单位名称"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="slug",
            field=models.SlugField(
                help_text="用于本单位栏目网址，如 czj（财政局）",
                max_length=60,
                verbose_name="栏目路径名",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                fields=("site", "name"), name="unit_name_unique_per_site"
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                fields=("site", "slug"), name="unit_slug_unique_per_site"
            ),
        ),
    ]
