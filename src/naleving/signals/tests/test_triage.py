"""Triage: routes with their required notes, grouping per resident, linking anonymous reports, pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.investigations.models import Investigation
from naleving.prevention.models import PreventiveIntervention
from naleving.signals.models import Signal
from naleving.signals.tests.factories import SignalFactory
from naleving.signals.triage import (
    signal_triage,
    signals_triage,
    triage_group,
    triage_queue,
    triage_resident_by_bsn,
)

pytestmark = pytest.mark.django_db

PROPORTIONAL = (
    "Mogelijk lopende inkomsten van enkele honderden euro per maand; een onderzoek is in verhouding."
)
SUBSIDIARY = "De inwoner reageerde niet op twee verzoeken om uitleg; lichtere middelen zijn geprobeerd."


def new_signal(resident, kind="income", received_on=date(2026, 3, 10), **extra):
    """A colleague's report, not yet triaged: no source reference, nobody registered it."""
    extra = {"external_reference": "", "registered_by": None, **extra}
    return SignalFactory(
        resident=resident,
        origin="collega",
        kind=kind,
        received_on=received_on,
        description="Melding",
        **extra,
    )


# Routes -------------------------------------------------------------------------------------------


def test_geen_actie_requires_a_motivation(world):
    with pytest.raises(ValidationError) as exc:
        signal_triage(actor=world["teamleider"], signal=world["signal"], route="geen_actie", motivation=" ")
    assert exc.value.message_dict["motivation"] == ["Motiveer waarom geen actie nodig is."]
    signal = signal_triage(
        actor=world["teamleider"],
        signal=world["signal"],
        route="geen_actie",
        motivation="Het inkomen is al verrekend via de polisadministratie.",
    )
    signal.refresh_from_db()
    assert signal.route == "geen_actie" and signal.triaged_by == world["teamleider"] and signal.triaged_at
    event = AuditEvent.objects.get(code="signal.triaged")
    assert event.after["route"] == "geen_actie" and event.resident_id == world["jansen"].pk


def test_onderzoek_requires_proportionality_and_subsidiarity(world):
    with pytest.raises(ValidationError) as exc:
        signal_triage(
            actor=world["teamleider_zuid"],
            signal=Signal.objects.get(resident=world["pietersen"]),
            route="onderzoek",
            motivation="Aanwijzingen voor samenwonen.",
        )
    assert set(exc.value.message_dict) == {"proportionality_note", "subsidiarity_note"}
    assert not Investigation.objects.filter(resident=world["pietersen"]).exists()


def test_onderzoek_opens_an_investigation_with_the_notes_recorded(world):
    signal = Signal.objects.get(resident=world["pietersen"])
    signal = signal_triage(
        actor=world["teamleider_zuid"],
        signal=signal,
        route="onderzoek",
        motivation="Aanwijzingen voor samenwonen.",
        proportionality_note=PROPORTIONAL,
        subsidiarity_note=SUBSIDIARY,
    )
    investigation = Investigation.objects.get(resident=world["pietersen"])
    assert list(investigation.signals.all()) == [signal]
    assert (
        investigation.opened_on == timezone.localdate()
        and investigation.opened_by == world["teamleider_zuid"]
    )
    assert investigation.assigned_to is None  # the teamleider assigns it next
    signal.refresh_from_db()
    assert (signal.proportionality_note, signal.subsidiarity_note) == (PROPORTIONAL, SUBSIDIARY)
    assert AuditEvent.objects.get(code="signal.triaged").after["onderzoek"] == investigation.pk


def test_onderzoek_joins_the_residents_open_investigation(world):
    signal_triage(
        actor=world["teamleider"],
        signal=world["signal"],
        route="onderzoek",
        motivation="Loon sinds december.",
        proportionality_note=PROPORTIONAL,
        subsidiarity_note=SUBSIDIARY,
    )
    assert Investigation.objects.filter(resident=world["jansen"]).count() == 1
    assert world["investigation"].signals.filter(pk=world["signal"].pk).exists()


def test_preventief_contact_records_a_voorlichtingsgesprek(world):
    signal_triage(
        actor=world["handhaver"],
        signal=world["signal"],
        route="preventief_contact",
        motivation="Waarschijnlijk onwetendheid; uitleg over de inlichtingenplicht volstaat.",
    )
    intervention = PreventiveIntervention.objects.get(resident=world["jansen"])
    assert intervention.kind == "voorlichtingsgesprek"
    assert intervention.occurred_on == timezone.localdate()
    assert f"signaal {world['signal'].pk}" in intervention.topic
    assert intervention.performed_by == world["handhaver"]
    event = AuditEvent.objects.get(code="prevention.intervention_recorded")
    assert event.after["signaal"] == world["signal"].pk


