"""Triage of signals: choose the least intrusive route that fits, and record why.

Routes (seed 003, actielijn 3; seed 001, pijler 3): no action, preventive contact (a voorlichtingsgesprek)
or an investigation. Every route needs a motivation; an investigation also needs a recorded
proportionality check (is the intrusion in proportion to what is at stake?) and subsidiarity check (why
do less intrusive means not suffice?). Signals about the same resident are triaged together: duplicates
(same kind within 90 days) and related signals (other kinds) can share one decision.

This module holds the triage services and the reads the triage pages need.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.investigations.selectors import (
    investigations_visible_to,
    resident_has_open_investigation,
    triage_assignees,
)
from naleving.investigations.services import investigation_assign_at_triage, investigation_open_for_signal
from naleving.prevention.models import InterventionKind
from naleving.prevention.services import intervention_record
from naleving.residents.models import Resident
from naleving.residents.selectors import residents_for_linking
from naleving.residents.validators import validate_bsn
from naleving.signals.choices import Route
from naleving.signals.models import Signal
from naleving.signals.permissions import TRIAGE
from naleving.signals.selectors import shown_resident, signals_visible_to

#: Signals of the same kind received within this many days of each other are duplicates.
DUPLICATE_WINDOW_DAYS = 90
LINK_PURPOSE = "Triage: melding koppelen aan inwoner"


def _require_triage(actor) -> None:
    if not actor.is_authenticated or not actor.has_perm(TRIAGE):
        raise PermissionDenied("U mag geen signalen beoordelen.")


# Reads -------------------------------------------------------------------------------------------


def triage_queue(actor) -> QuerySet[Signal]:
    """Untriaged signals the actor may see, oldest first (the order in which they are due)."""
    if not actor.is_authenticated or not actor.has_perm(TRIAGE):
        return Signal.objects.none()
    return signals_visible_to(actor).filter(route="").order_by("received_on", "id")


@dataclass
class SignalGroup:
    """The other signals of the same resident, as the triage page shows them.

    ``duplicates``: untriaged, same kind, received within 90 days of the signal; ``related``: the other
    untriaged ones (other kinds, or the same kind further apart); ``earlier``: already triaged.
    """

    duplicates: list[Signal] = field(default_factory=list)
    related: list[Signal] = field(default_factory=list)
    earlier: list[Signal] = field(default_factory=list)
    open_investigation: bool = False

    @property
    def untriaged(self) -> list[Signal]:
        return self.duplicates + self.related


def is_duplicate(signal: Signal, other: Signal) -> bool:
    return other.kind == signal.kind and abs((other.received_on - signal.received_on).days) <= (
        DUPLICATE_WINDOW_DAYS
    )


def triage_group(*, actor, signal: Signal, resident: Resident | None = None) -> SignalGroup:
    """The actor's visible signals about ``resident`` (default: the signal's) other than ``signal``."""
    resident = resident or shown_resident(signal)
    if resident is None:
        return SignalGroup()
    group = SignalGroup(open_investigation=resident_has_open_investigation(resident))
    others = (
        signals_visible_to(actor)
        .filter(resident=resident)
        .exclude(pk=signal.pk)
        .order_by("received_on", "id")
    )
    for other in others:
        if other.route:
            group.earlier.append(other)
        elif is_duplicate(signal, other):
            group.duplicates.append(other)
        else:
            group.related.append(other)
    return group


def investigators_for(actor) -> tuple[bool, QuerySet]:
    """Who the actor may hand an investigation to at triage: ``(themselves allowed, handhavers)``."""
    return triage_assignees(actor)


@dataclass(frozen=True)
class Landing:
    """Where the triager's investigation went: ``visible`` when it is in their scope now."""

    investigation_id: int
    visible: bool
    assigned_to: str


