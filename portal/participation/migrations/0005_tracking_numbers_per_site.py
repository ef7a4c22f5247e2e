import django.db.models.deletion
from django.db import migrations, models

import portal.participation.models


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0004_site_of_applications_and_messages"),
    ]

    operations = [
        migrations.AlterField(
            model_name='disclosureapplication',
            name='site',
            field=models.ForeignKey(default=portal.participation.models._default_site_id, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.site', verbose_name='站点'),
        ),
        migrations.AlterField(
            model_name='message',
            name='site',
            field=models.ForeignKey(default=portal.participation.models._default_site_id, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.site', verbose_name='站点'),
        ),
        migrations.AlterField(
            model_name='disclosureapplication',
            name='tracking_number',
            field=models.CharField(editable=False, max_length=24, verbose_name='申请编号'),
        ),
        migrations.AlterField(
            model_name='message',
            name='tracking_number',
            field=models.CharField(editable=False, max_length=24, verbose_name='留言编号'),
        ),
        migrations.AddConstraint(
            model_name='disclosureapplication',
            constraint=models.UniqueConstraint(fields=('site', 'tracking_number'), name='application_number_unique_per_site'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(fields=('site', 'tracking_number'), name='message_number_unique_per_site'),
        ),
    ]
