"""Signals belong to a municipality (issue #17, ADR 0021): a linked signal to its resident's, an unlinked
one to the organisation's municipality. The upgrade from one organisation created exactly one municipality
(residents 0004); should there be several already, unlinked signals go to the first one created, which is
the one the upgrade made."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def place_signals(apps, schema_editor):
    Signal = apps.get_model("signals", "Signal")
    Resident = apps.get_model("residents", "Resident")
    Gemeente = apps.get_model("gemeenten", "Gemeente")
    Signal.objects.filter(resident__isnull=False).update(
        gemeente=Subquery(Resident.objects.filter(pk=OuterRef("resident_id")).values("gemeente_id")[:1])
    )
    if Signal.objects.filter(gemeente__isnull=True).exists():
        first = Gemeente.objects.order_by("pk").first()
        if first is None:
            first = Gemeente.objects.create(
                code="GM9999",
                name="Demostad",
                bestuursorgaan="het college van burgemeester en wethouders van Demostad",
            )
        Signal.objects.filter(gemeente__isnull=True).update(gemeente=first)


class Migration(migrations.Migration):
    dependencies = [
        ("gemeenten", "0001_initial"),
        ("residents", "0004_resident_gemeente"),
        ("signals", "0005_origin_zelfmelding"),
    ]

    operations = [
        migrations.AddField(
            model_name="signal",
            name="gemeente",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="signals",
                to="gemeenten.gemeente",
                verbose_name="gemeente",
            ),
        ),
        migrations.RunPython(place_signals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="signal",
            name="gemeente",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="signals",
                to="gemeenten.gemeente",
                verbose_name="gemeente",
            ),
        ),
    ]
