"""A delivery and its runs can be for one municipality (issue #17, ADR 0021); existing ones were for the
whole organisation (empty)."""

import django.db.models.deletion
from django.db import migrations, models


def _gemeente():
    return models.ForeignKey(
        blank=True,
        help_text="Leeg: de hele organisatie. Anders alleen de inwoners van deze gemeente (ADR 0021).",
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="gemeenten.gemeente",
        verbose_name="gemeente",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("controls", "0005_controlrun_excluded_objections"),
        ("gemeenten", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="delivery", name="gemeente", field=_gemeente()),
        migrations.AddField(model_name="controlrun", name="gemeente", field=_gemeente()),
        migrations.AddField(
            model_name="controlrun",
            name="outside_gemeente",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Actieve cliënten in de levering die geen inwoner van de gemeente van de run zijn.",
                verbose_name="buiten de gemeente",
            ),
        ),
    ]