def investigation_landing(*, actor, signal: Signal) -> Landing | None:
    """The open investigation ``signal`` went to, and whether the actor may open it."""
    investigation = signal.investigations.filter(status="open").select_related("assigned_to").first()
    if investigation is None:
        return None
    return Landing(
        investigation_id=investigation.pk,
        visible=investigations_visible_to(actor).filter(pk=investigation.pk).exists(),
        assigned_to=investigation.assigned_to.display_name if investigation.assigned_to else "",
    )


def triage_resident_by_bsn(*, actor, bsn: str) -> Resident:
    """Find the resident an (anonymous) report is about, among all residents: triage is where a report
    gets linked. The lookup shows a name, so it is a logged read with its purpose."""
    _require_triage(actor)
    bsn = (bsn or "").strip()
    try:
        validate_bsn(bsn)
    except ValidationError as exc:
        raise ValidationError({"bsn": exc.messages}) from None
    # Deliberately outside the actor's resident scope: the triager must be able to link a report about
    # anyone receiving a benefit. Unlike intake, triage does show the name, so the lookup is logged.
    resident = residents_for_linking(bsns=[bsn]).get(bsn)
    if resident is None:
        raise ValidationError({"bsn": f"Er staat geen inwoner met BSN {bsn} in de administratie."})
    audit_record(
        actor=actor, code="resident.viewed", obj=resident, resident_id=resident.pk, purpose=LINK_PURPOSE
    )
    return resident


# Writes ------------------------------------------------------------------------------------------


def signal_triage(
    *,
    actor,
    signal: Signal,
    route: str,
    motivation: str,
    proportionality_note: str = "",
    subsidiarity_note: str = "",
    resident: Resident | None = None,
    investigator=None,
) -> Signal:
    """Triage one signal; see ``signals_triage``."""
    return signals_triage(
        actor=actor,
        signals=[signal],
        route=route,
        motivation=motivation,
        proportionality_note=proportionality_note,
        subsidiarity_note=subsidiarity_note,
        resident=resident,
        investigator=investigator,
    )[0]


@transaction.atomic
def signals_triage(
    *,
    actor,
    signals: list[Signal],
    route: str,
    motivation: str,
    proportionality_note: str = "",
    subsidiarity_note: str = "",
    resident: Resident | None = None,
    investigator=None,
) -> list[Signal]:
    """Triage ``signals`` (the first is the one on screen) with one decision, in one transaction.

    Links ``resident`` to the first signal when it has none (logged as ``signal.resident_linked``).
    Route ``onderzoek`` opens an investigation or adds the signals to the resident's open one;
    ``investigator`` (a user, or None for the teamleider's queue) gets a new or still unassigned
    investigation, recorded as an assignment (``investigations.services.investigation_assign_at_triage``);
    ``preventief_contact`` records one voorlichtingsgesprek; ``geen_actie`` only records the motivation.
    Each signal gets a ``signal.triaged`` event. Returns the signals, first one first.
    """
    _require_triage(actor)
    if not signals:
        raise ValidationError("Kies ten minste één signaal.")
    locked = {s.pk: s for s in Signal.objects.select_for_update().filter(pk__in=[s.pk for s in signals])}
    ordered = [locked[s.pk] for s in signals]
    primary = ordered[0]
    for signal in ordered:
        if signal.route:
            raise ValidationError(
                f"Signaal {signal.pk} is al beoordeeld op {timezone.localtime(signal.triaged_at):%d-%m-%Y}."
                if signal.triaged_at
                else f"Signaal {signal.pk} is al beoordeeld."
            )
    resident = _link_resident(actor, primary, resident)
    if any(s.resident_id != primary.resident_id for s in ordered[1:]):
        raise ValidationError(
            "Signalen kunnen alleen samen worden beoordeeld als ze over dezelfde inwoner gaan."
        )
    _check_route(route, motivation, proportionality_note, subsidiarity_note, resident)
    outcome = _apply_route(actor, route, resident, ordered, motivation, investigator)
    now = timezone.now()
    for signal in ordered:
        signal.route = route
        signal.triage_motivation = (
            motivation.strip()
            if signal is primary
            else (f"Samen beoordeeld met signaal {primary.pk}. {motivation.strip()}")
        )
        signal.proportionality_note = proportionality_note.strip()
        signal.subsidiarity_note = subsidiarity_note.strip()
        signal.triaged_at, signal.triaged_by = now, actor
        signal.save(
            update_fields=[
                "route",
                "triage_motivation",
                "proportionality_note",
                "subsidiarity_note",
                "triaged_at",
                "triaged_by",
            ]
        )
        audit_record(
            actor=actor,
            code="signal.triaged",
            obj=signal,
            resident_id=signal.resident_id,
            after={
                "route": route,
                "motivering": signal.triage_motivation,
                "proportionaliteit": signal.proportionality_note,
                "subsidiariteit": signal.subsidiarity_note,
                "samen_met": [s.pk for s in ordered if s is not signal],
                **outcome,
            },
        )
    return ordered


