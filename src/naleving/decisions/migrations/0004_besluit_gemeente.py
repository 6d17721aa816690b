"""A besluit names the municipality that decided (issue #17, ADR 0021). Existing besluiten were made by
their resident's municipality (every resident was placed in one by residents 0004)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_gemeente(apps, schema_editor):
    Besluit = apps.get_model("decisions", "Besluit")
    Resident = apps.get_model("residents", "Resident")
    of_resident = Resident.objects.filter(pk=OuterRef("resident_id")).values("gemeente_id")[:1]
    Besluit.objects.filter(gemeente__isnull=True).update(gemeente_id=Subquery(of_resident))


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_besluit_parameter_set_seq"),
        ("gemeenten", "0001_initial"),
        ("residents", "0004_resident_gemeente"),
    ]

    operations = [
        migrations.AddField(
            model_name="besluit",
            name="gemeente",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="besluiten",
                to="gemeenten.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.RunPython(fill_gemeente, migrations.RunPython.noop),
    ]