def test_a_signal_is_triaged_once_and_only_by_those_allowed(world):
    with pytest.raises(PermissionDenied):
        signal_triage(actor=world["consulent"], signal=world["signal"], route="geen_actie", motivation="x")
    signal_triage(
        actor=world["teamleider"], signal=world["signal"], route="geen_actie", motivation="Geen aanleiding."
    )
    with pytest.raises(ValidationError, match="al beoordeeld"):
        signal_triage(
            actor=world["teamleider"], signal=world["signal"], route="geen_actie", motivation="Nogmaals."
        )


def test_an_unknown_route_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        signal_triage(actor=world["teamleider"], signal=world["signal"], route="boete", motivation="x")
    assert "route" in exc.value.message_dict


# Anonymous reports --------------------------------------------------------------------------------


def test_an_anonymous_report_is_linked_to_a_resident_by_bsn(world):
    teamleider = world["teamleider_zuid"]
    resident = triage_resident_by_bsn(actor=teamleider, bsn="123456782")
    assert resident == world["pietersen"]
    lookup = AuditEvent.objects.get(code="resident.viewed")
    assert lookup.purpose == "Triage: melding koppelen aan inwoner" and lookup.resident_id == resident.pk
    signal = signal_triage(
        actor=teamleider,
        signal=world["anonymous_signal"],
        route="preventief_contact",
        motivation="Eerst een gesprek over de woonsituatie.",
        resident=resident,
    )
    signal.refresh_from_db()
    assert signal.resident == world["pietersen"]
    linked = AuditEvent.objects.get(code="signal.resident_linked")
    assert linked.resident_id == resident.pk and linked.object_id == str(signal.pk)


def test_bsn_lookup_errors_are_clear(world):
    with pytest.raises(ValidationError, match="elfproef"):
        triage_resident_by_bsn(actor=world["teamleider"], bsn="123456789")
    with pytest.raises(ValidationError, match="geen inwoner met BSN 999999990"):
        triage_resident_by_bsn(actor=world["teamleider"], bsn="999999990")
    with pytest.raises(PermissionDenied):
        triage_resident_by_bsn(actor=world["consulent"], bsn="123456782")
    assert not AuditEvent.objects.filter(code="resident.viewed").exists()


def test_preventive_contact_or_investigation_needs_a_resident(world):
    with pytest.raises(ValidationError) as exc:
        signal_triage(
            actor=world["teamleider"],
            signal=world["anonymous_signal"],
            route="preventief_contact",
            motivation="x",
        )
    assert "resident" in exc.value.message_dict
    signal = signal_triage(
        actor=world["teamleider"],
        signal=world["anonymous_signal"],
        route="geen_actie",
        motivation="Niet herleidbaar tot een inwoner met een uitkering.",
    )
    assert signal.resident is None and signal.route == "geen_actie"


def test_a_linked_signal_cannot_be_relinked(world):
    with pytest.raises(ValidationError) as exc:
        signal_triage(
            actor=world["teamleider"],
            signal=world["signal"],
            route="geen_actie",
            motivation="x",
            resident=world["pietersen"],
        )
    assert "resident" in exc.value.message_dict


# Grouping -----------------------------------------------------------------------------------------


def test_other_signals_of_the_resident_are_grouped_as_duplicates_and_related(world):
    jansen, signal = world["jansen"], world["signal"]  # income, received 01-02-2026
    duplicate = new_signal(jansen, "income", date(2026, 4, 20))  # 78 days later
    old_same_kind = new_signal(jansen, "income", date(2025, 10, 1))  # 123 days earlier
    other_kind = new_signal(jansen, "address", date(2026, 2, 3))
    earlier = new_signal(jansen, "vehicle", date(2026, 1, 2), route="geen_actie")
    new_signal(world["pietersen"], "income", date(2026, 2, 2))  # another resident: never grouped
    group = triage_group(actor=world["teamleider"], signal=signal)
    assert group.duplicates == [duplicate]
    assert group.related == [old_same_kind, other_kind]
    assert group.earlier == [earlier]
    assert group.open_investigation is True


def test_several_signals_are_triaged_with_one_decision(world):
    duplicate = new_signal(world["jansen"], "income", date(2026, 2, 20))
    triaged = signals_triage(
        actor=world["teamleider"],
        signals=[world["signal"], duplicate],
        route="geen_actie",
        motivation="Dezelfde loonstrook, al verrekend.",
    )
    assert [s.pk for s in triaged] == [world["signal"].pk, duplicate.pk]
    duplicate.refresh_from_db()
    assert duplicate.route == "geen_actie"
    assert (
        duplicate.triage_motivation
        == f"Samen beoordeeld met signaal {world['signal'].pk}. Dezelfde loonstrook, al verrekend."
    )
    assert AuditEvent.objects.filter(code="signal.triaged").count() == 2


