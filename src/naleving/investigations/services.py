"""Writes for investigations (onderzoeken): assignment, Awb 5.2 actions, documents, hoor en wederhoor,
findings and closing. Each runs in one transaction with its audit event.

Optimistic locking (``locking.py``, ADR 0008): every write claims the investigation's ``version`` first
and raises ``InvestigationChangedError`` when somebody else saved in between. ``expected_version``
defaults to the version of the instance passed in, i.e. the version the caller loaded.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.investigations.access import access_final_on_refresh
from naleving.investigations.choices import ActionKind, HearingMethod, Outcome, SourceRegister, Status
from naleving.investigations.findings import benadeling, check_breach_fields
from naleving.investigations.locking import (
    InvestigationChangedError as InvestigationChangedError,  # re-exported
)
from naleving.investigations.locking import claim
from naleving.investigations.models import (
    FindingMonth,
    HoorEnWederhoor,
    Investigation,
    InvestigationDocument,
    InvestigativeAction,
)
from naleving.investigations.permissions import ASSIGN, CONDUCT
from naleving.investigations.uploads import check_upload


def _require_conductor(actor, investigation: Investigation) -> None:
    if not actor.has_perm(CONDUCT) or investigation.assigned_to_id != actor.pk:
        raise PermissionDenied("Alleen de toegewezen handhaver legt onderzoekshandelingen vast.")


def _require_open(investigation: Investigation) -> None:
    if investigation.status != Status.OPEN:
        raise ValidationError("Dit onderzoek is afgerond; er kan niets meer aan worden toegevoegd.")


def _require_past(day: date, investigation: Investigation, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: f"{what} kan niet in de toekomst liggen."})
    if day < investigation.opened_on:
        raise ValidationError(
            {
                field: f"{what} kan niet vóór de start van het onderzoek ({investigation.opened_on:%d-%m-%Y}) liggen."
            }
        )


def _audit(actor, code: str, investigation: Investigation, **kwargs) -> None:
    audit_record(actor=actor, code=code, obj=investigation, resident_id=investigation.resident_id, **kwargs)


@transaction.atomic
def investigation_open_for_signal(*, actor, resident, signal) -> tuple[Investigation, bool]:
    """The resident's open investigation with ``signal`` added, or a new one: never two open at once.

    Returns ``(investigation, created)``. Called by triage (route onderzoek).
    """
    if not actor.has_perm("signals.triage_signal"):
        raise PermissionDenied("U mag geen signalen beoordelen.")
    running = Investigation.objects.select_for_update().filter(resident=resident, status=Status.OPEN).first()
    if running is None:
        try:
            with transaction.atomic():
                running = Investigation.objects.create(
                    resident=resident, opened_on=timezone.localdate(), opened_by=actor
                )
        except IntegrityError:  # opened by a concurrent triage a moment ago (one open per resident)
            running = Investigation.objects.select_for_update().get(resident=resident, status=Status.OPEN)
        else:
            running.signals.add(signal)
            _audit(actor, "investigation.opened", running, after={"signaal": signal.pk})
            return running, True
    claim(actor=actor, investigation=running, expected_version=None)
    running.signals.add(signal)
    _audit(actor, "investigation.signal_added", running, after={"signaal": signal.pk})
    return running, False


@transaction.atomic
def investigation_assign(
    *, actor, investigation: Investigation, handhaver, expected_version: int | None = None
) -> Investigation:
    """Assign (or reassign) an open investigation to a handhaver (teamleider only)."""
    from naleving.investigations.selectors import investigations_visible_to

    if (
        not actor.has_perm(ASSIGN)
        or not investigations_visible_to(actor).filter(pk=investigation.pk).exists()
    ):
        raise PermissionDenied("U mag dit onderzoek niet toewijzen.")
    return _assign(actor, investigation, handhaver, expected_version)


@transaction.atomic
def investigation_assign_at_triage(*, actor, investigation: Investigation, handhaver) -> Investigation:
    """Assign the investigation that triage (route onderzoek) just opened or joined, when nobody has it yet.

    Who may: a triager with the right to assign, to a handhaver of their own team (``handhavers_for``), or a
    triager who conducts investigations, to themselves. Recorded as any assignment
    (``investigation.assigned``)."""
    from naleving.investigations.selectors import handhavers_for

    if not actor.has_perm("signals.triage_signal"):
        raise PermissionDenied("U mag geen signalen beoordelen.")
    if investigation.assigned_to_id is not None:
        raise ValidationError({"handhaver": "Dit onderzoek is al toegewezen."})
    self_assign = handhaver is not None and handhaver.pk == actor.pk and actor.has_perm(CONDUCT)
    may_assign = (
        actor.has_perm(ASSIGN)
        and handhaver is not None
        and handhavers_for(actor).filter(pk=handhaver.pk).exists()
    )
    if not (self_assign or may_assign):
        raise PermissionDenied("U mag dit onderzoek niet aan deze handhaver toewijzen.")
    return _assign(actor, investigation, handhaver, None)


def _assign(actor, investigation: Investigation, handhaver, expected_version: int | None) -> Investigation:
    _require_open(investigation)
    if handhaver is None or not handhaver.is_active or not handhaver.has_perm(CONDUCT):
        raise ValidationError({"handhaver": "Kies een handhaver die onderzoekshandelingen mag verrichten."})
    before = investigation.assigned_to.display_name if investigation.assigned_to else ""
    claim(
        actor=actor,
        investigation=investigation,
        expected_version=expected_version,
        assigned_to=handhaver,
        assigned_at=timezone.now(),
    )
    _audit(
        actor,
        "investigation.assigned",
        investigation,
        before={"handhaver": before},
        after={"handhaver": handhaver.display_name},
    )
    return investigation


def _check_action(kind: str, reason: str, less_intrusive_insufficient: str, consent_given) -> None:
    errors = {}
    if kind not in ActionKind.values:
        errors["kind"] = "Kies een onderzoekshandeling."
    if not reason.strip():
        errors["reason"] = "Geef de reden: waarom is deze handeling nodig en in verhouding tot het doel?"
    if kind == ActionKind.HUISBEZOEK:
        # CRvB (o.a. ECLI:NL:CRVB:2008:BC8799): a home visit needs a concrete reason that less intrusive
        # means do not suffice, and the resident's informed consent.
        if not less_intrusive_insufficient.strip():
            errors["less_intrusive_insufficient"] = (
                "Een huisbezoek mag alleen als minder ingrijpende middelen niet volstaan. "
                "Schrijf op waarom die hier niet volstaan."
            )
        if consent_given is not True:
            errors["consent_given"] = (
                "Een huisbezoek mag alleen met toestemming van de inwoner, gegeven na uitleg over het doel "
                "en het recht om te weigeren. Leg vast dat de inwoner toestemming gaf."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def investigation_action_log(
    *,
    actor,
    investigation: Investigation,
    kind: str,
    reason: str,
    performed_on: date,
    notes: str = "",
    less_intrusive_insufficient: str = "",
    consent_given: bool | None = None,
    expected_version: int | None = None,
) -> InvestigativeAction:
    """Log one use of an Awb 5.2 power with its reason. A huisbezoek needs a written reason why less
    intrusive means do not suffice and the resident's recorded consent."""
    _require_conductor(actor, investigation)
    _require_open(investigation)
    _check_action(kind, reason, less_intrusive_insufficient, consent_given)
    _require_past(performed_on, investigation, "performed_on", "De datum van de handeling")
    claim(actor=actor, investigation=investigation, expected_version=expected_version)
    action = InvestigativeAction.objects.create(
        investigation=investigation,
        kind=kind,
        reason=reason.strip(),
        performed_on=performed_on,
        performed_by=actor,
        notes=notes.strip(),
        less_intrusive_insufficient=less_intrusive_insufficient.strip(),
        consent_given=consent_given,
    )
    _audit(
        actor,
        "investigation.action_logged",
        investigation,
        after={
            "handeling": kind,
            "datum": performed_on,
            "reden": action.reason,
            "toestemming": consent_given,
        },
    )
    return action


