"""The resident's rights under the AVG: correction at the resident's request (art. 16) and objection to
processing (art. 21), decided by the FG; both audited, both in the resident's timeline."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.residents.models import Correction, PrivacyObjection
from naleving.residents.selectors import objecting_bsns
from naleving.residents.services import (
    privacy_objection_decide,
    privacy_objection_register,
    resident_correct,
)

pytestmark = pytest.mark.django_db


def _correct(world, **overrides):
    fields = {
        "field": "family_name",
        "new_value": "Janssen",
        "reason": "Kopie paspoort: met dubbele s.",
        "requested_on": date(2026, 1, 5),
    }
    return resident_correct(actor=world["consulent"], resident=world["jansen"], **{**fields, **overrides})


def test_a_correction_changes_the_field_and_keeps_old_and_new_value(world):
    correction = _correct(world)
    world["jansen"].refresh_from_db()
    assert world["jansen"].family_name == "Janssen"
    assert (correction.old_value, correction.new_value) == ("Jansen", "Janssen")
    assert correction.legal_basis == "AVG art. 16" and correction.recorded_by == world["consulent"]
    event = AuditEvent.objects.get(code="resident.corrected")
    assert event.resident_id == world["jansen"].pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"field": "bsn", "new_value": "123456782"}, "field"),
        ({"reason": "  "}, "reason"),
        ({"new_value": "Jansen"}, "new_value"),
        ({"field": "birth_date", "new_value": "geen datum"}, "new_value"),
        ({"requested_on": date(2999, 1, 1)}, "requested_on"),
    ],
)
def test_a_correction_is_refused_with_a_message_on_the_field(world, overrides, field):
    with pytest.raises(ValidationError) as exc:
        _correct(world, **overrides)
    assert field in exc.value.message_dict
    assert (
        not Correction.objects.exists() and not AuditEvent.objects.filter(code="resident.corrected").exists()
    )


def test_the_correction_page_records_it_and_the_timeline_shows_it(world, client):
    client.force_login(world["consulent"])
    url = reverse("residents:correct", args=[world["jansen"].pk])
    page = client.get(url).content.decode()
    assert "Gegevens corrigeren (AVG art. 16)" in page
    response = client.post(
        url,
        {"field": "birth_date", "new_value": "02-03-1985", "requested_on": "2026-01-05", "reason": "Akte."},
    )
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.new_value == "02-03-1985"
    page = client.get(reverse("residents:detail", args=[world["jansen"].pk])).content.decode()
    assert "Gegeven gecorrigeerd (AVG art. 16): Geboortedatum" in page and 'data-kind="correctie"' in page


def test_objecting_bsns_holds_open_and_granted_objections_not_rejected_ones(world):
    jansen, pietersen = world["jansen"], world["pietersen"]
    first = privacy_objection_register(
        actor=world["consulent"], resident=jansen, received_on=date(2026, 2, 1), grounds="Gronden."
    )
    assert objecting_bsns(on=date(2026, 1, 31)) == frozenset()
    assert objecting_bsns(on=date(2026, 2, 1)) == {jansen.bsn}
    second = privacy_objection_register(
        actor=world["consulent_zuid"], resident=pietersen, received_on=date(2026, 2, 1), grounds="Gronden."
    )
    privacy_objection_decide(
        actor=world["fg"], objection=first, granted=True, weighing="Zwaarwegend.", decided_on=date(2026, 2, 3)
    )
    privacy_objection_decide(
        actor=world["fg"], objection=second, granted=False, weighing="Niet.", decided_on=date(2026, 2, 3)
    )
    assert objecting_bsns(on=date(2026, 3, 1)) == {jansen.bsn}
    codes = list(
        AuditEvent.objects.filter(code__startswith="privacy_objection.").values_list("code", flat=True)
    )
    assert codes.count("privacy_objection.registered") == 2 and codes.count("privacy_objection.decided") == 2


def test_only_the_fg_decides_and_only_with_a_weighing(world):
    objection = privacy_objection_register(
        actor=world["consulent"], resident=world["jansen"], received_on=date(2026, 2, 1), grounds="Gronden."
    )
    with pytest.raises(PermissionDenied):
        privacy_objection_decide(
            actor=world["consulent"],
            objection=objection,
            granted=True,
            weighing="x",
            decided_on=date(2026, 2, 2),
        )
    with pytest.raises(ValidationError):
        privacy_objection_decide(
            actor=world["fg"], objection=objection, granted=True, weighing=" ", decided_on=date(2026, 2, 2)
        )
    objection.refresh_from_db()
    assert objection.status == "ingediend"


def test_the_fg_decides_on_the_list_without_seeing_a_name(world, client):
    client.force_login(world["consulent"])
    response = client.post(
        reverse("residents:privacy_objection_create", args=[world["jansen"].pk]),
        {"received_on": "2026-02-01", "grounds": "Ik word al jaren gevolgd."},
    )
    assert response.status_code == 302
    objection = PrivacyObjection.objects.get()
    page = client.get(reverse("residents:detail", args=[world["jansen"].pk])).content.decode()
    assert "Bezwaar tegen verwerking ontvangen (AVG art. 21)" in page
    assert client.get(reverse("residents:privacy_objections")).status_code == 403

    client.force_login(world["fg"])
    page = client.get(reverse("residents:privacy_objections")).content.decode()
    assert world["jansen"].masked_bsn in page and "Ik word al jaren gevolgd." in page
    assert world["jansen"].family_name not in page
    assert AuditEvent.objects.filter(code="privacy_objection.viewed", resident_id=world["jansen"].pk).exists()
    decide = reverse("residents:privacy_objection_decide", args=[objection.pk])
    client.post(decide, {f"bezwaar-{objection.pk}-decision": "afgewezen"})
    objection.refresh_from_db()
    assert objection.status == "ingediend"
    client.post(
        decide,
        {
            f"bezwaar-{objection.pk}-decision": "afgewezen",
            f"bezwaar-{objection.pk}-weighing": "Wettelijke taak.",
        },
    )
    objection.refresh_from_db()
    assert objection.status == "afgewezen" and objection.decided_by == world["fg"]
    assert objection.weighing == "Wettelijke taak."
