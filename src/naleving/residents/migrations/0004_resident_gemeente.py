"""Residents belong to a municipality (issue #17). An installation that held one organisation's residents
gets one municipality, named after the organisation, and every resident is placed in it."""

import os

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def place_residents(apps, schema_editor):
    Resident = apps.get_model("residents", "Resident")
    Gemeente = apps.get_model("gemeenten", "Gemeente")
    if not Resident.objects.filter(gemeente__isnull=True).exists():
        return
    gemeente = Gemeente.objects.order_by("pk").first()
    if gemeente is None:
        name = settings.NALEVING_ORGANISATION.removeprefix("Gemeente ").strip() or "Demostad"
        gemeente = Gemeente.objects.create(
            code=os.environ.get("NALEVING_GEMEENTE_CODE", "GM9999"),
            name=name,
            bestuursorgaan=f"het college van burgemeester en wethouders van {name}",
        )
    Resident.objects.filter(gemeente__isnull=True).update(gemeente=gemeente)


class Migration(migrations.Migration):
    dependencies = [
        ("gemeenten", "0001_initial"),
        ("residents", "0003_correction_privacyobjection"),
    ]

    operations = [
        migrations.AddField(
            model_name="resident",
            name="gemeente",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="residents",
                to="gemeenten.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.RunPython(place_residents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="resident",
            name="gemeente",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="residents",
                to="gemeenten.gemeente",
                verbose_name="gemeente",
            ),
        ),
    ]