@transaction.atomic
def investigation_document_attach(
    *, actor, investigation: Investigation, file, description: str, expected_version: int | None = None
) -> InvestigationDocument:
    """Attach a checked file (pdf, jpg, png, docx, xlsx or txt; at most 10 MB) to an open investigation."""
    _require_conductor(actor, investigation)
    _require_open(investigation)
    if not description.strip():
        raise ValidationError({"description": "Beschrijf wat het document is."})
    checked = check_upload(file)
    claim(actor=actor, investigation=investigation, expected_version=expected_version)
    document = InvestigationDocument(
        investigation=investigation,
        filename=checked.filename,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        description=description.strip(),
        uploaded_by=actor,
    )
    file.seek(0)
    document.file.save(checked.filename, file, save=False)
    try:
        document.save()
        _audit(
            actor,
            "investigation.document_attached",
            investigation,
            after={"document": document.pk, "bestandsnaam": checked.filename, "sha256": checked.sha256},
        )
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def investigation_hoor_en_wederhoor_record(
    *,
    actor,
    investigation: Investigation,
    held_on: date,
    summary: str,
    method: str = "gesprek",
    expected_version: int | None = None,
) -> HoorEnWederhoor:
    """Record that the resident was heard on the findings (Awb 4:8), before any finding against them."""
    _require_conductor(actor, investigation)
    _require_open(investigation)
    if method not in HearingMethod.values:
        raise ValidationError({"method": "Kies hoe de inwoner is gehoord."})
    if not summary.strip():
        raise ValidationError(
            {"summary": "Vat de reactie van de inwoner samen (of hoe de inwoner is uitgenodigd)."}
        )
    _require_past(held_on, investigation, "held_on", "De datum van hoor en wederhoor")
    claim(actor=actor, investigation=investigation, expected_version=expected_version)
    hearing = HoorEnWederhoor.objects.create(
        investigation=investigation,
        held_on=held_on,
        method=method,
        summary=summary.strip(),
        recorded_by=actor,
    )
    _audit(actor, "investigation.hoor_en_wederhoor", investigation, after={"datum": held_on, "vorm": method})
    return hearing