def _link_resident(actor, signal: Signal, resident: Resident | None) -> Resident | None:
    if resident is None or signal.resident_id == resident.pk:
        return signal.resident
    if signal.resident_id is not None:
        raise ValidationError({"resident": "Dit signaal is al aan een andere inwoner gekoppeld."})
    signal.resident = resident
    signal.save(update_fields=["resident", "gemeente"])
    audit_record(
        actor=actor,
        code="signal.resident_linked",
        obj=signal,
        resident_id=resident.pk,
        purpose=LINK_PURPOSE,
        after={"inwoner": resident.pk},
    )
    return resident


def _check_route(route, motivation, proportionality_note, subsidiarity_note, resident) -> None:
    if route not in Route.values:
        raise ValidationError({"route": "Kies een route: geen actie, preventief contact of onderzoek."})
    errors = {}
    if not motivation.strip():
        errors["motivation"] = (
            "Motiveer waarom geen actie nodig is."
            if route == Route.GEEN_ACTIE
            else "Motiveer de gekozen route."
        )
    if route == Route.ONDERZOEK:
        if not proportionality_note.strip():
            errors["proportionality_note"] = (
                "Een onderzoek vraagt een toets op proportionaliteit: staat de inbreuk op het leven van de "
                "inwoner in verhouding tot wat er op het spel staat?"
            )
        if not subsidiarity_note.strip():
            errors["subsidiarity_note"] = (
                "Een onderzoek vraagt een toets op subsidiariteit: waarom volstaat een minder ingrijpend "
                "middel (zoals een voorlichtingsgesprek of de inwoner om uitleg vragen) niet?"
            )
    if route != Route.GEEN_ACTIE and resident is None:
        errors["resident"] = "Koppel het signaal eerst aan een inwoner (vul het BSN in)."
    if errors:
        raise ValidationError(errors)


def _apply_route(actor, route: str, resident, signals: list[Signal], motivation: str, investigator) -> dict:
    """Carry out the route; returns what was created, for the audit events."""
    if route == Route.ONDERZOEK:
        investigation = None
        for signal in signals:
            investigation, _created = investigation_open_for_signal(
                actor=actor, resident=resident, signal=signal
            )
        if investigator is not None and investigation.assigned_to_id is None:
            investigation_assign_at_triage(actor=actor, investigation=investigation, handhaver=investigator)
        return {"onderzoek": investigation.pk}
    if route == Route.PREVENTIEF_CONTACT:
        primary = signals[0]
        intervention = intervention_record(
            actor=actor,
            resident=resident,
            kind=InterventionKind.VOORLICHTINGSGESPREK,
            occurred_on=timezone.localdate(),
            topic=f"Voorlichtingsgesprek naar aanleiding van signaal {primary.pk}: {primary.get_kind_display()}",
            notes=motivation,
            source_signal=primary,
        )
        return {"interventie": intervention.pk}
    return {}