def test_only_signals_of_the_same_resident_are_triaged_together(world):
    other = Signal.objects.get(resident=world["pietersen"])
    with pytest.raises(ValidationError, match="dezelfde inwoner"):
        signals_triage(
            actor=world["teamleider"], signals=[world["signal"], other], route="geen_actie", motivation="x"
        )
    world["signal"].refresh_from_db()
    assert world["signal"].route == ""


# Pages --------------------------------------------------------------------------------------------


def test_the_queue_lists_untriaged_signals_oldest_first_with_days_waiting(client, world):
    triaged = new_signal(world["jansen"], received_on=date(2026, 1, 1), route="geen_actie")
    recent = new_signal(world["jansen"], "address", timezone.localdate() - timedelta(days=2))
    assert list(triage_queue(world["teamleider"])) == [world["signal"], world["anonymous_signal"], recent]
    client.force_login(world["teamleider"])
    body = client.get(reverse("signals:triage_queue")).content.decode()
    assert f"Signaal {triaged.pk} beoordelen" not in body
    first, second = (
        body.index(f"Signaal {world['signal'].pk} beoordelen"),
        body.index(f"Signaal {recent.pk} beoordelen"),
    )
    assert first < second
    rows = client.get(reverse("signals:triage_queue")).context["rows"]
    assert [(r["signal"].pk, r["others"]) for r in rows] == [
        (world["signal"].pk, 1),
        (world["anonymous_signal"].pk, 0),
        (recent.pk, 1),
    ]
    waited = (timezone.localdate() - date(2026, 2, 1)).days
    assert f'>{waited} <span class="nl-badge nl-badge--warn">over de termijn</span>' in body
    client.force_login(world["consulent"])
    assert client.get(reverse("signals:triage_queue")).status_code == 403


def test_the_triage_page_triages_the_chosen_related_signals_too(client, world):
    duplicate = new_signal(world["jansen"], "income", date(2026, 2, 20))
    related = new_signal(world["jansen"], "address", date(2026, 2, 21))
    client.force_login(world["teamleider"])
    page = client.get(reverse("signals:triage", args=[world["signal"].pk])).content.decode()
    assert "Dubbel: dezelfde soort, binnen 90 dagen (1)" in page and "Samenhangend" in page
    assert "Er loopt al een onderzoek naar deze inwoner" in page
    response = client.post(
        reverse("signals:triage", args=[world["signal"].pk]),
        {"route": "geen_actie", "motivation": "Al verrekend.", "also": [str(duplicate.pk)], "save": "1"},
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    related.refresh_from_db()
    assert duplicate.route == "geen_actie" and related.route == ""


def test_the_triage_page_shows_missing_notes_next_to_the_fields(client, world):
    client.force_login(world["teamleider"])
    response = client.post(
        reverse("signals:triage", args=[world["signal"].pk]),
        {"route": "onderzoek", "motivation": "x", "save": "1"},
    )
    body = response.content.decode()
    assert 'id="id_proportionality_note_error"' in body and 'id="id_subsidiarity_note_error"' in body
    world["signal"].refresh_from_db()
    assert world["signal"].route == ""


def test_looking_up_a_bsn_shows_the_resident_and_saves_nothing_then_triage_links(client, world):
    client.force_login(world["teamleider"])
    page_url = reverse("signals:triage", args=[world["anonymous_signal"].pk])
    body = client.post(page_url, {"bsn": "123456782", "lookup": "1"}).content.decode()
    assert "Gevonden: Test Pietersen" in body
    assert 'role="alert"' not in body  # a lookup is not a failed save
    world["anonymous_signal"].refresh_from_db()
    assert world["anonymous_signal"].resident is None
    response = client.post(
        page_url,
        {"bsn": "123456782", "route": "preventief_contact", "motivation": "Eerst een gesprek.", "save": "1"},
    )
    # Pietersen is team Zuid's resident: after linking, the Noord teamleider no longer sees the signal.
    assert response.status_code == 302 and response["Location"] == reverse("signals:triage_queue")
    page = client.get(response["Location"]).content.decode()
    assert "gekoppeld aan Test Pietersen en beoordeeld" in page
    world["anonymous_signal"].refresh_from_db()
    assert world["anonymous_signal"].resident == world["pietersen"]


def test_an_unknown_bsn_is_shown_at_the_field(client, world):
    client.force_login(world["teamleider"])
    body = client.post(
        reverse("signals:triage", args=[world["anonymous_signal"].pk]), {"bsn": "999999990", "lookup": "1"}
    ).content.decode()
    assert 'id="id_bsn_error"' in body and "geen inwoner met BSN 999999990" in body


def test_a_triaged_signal_shows_its_triage(client, world):
    signal_triage(
        actor=world["teamleider"], signal=world["signal"], route="geen_actie", motivation="Al verrekend."
    )
    client.force_login(world["teamleider"])
    body = client.get(reverse("signals:triage", args=[world["signal"].pk])).content.decode()
    assert "is al beoordeeld" in body and "Al verrekend." in body