def _findings_snapshot(investigation: Investigation) -> dict:
    return {
        "uitkomst": investigation.outcome,
        "soort": investigation.violation_kind,
        "periode_van": investigation.period_start,
        "periode_tot": investigation.period_end,
        "benadelingsbedrag": investigation.benadelingsbedrag,
        "verwijtbaarheid": investigation.verwijtbaarheid,
        "motivering": investigation.verwijtbaarheid_motivation,
        "register": investigation.source_register,
        "maanden": [
            [m.month_key, m.paid, m.entitled] for m in investigation.finding_months.order_by("month")
        ],
    }


def _check_breach(investigation, violation_kind, period_start, period_end, verwijtbaarheid, motivation):
    """Hoor en wederhoor first; then the parts of a breach finding that must be there."""
    if not investigation.hoor_en_wederhoor.exists():
        raise ValidationError(
            "Een schending kan pas worden vastgesteld nadat de inwoner is gehoord (hoor en wederhoor). "
            "Leg eerst het hoor en wederhoor vast."
        )
    check_breach_fields(violation_kind, period_start, period_end, verwijtbaarheid, motivation)


@transaction.atomic
def investigation_findings_record(
    *,
    actor,
    investigation: Investigation,
    expected_version: int | None,
    breach: bool,
    violation_kind: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    benadelingsbedrag: Decimal | None = None,
    months=None,
    verwijtbaarheid: str = "",
    motivation: str = "",
    source_register: str = "",
) -> Investigation:
    """Record the findings: breach or not; for a breach its kind, period, benadelingsbedrag (entered, or
    computed from ``months`` = [(month, paid, entitled)] as Σ max(paid − entitled, 0)), culpability
    with its motivation, and the register the fact was already in, if any (``source_register``; the
    decision step passes it to the engine, whose profile says whether that makes it exempt). A breach is
    refused until hoor en wederhoor is recorded. Recording again replaces the earlier findings (the audit
    log keeps both)."""
    _require_conductor(actor, investigation)
    _require_open(investigation)
    # Validate first, claim last: a refused finding leaves the caller's instance as it was.
    parsed = []
    if breach:
        _check_breach(investigation, violation_kind, period_start, period_end, verwijtbaarheid, motivation)
        if source_register not in ("", *SourceRegister.values):
            raise ValidationError({"source_register": "Kies het register, of 'Nee, in geen register'."})
        amount, parsed = benadeling(benadelingsbedrag, months, period_start, period_end)
        values = {
            "outcome": Outcome.SCHENDING,
            "violation_kind": violation_kind,
            "period_start": period_start,
            "period_end": period_end,
            "benadelingsbedrag": amount,
            "verwijtbaarheid": verwijtbaarheid,
            "verwijtbaarheid_motivation": motivation.strip(),
            "source_register": source_register,
        }
    else:
        values = {
            "outcome": Outcome.GEEN_SCHENDING,
            "violation_kind": "",
            "period_start": None,
            "period_end": None,
            "benadelingsbedrag": None,
            "verwijtbaarheid": "",
            "verwijtbaarheid_motivation": "",
            "source_register": "",
        }
    before = _findings_snapshot(investigation)
    claim(actor=actor, investigation=investigation, expected_version=expected_version)
    Investigation.objects.filter(pk=investigation.pk).update(
        **values, findings_recorded_at=timezone.now(), findings_recorded_by=actor
    )
    investigation.finding_months.all().delete()
    FindingMonth.objects.bulk_create(
        FindingMonth(investigation=investigation, month=m.month, paid=m.paid, entitled=m.entitled)
        for m in parsed
    )
    investigation.refresh_from_db()
    _audit(
        actor,
        "investigation.findings_recorded",
        investigation,
        before=before,
        after=_findings_snapshot(investigation),
    )
    return investigation


@transaction.atomic
def investigation_close(
    *, actor, investigation: Investigation, expected_version: int | None, conclusion: str
) -> Investigation:
    """Close an investigation whose findings are recorded, with a conclusion and advice to the consulent."""
    _require_conductor(actor, investigation)
    _require_open(investigation)
    if not conclusion.strip():
        raise ValidationError({"conclusion": "Schrijf de conclusie en het advies aan de consulent op."})
    if not investigation.outcome:
        raise ValidationError("Leg eerst de bevindingen vast; daarna kan het onderzoek worden afgerond.")
    claim(actor=actor, investigation=investigation, expected_version=expected_version)
    now = timezone.now()
    Investigation.objects.filter(pk=investigation.pk).update(
        status=Status.AFGEROND,
        closed_on=timezone.localdate(now),
        closed_at=now,
        closed_by=actor,
        conclusion=conclusion.strip(),
    )
    access_final_on_refresh([investigation.pk])
    investigation.refresh_from_db()
    _audit(
        actor,
        "investigation.closed",
        investigation,
        after={"uitkomst": investigation.outcome, "conclusie": investigation.conclusion},
    )
    return investigation
