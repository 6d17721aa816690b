"""investigations.reads.case_rows: the investigation page's rows by the investigation's id, compiled once; the
same rows, in the same order, with their colleagues, as the investigation's relations give."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from naleving.common import compiled
from naleving.investigations.models import FindingMonth
from naleving.investigations.reads import case_rows
from naleving.investigations.tests.factories import (
    HoorEnWederhoorFactory,
    InvestigationFactory,
    InvestigativeActionFactory,
)


@pytest.mark.django_db
def test_the_rows_are_the_relations_rows_with_their_colleagues(world):
    compiled.forget()
    investigation, other = world["investigation"], InvestigationFactory(resident=world["pietersen"])
    type(investigation).objects.filter(pk=investigation.pk).update(updated_by=world["consulent"])
    investigation = type(investigation).objects.get(pk=investigation.pk)  # as the page has it: nobody joined
    for inv in (investigation, other):
        InvestigativeActionFactory(investigation=inv, performed_by=world["handhaver"])
        InvestigativeActionFactory(investigation=inv, performed_by=None, performed_on=date(2026, 2, 11))
        HoorEnWederhoorFactory(investigation=inv, recorded_by=world["teamleider"])
        FindingMonth.objects.create(
            investigation=inv, month=date(2026, 1, 1), paid=Decimal("1000.00"), entitled=Decimal("800.00")
        )
        FindingMonth.objects.create(
            investigation=inv, month=date(2025, 12, 1), paid=Decimal("900.00"), entitled=Decimal("900.00")
        )
    rows = case_rows(investigation)
    assert [a.pk for a in rows.actions] == list(investigation.actions.values_list("pk", flat=True))
    assert [h.pk for h in rows.hearings] == list(investigation.hoor_en_wederhoor.values_list("pk", flat=True))
    assert [d.pk for d in rows.documents] == list(investigation.documents.values_list("pk", flat=True))
    assert [s.pk for s in rows.signals] == list(investigation.signals.values_list("pk", flat=True)) != []
    assert [m.month for m in rows.months] == [date(2025, 12, 1), date(2026, 1, 1)]
    assert rows.months[1].paid == Decimal("1000.00") and rows.months[1].overpaid == Decimal("200.00")
    with CaptureQueriesContext(connection) as queries:
        named = [(a.performed_by, a.investigation) for a in rows.actions] + [
            (h.recorded_by, h.investigation) for h in rows.hearings
        ]
    assert len(queries) == 0
    assert {who for who, _ in named} == {world["handhaver"], None, world["teamleider"]}
    assert {inv for _, inv in named} == {investigation}
    with CaptureQueriesContext(connection) as queries:
        assert investigation.updated_by == world["consulent"]
    assert len(queries) == 0  # who last changed it: read with the rest
    # another investigation runs the same compiled SQL with its own id
    names = {key[0] for key in compiled._OBJECTS}
    assert [a.investigation_id for a in case_rows(other).actions] == [other.pk, other.pk]
    assert {key[0] for key in compiled._OBJECTS} == names
