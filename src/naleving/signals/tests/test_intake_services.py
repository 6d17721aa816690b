"""signal_register: one signal from any origin, validated, linked by BSN, audited without free text."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from naleving.audit.models import AuditEvent
from naleving.signals.models import Signal
from naleving.signals.services import signal_register

UNKNOWN_BSN = "999990007"  # passes the elfproef; no resident of the world fixture has it


def _register(actor, **overrides):
    fields = {
        "origin": "collega",
        "kind": "income",
        "received_on": date(2026, 3, 2),
        "description": "Collega zag betrokkene werken in de bakkerij aan de Markt.",
    }
    fields.update(overrides)
    return signal_register(actor=actor, **fields)


@pytest.mark.django_db
def test_registers_the_signal_with_its_origin_and_registrar(world):
    signal = _register(world["consulent"], external_reference="KP-000123")
    signal.refresh_from_db()
    assert (signal.origin, signal.kind, signal.received_on) == ("collega", "income", date(2026, 3, 2))
    assert signal.registered_by == world["consulent"]
    assert signal.external_reference == "KP-000123"
    assert signal.route == ""  # waits for triage


@pytest.mark.django_db
def test_audit_event_names_the_resident_but_holds_no_free_text(world):
    signal = _register(
        world["handhaver"],
        subject_bsn=world["jansen"].bsn,
        subject_name="A. Jansen",
        reporter_contact="06-12345678",
    )
    event = AuditEvent.objects.filter(code="signal.registered").latest("id")
    assert event.object_id == str(signal.pk)
    assert event.resident_id == world["jansen"].pk
    assert event.actor_id == world["handhaver"].pk
    assert event.after["origin"] == "collega" and event.after["kind"] == "income"
    stored = str(event.after) + event.purpose
    for private in ("bakkerij", "A. Jansen", "06-12345678", world["jansen"].bsn):
        assert private not in stored


@pytest.mark.django_db
def test_a_known_bsn_links_the_resident_an_unknown_one_is_kept_for_triage(world):
    linked = _register(world["consulent_zuid"], subject_bsn=world["jansen"].bsn)
    unlinked = _register(world["consulent_zuid"], subject_bsn=UNKNOWN_BSN)
    assert linked.resident == world["jansen"]
    assert unlinked.resident is None and unlinked.subject_bsn == UNKNOWN_BSN


@pytest.mark.django_db
def test_anonymous_report_has_no_registrar_and_no_actor(world):
    signal = _register(None, origin="anonieme_melding")
    assert signal.registered_by is None
    event = AuditEvent.objects.filter(code="signal.registered").latest("id")
    assert event.actor_id is None and event.actor_name == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"received_on": timezone.localdate() + timedelta(days=7)}, "received_on", "ligt in de toekomst"),
        ({"description": "   "}, "description", ""),
        ({"origin": "roddel"}, "origin", ""),
        ({"kind": "fraude"}, "kind", ""),
        ({"subject_bsn": "123456789"}, "subject_bsn", "elfproef"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(world, overrides, field, message):
    signals, events = Signal.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        _register(world["consulent"], **overrides)
    assert field in exc.value.message_dict
    assert message in " ".join(exc.value.message_dict[field])
    assert (Signal.objects.count(), AuditEvent.objects.count()) == (signals, events)


@pytest.mark.django_db
def test_the_same_reference_from_the_same_origin_is_refused(world):
    _register(world["consulent"], origin="ketenpartner", external_reference="UWV-77")
    with pytest.raises(ValidationError, match="al een signaal van deze herkomst met kenmerk UWV-77"):
        _register(world["handhaver"], origin="ketenpartner", external_reference="UWV-77")
    assert _register(world["handhaver"], origin="overig", external_reference="UWV-77").pk
