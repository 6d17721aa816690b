"""Besluiten vastgesteld before Naleving recorded the dispatch date get ``sent_on = decision_date``.

That was the assumption before (issue #18): the objection term ran from the decision date, so a fine was
taken as irrevocable six weeks after it. Keeping it for the existing besluiten keeps their history (recidive)
as it was; only besluiten sent from now on carry their real dispatch date. A data migration: one UPDATE,
reversible (the dates go back to empty only for rows whose date equals the decision date).
"""

from django.db import migrations
from django.db.models import F


def forwards(apps, schema_editor):
    Besluit = apps.get_model("decisions", "Besluit")
    Besluit.objects.filter(status__in=["vastgesteld", "vervangen"], sent_on__isnull=True).update(
        sent_on=F("decision_date")
    )


def backwards(apps, schema_editor):
    Besluit = apps.get_model("decisions", "Besluit")
    Besluit.objects.filter(sent_on=F("decision_date")).update(sent_on=None)


class Migration(migrations.Migration):
    dependencies = [("decisions", "0006_objection_weighing_letters")]

    operations = [migrations.RunPython(forwards, backwards)]
