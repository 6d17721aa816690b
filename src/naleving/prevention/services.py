"""Writes for preventive interventions. Each runs in one transaction with its audit event."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.prevention import checklist
from naleving.prevention.models import (
    IntakeChecklist,
    IntakeLanguage,
    InterventionKind,
    Partner,
    PreventiveIntervention,
    Referral,
    ReferralStatus,
)
from naleving.prevention.permissions import ADD, REFER, TRIAGE_SIGNAL
from naleving.residents.choices import SupportNeed
from naleving.residents.permissions import CHANGE as CHANGE_RESIDENT


@transaction.atomic
def intervention_record(
    *,
    actor,
    resident,
    kind: str,
    occurred_on: date,
    topic: str,
    notes: str = "",
    source_signal=None,
) -> PreventiveIntervention:
    """Record a preventive intervention (voorlichting, reminder, conversation, extra support).

    Allowed to whoever may add interventions; when it follows from triaging ``source_signal`` (route
    preventief contact) the triage permission is the authority, and the signal is named in the audit log.
    """
    allowed = actor.has_perm(ADD) or (source_signal is not None and actor.has_perm(TRIAGE_SIGNAL))
    if not allowed:
        raise PermissionDenied("U mag geen preventieve interventies vastleggen.")
    if kind not in InterventionKind.values:
        raise ValidationError({"kind": "Kies de soort interventie."})
    if not topic.strip():
        raise ValidationError({"topic": "Vul het onderwerp in."})
    intervention = PreventiveIntervention.objects.create(
        resident=resident,
        kind=kind,
        occurred_on=occurred_on,
        topic=topic.strip()[:200],
        notes=notes.strip(),
        performed_by=actor,
    )
    audit_record(
        actor=actor,
        code="prevention.intervention_recorded",
        obj=intervention,
        resident_id=resident.pk,
        after={
            "soort": kind,
            "datum": occurred_on,
            "onderwerp": intervention.topic,
            "signaal": source_signal.pk if source_signal is not None else None,
        },
    )
    return intervention


@transaction.atomic
def referral_create(
    *, actor, resident, partner: str, handover_note: str, referred_on: date | None = None
) -> Referral:
    """Refer a resident to a partner (schuldhulp, Wmo, wijkteam, ...) with a warm handover note.

    Used on its own and by the decision step when a resident cannot co-operate ("Heeft het te maken met
    onvermogen? Dan schakelen we hulp in", Groningen actielijn 4): help instead of a suspension.
    """
    if not actor.has_perm(REFER):
        raise PermissionDenied("U mag geen verwijzingen vastleggen.")
    if partner not in Partner.values:
        raise ValidationError({"partner": "Kies de partner waarnaar u verwijst."})
    if not handover_note.strip():
        raise ValidationError(
            {"handover_note": "Schrijf de overdracht op: wat is de hulpvraag en wat weet de partner al?"}
        )
    referral = Referral.objects.create(
        resident=resident,
        partner=partner,
        referred_on=referred_on or timezone.localdate(),
        handover_note=handover_note.strip(),
        referred_by=actor,
    )
    audit_record(
        actor=actor,
        code="referral.created",
        obj=referral,
        resident_id=resident.pk,
        after={"partner": partner, "verwezen_op": referral.referred_on},
    )
    return referral


@transaction.atomic
def referral_status_update(
    *, actor, referral: Referral, status: str, followup_note: str = "", on: date | None = None
) -> Referral:
    """Follow a referral up: the partner took it on, finished it, or did not take it up.

    Closing a referral (finished or not taken up) needs the partner's feedback in a few words, so the
    next consulent knows what happened (P2 "partner cooperation" counts the outcome).
    """
    if not actor.has_perm(REFER):
        raise PermissionDenied("U mag geen verwijzingen bijwerken.")
    if status not in ReferralStatus.values:
        raise ValidationError({"status": "Kies de nieuwe status."})
    closing = status in (ReferralStatus.AFGEROND, ReferralStatus.NIET_OPGEPAKT)
    if closing and not followup_note.strip():
        raise ValidationError({"followup_note": "Schrijf op wat de partner terugmeldde."})
    before = {"status": referral.status, "terugkoppeling": referral.followup_note}
    referral.status = status
    referral.status_changed_on = on or timezone.localdate()
    if followup_note.strip():
        referral.followup_note = followup_note.strip()
    referral.save(update_fields=["status", "status_changed_on", "followup_note"])
    audit_record(
        actor=actor,
        code="referral.status_changed",
        obj=referral,
        resident_id=referral.resident_id,
        before=before,
        after={"status": status, "terugkoppeling": referral.followup_note, "op": referral.status_changed_on},
    )
    return referral


def _check_intake(items: list[str], language: str) -> list[str]:
    unknown = [code for code in items if code not in checklist.ITEM_BY_CODE]
    if unknown:
        raise ValidationError({"items": f"Onbekende onderwerpen: {', '.join(unknown)}."})
    missing = checklist.missing_groups(items)
    if missing:
        names = {"wat": "wat", "wanneer": "wanneer", "hoe": "hoe", "anders": "wat er anders gebeurt"}
        raise ValidationError(
            {
                "items": "Leg ten minste één onderwerp uit over: "
                + ", ".join(names[g] for g in missing)
                + ". Zo weet de inwoner wat, wanneer en hoe hij iets doorgeeft, en wat er anders gebeurt."
            }
        )
    if language not in IntakeLanguage.values:
        raise ValidationError({"language": "Kies de taal van het gesprek en het informatieblad."})
    return [code for code in checklist.ITEM_CODES if code in set(items)]


@transaction.atomic
def intake_record(
    *,
    actor,
    resident,
    items: list[str],
    language: str,
    sheet_handed_over: bool,
    recorded_on: date,
    application=None,
    regulation: str = "",
    received_on: date | None = None,
    notes: str = "",
) -> IntakeChecklist:
    """Record the intake conversation at the gate: which rights and obligations were explained, in which
    language, and whether the information sheet was handed over (Baanbrekers pijler 1, Groningen
    actielijn 1). Counts as the preventive intervention "voorlichting bij intake" (indicator P1).

    Without ``application`` the application is registered here (``regulation``, ``received_on``). The
    first yearly reminder is planned a year after the intake, unless the resident already has one.
    """
    from naleving.prevention.reminders import reminder_schedule_ensure_yearly
    from naleving.residents.services import application_register

    if not actor.has_perm(ADD):
        raise PermissionDenied("U mag geen intake vastleggen.")
    codes = _check_intake(items, language)
    if application is None:
        if not regulation or received_on is None:
            raise ValidationError(
                {"application": "Kies de aanvraag, of vul de regeling en de datum van ontvangst in."}
            )
        application = application_register(
            actor=actor, resident=resident, regulation=regulation, received_on=received_on
        )
    elif application.resident_id != resident.pk:
        raise ValidationError({"application": "Deze aanvraag hoort bij een andere inwoner."})
    if IntakeChecklist.objects.filter(application=application).exists():
        raise ValidationError({"application": "Voor deze aanvraag is de intake al vastgelegd."})
    language_name = IntakeLanguage(language).label
    intervention = intervention_record(
        actor=actor,
        resident=resident,
        kind=InterventionKind.VOORLICHTING_INTAKE,
        occurred_on=recorded_on,
        topic="Rechten en plichten bij de aanvraag (intakechecklist)",
        notes=f"{len(codes)} van {len(checklist.ITEM_CODES)} onderwerpen uitgelegd; taal: {language_name}; "
        f"informatieblad {'meegegeven' if sheet_handed_over else 'niet meegegeven'}.",
    )
    intake = IntakeChecklist.objects.create(
        application=application,
        resident=resident,
        catalogue_version=checklist.CATALOGUE_VERSION,
        items=codes,
        language=language,
        sheet_handed_over=sheet_handed_over,
        notes=notes.strip(),
        intervention=intervention,
        recorded_by=actor,
        recorded_on=recorded_on,
    )
    audit_record(
        actor=actor,
        code="intake.recorded",
        obj=intake,
        resident_id=resident.pk,
        after={
            "aanvraag": application.pk,
            "versie": intake.catalogue_version,
            "onderwerpen": codes,
            "taal": language,
            "informatieblad": sheet_handed_over,
        },
    )
    reminder_schedule_ensure_yearly(actor=actor, resident=resident, after=recorded_on)
    return intake


@transaction.atomic
def support_needs_update(
    *,
    actor,
    resident,
    needs_extra_support: bool,
    support_needs: list[str],
    fixed_contact_person,
    on: date | None = None,
):
    """Record what a resident with limited doenvermogen needs (easy language, an interpreter, no digital
    contact, ...) and their fixed contact person (Groningen actielijn 2). Never a diagnosis: the support
    needed, in the words of ``SupportNeed``. Letters and reminders follow it (``communication.py``).

    Assigning a fixed contact person, or starting extra support, is recorded as the preventive
    intervention "extra ondersteuning".
    """
    from naleving.residents.services import resident_update

    if not (actor.has_perm(CHANGE_RESIDENT) and actor.has_perm(ADD)):
        raise PermissionDenied("U mag de ondersteuning van deze inwoner niet wijzigen.")
    unknown = [n for n in support_needs if n not in SupportNeed.values]
    if unknown:
        raise ValidationError({"support_needs": "Kies alleen uit de genoemde vormen van ondersteuning."})
    if SupportNeed.VASTE_CONTACTPERSOON in support_needs and fixed_contact_person is None:
        raise ValidationError({"fixed_contact_person": "Kies wie de vaste contactpersoon wordt."})
    new_contact = (
        fixed_contact_person is not None and fixed_contact_person.pk != resident.fixed_contact_person_id
    )
    support_started = needs_extra_support and not resident.needs_extra_support
    needs = [n for n in SupportNeed.values if n in set(support_needs)]
    resident = resident_update(
        actor=actor,
        resident=resident,
        needs_extra_support=needs_extra_support,
        support_needs=needs,
        fixed_contact_person=fixed_contact_person,
    )
    if new_contact or support_started:
        labels = ", ".join(str(SupportNeed(n).label).lower() for n in needs) or "geen bijzondere vorm"
        contact = (
            (fixed_contact_person.get_full_name() or fixed_contact_person.username)
            if fixed_contact_person
            else ""
        )
        intervention_record(
            actor=actor,
            resident=resident,
            kind=InterventionKind.EXTRA_ONDERSTEUNING,
            occurred_on=on or timezone.localdate(),
            topic=f"Vaste contactpersoon: {contact}" if new_contact else "Extra ondersteuning afgesproken",
            notes=f"Ondersteuning: {labels}.",
        )
    return resident
