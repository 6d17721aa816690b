"""Actor-scoped reads of prevention: interventions, referrals, intakes, reminders, change reports."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from naleving.prevention.models import (
    VIOLATION_KIND,
    ChangeKind,
    ChangeReport,
    ChangeReportStatus,
    IntakeChecklist,
    PreventiveIntervention,
    Referral,
    Reminder,
)
from naleving.residents.selectors import visible_resident_ids

VIEW = "prevention.view_preventiveintervention"
#: The decision engine's follow-ups that call for a referral to a partner (decision-contract.md).
REFERRAL_FOLLOWUPS = {
    "verwijzing_schuldhulp": "Verwijzing naar schuldhulp voorgesteld (draagkracht of dringende redenen)",
    "hulp_inschakelen": "Hulp inschakelen: de inwoner kan niet meewerken",
}


def may_view(actor) -> bool:
    """Whether ``actor`` sees the prevention records (interventions, referrals, changes reported) at all.
    ``dossier.reads`` reads a resident that ``resident_get`` gave the actor by this test alone: every row of theirs, or none."""
    return actor.is_authenticated and actor.has_perm(VIEW)


def interventions_visible_to(actor) -> QuerySet[PreventiveIntervention]:
    if not may_view(actor):
        return PreventiveIntervention.objects.none()
    return PreventiveIntervention.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "performed_by"
    )


def referrals_visible_to(actor) -> QuerySet[Referral]:
    if not may_view(actor):
        return Referral.objects.none()
    return Referral.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "referred_by"
    )


def referral_get(*, actor, referral_id: int) -> Referral:
    try:
        return referrals_visible_to(actor).get(pk=referral_id)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Referral.DoesNotExist("Verwijzing niet gevonden") from None


def intake_get(*, actor, intake_id: int) -> IntakeChecklist:
    if not may_view(actor):
        raise IntakeChecklist.DoesNotExist("Intake niet gevonden")
    try:
        return (
            IntakeChecklist.objects.filter(resident_id__in=visible_resident_ids(actor))
            .select_related("resident", "application", "recorded_by", "resident__consulent")
            .get(pk=intake_id)
        )
    except (IntakeChecklist.DoesNotExist, ValueError, TypeError):
        raise IntakeChecklist.DoesNotExist("Intake niet gevonden") from None


def change_reports_visible_to(actor) -> QuerySet[ChangeReport]:
    if not may_view(actor):
        return ChangeReport.objects.none()
    return ChangeReport.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "handled_by"
    )


def change_report_get(*, actor, report_id: int) -> ChangeReport:
    try:
        return change_reports_visible_to(actor).get(pk=report_id)
    except (ChangeReport.DoesNotExist, ValueError, TypeError):
        raise ChangeReport.DoesNotExist("Wijziging niet gevonden") from None


def reminders_visible_to(actor) -> QuerySet[Reminder]:
    if not may_view(actor):
        return Reminder.objects.none()
    return Reminder.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "schedule", "handled_by", "resident__fixed_contact_person", "resident__consulent"
    )


def reminder_get(*, actor, reminder_id: int) -> Reminder:
    try:
        return reminders_visible_to(actor).get(pk=reminder_id)
    except (Reminder.DoesNotExist, ValueError, TypeError):
        raise Reminder.DoesNotExist("Herinnering niet gevonden") from None


@dataclass(frozen=True)
class Worklist:
    change_reports: list[ChangeReport]
    reminders: list[Reminder]


def worklist_for(actor) -> Worklist:
    """The consulent's prevention worklist: new change reports and reminders not yet sent, of the residents
    the actor may see (own caseload and fixed contacts; a teamleider sees the team's). A reminder exists
    only once the reminder task found it due, so every unsent one belongs here."""
    reports = (
        change_reports_visible_to(actor).filter(status=ChangeReportStatus.NIEUW).order_by("reported_on", "id")
    )
    reminders = reminders_visible_to(actor).filter(handled_at__isnull=True).order_by("due_on", "id")
    return Worklist(change_reports=list(reports), reminders=list(reminders))


@dataclass(frozen=True)
class SelfReport:
    reference: str
    kind: str  # the decision contract's violation.kind
    change_date: date
    reported_on: date
    on_time: bool


def self_report_for(resident, kind: str, period: tuple[date, date]) -> SelfReport | None:
    """The resident's own report of a change of ``kind`` that took effect within ``period`` (start, end
    inclusive), the earliest first; ``None`` when there is none.

    ``kind`` is the decision contract's ``violation.kind`` (``income``, ``cohabitation``, ...) or a
    ``ChangeKind`` value. The decision step can pass ``reported_on`` as ``violation.self_reported_on``:
    a late self-report still counts for the warning rule (Boetebesluit 2aa(1)(b)). Not actor-scoped: the
    caller has already established access to the resident.
    """
    kinds = [k for k, violation in VIOLATION_KIND.items() if kind in (violation, k)]
    if not kinds:
        return None
    start, end = period
    report = (
        ChangeReport.objects.filter(resident=resident, kind__in=kinds, change_date__range=(start, end))
        .order_by("reported_on", "id")
        .first()
    )
    if report is None:
        return None
    return SelfReport(
        reference=report.reference or "",
        kind=VIOLATION_KIND[ChangeKind(report.kind)],
        change_date=report.change_date,
        reported_on=report.reported_on,
        on_time=report.on_time,
    )


def first_change_report_on(resident, kind: str, period: tuple[date, date]) -> date | None:
    """The day the resident first reported, themselves, a change of ``kind`` (the decision contract's
    ``violation.kind``) that concerns the breach of ``period`` (start, end inclusive); ``None`` when none.

    Counted: reports received on or after the start of the period (what was reported before it is not a
    report of this breach: the contract refuses a self-report before ``violation.start``) about a change
    that took effect no later than its end (a later change is another fact). Whether it came within 60 days
    and before the municipality found out is for the engine (Boetebesluit art. 2aa). Not actor-scoped: the
    caller has already established access to the resident.
    """
    kinds = [k for k, violation in VIOLATION_KIND.items() if violation == kind]
    start, end = period
    return (
        ChangeReport.objects.filter(
            resident=resident, kind__in=kinds, reported_on__gte=start, change_date__lte=end
        )
        .order_by("reported_on")
        .values_list("reported_on", flat=True)
        .first()
    )


@dataclass(frozen=True)
class SuggestedReferral:
    resident: object
    besluit: object
    followups: tuple[str, ...]
    reasons: tuple[str, ...]


def suggested_referrals(actor) -> list[SuggestedReferral]:
    """Residents whose latest besluit's engine response suggests a referral (``verwijzing_schuldhulp``,
    ``hulp_inschakelen``) and who were not referred on or after that besluit."""
    from naleving.decisions.selectors import besluiten_visible_to

    if not (may_view(actor) and actor.has_perm("prevention.add_referral")):
        return []
    latest: dict[int, object] = {}
    besluiten = besluiten_visible_to(actor).filter(resident_id__in=visible_resident_ids(actor))
    for besluit in besluiten.order_by("resident_id", "-decision_date", "-id"):
        latest.setdefault(besluit.resident_id, besluit)
    suggestions = []
    for besluit in latest.values():
        followups = tuple(
            f for f in (besluit.engine_response or {}).get("followups", []) if f in REFERRAL_FOLLOWUPS
        )
        if not followups or besluit.referral_id:
            continue
        if Referral.objects.filter(
            resident_id=besluit.resident_id, referred_on__gte=besluit.decision_date
        ).exists():
            continue
        reasons = tuple(REFERRAL_FOLLOWUPS[f] for f in followups)
        suggestions.append(SuggestedReferral(besluit.resident, besluit, followups, reasons))
    return sorted(suggestions, key=lambda s: (s.besluit.decision_date, s.besluit.pk), reverse=True)


def contact_person_candidates(actor) -> QuerySet:
    """Who can be a fixed contact person: active staff who hold a caseload, in the actor's team when the
    actor has one."""
    users = get_user_model().objects.filter(
        is_active=True,
        groups__permissions__codename="view_caseload",
        groups__permissions__content_type__app_label="residents",
    )
    if actor.team_id:
        users = users.filter(Q(team_id=actor.team_id) | Q(pk=actor.pk))
    return users.distinct().order_by("first_name", "last_name", "username")


def application_get(*, actor, application_id: int):
    """An application at the gate of a resident the actor may see."""
    from naleving.residents.models import Application

    try:
        return (
            Application.objects.filter(resident_id__in=visible_resident_ids(actor))
            .select_related("resident")
            .get(pk=application_id)
        )
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Application.DoesNotExist("Aanvraag niet gevonden") from None
