"""Periodic reminders during the benefit (Baanbrekers pijler 1 "regelmatig voorlichten", MER §4.1).

A ``ReminderSchedule`` says when a resident is next reminded of the duty to report changes: yearly, or
once before a life event. ``reminders_create_due(today=...)`` is run by the background task
(``prevention/tasks.py``, the database task queue) or by ``naleving reminders-run``; it turns every
schedule that fell due into a ``Reminder`` on the consulent's worklist plus the preventive intervention
"periodieke herinnering". The day is always an argument, never the clock, so tests and replays control time.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from naleving.audit.services import audit_record
from naleving.prevention.communication import communication_for
from naleving.prevention.models import (
    Channel,
    IntakeLanguage,
    InterventionKind,
    PreventiveIntervention,
    Reminder,
    ReminderKind,
    ReminderSchedule,
)

YEARLY_MONTHS = 12
YEARLY_TOPIC = "Jaarlijkse herinnering: wijzigingen op tijd doorgeven"


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month (29 Feb → 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require(actor) -> None:
    if not actor.has_perm("prevention.add_preventiveintervention"):
        raise PermissionDenied("U mag geen herinneringen plannen of versturen.")


@transaction.atomic
def reminder_schedule_set(
    *, actor, resident, kind: str, next_due_on: date, topic: str = "", interval_months: int | None = None
) -> ReminderSchedule:
    """Plan a reminder: the yearly one (replacing the resident's current yearly schedule) or one before a
    life event (a contract ends, a child turns 18, a planned stay abroad), which needs a topic."""
    _require(actor)
    if kind not in ReminderKind.values:
        raise ValidationError({"kind": "Kies jaarlijks of bij een gebeurtenis."})
    if next_due_on < timezone.localdate():
        raise ValidationError({"next_due_on": "Kies vandaag of een datum in de toekomst."})
    if kind == ReminderKind.JAARLIJKS:
        interval_months = interval_months or YEARLY_MONTHS
        topic = topic.strip() or YEARLY_TOPIC
        ReminderSchedule.objects.filter(resident=resident, kind=kind, active=True).update(active=False)
    else:
        interval_months = None
        topic = topic.strip()
        if not topic:
            raise ValidationError({"topic": "Schrijf op bij welke gebeurtenis de herinnering hoort."})
    schedule = ReminderSchedule.objects.create(
        resident=resident,
        kind=kind,
        topic=topic[:200],
        next_due_on=next_due_on,
        interval_months=interval_months,
        created_by=actor,
    )
    _audit_scheduled(actor, schedule)
    return schedule


def reminder_schedule_ensure_yearly(*, actor, resident, after: date) -> ReminderSchedule | None:
    """Plan the yearly reminder a year after ``after`` (the intake) unless one is planned already.
    Runs inside the caller's transaction and permission check."""
    if ReminderSchedule.objects.filter(resident=resident, kind=ReminderKind.JAARLIJKS, active=True).exists():
        return None
    schedule = ReminderSchedule.objects.create(
        resident=resident,
        kind=ReminderKind.JAARLIJKS,
        topic=YEARLY_TOPIC,
        next_due_on=add_months(after, YEARLY_MONTHS),
        interval_months=YEARLY_MONTHS,
        created_by=actor,
    )
    _audit_scheduled(actor, schedule)
    return schedule


def _audit_scheduled(actor, schedule: ReminderSchedule) -> None:
    audit_record(
        actor=actor,
        code="reminder.scheduled",
        obj=schedule,
        resident_id=schedule.resident_id,
        after={
            "soort": schedule.kind,
            "onderwerp": schedule.topic,
            "volgende": schedule.next_due_on,
            "maanden": schedule.interval_months,
        },
    )


@dataclass(frozen=True)
class ReminderRun:
    today: date
    created: int
    already_there: int
    stopped: int


def reminders_create_due(*, today: date) -> ReminderRun:
    """Create the reminders of every active schedule due on or before ``today``.

    Idempotent: at most one reminder per resident per due date, so a second run (or a second worker) on
    the same day adds nothing. A yearly schedule then moves on past ``today`` (missed years give one
    reminder, not a pile); a life-event schedule stops. A resident without a benefit running on ``today``
    gets no reminder and the schedule stops: the duty to report lasts as long as the benefit.
    """
    created = already = stopped = 0
    due = ReminderSchedule.objects.filter(active=True, next_due_on__lte=today).values_list("pk", flat=True)
    for pk in list(due):
        outcome = _fire(pk, today)
        created += outcome == "created"
        already += outcome == "already"
        stopped += outcome == "stopped"
    return ReminderRun(today=today, created=created, already_there=already, stopped=stopped)


@transaction.atomic
def _fire(pk: int, today: date) -> str:
    schedule = ReminderSchedule.objects.select_for_update().select_related("resident").get(pk=pk)
    if not schedule.active or schedule.next_due_on > today:
        return "skipped"
    resident = schedule.resident
    if not any(b.is_active_on(today) for b in resident.benefits.all()):
        schedule.active = False
        schedule.save(update_fields=["active"])
        return "stopped"
    due_on = schedule.next_due_on
    outcome = "already"
    if not Reminder.objects.filter(resident=resident, due_on=due_on).exists():
        _reminder_create(schedule, due_on)
        outcome = "created"
    if schedule.kind == ReminderKind.JAARLIJKS:
        while schedule.next_due_on <= today:
            schedule.next_due_on = add_months(schedule.next_due_on, schedule.interval_months or YEARLY_MONTHS)
    else:
        schedule.active = False
    schedule.save(update_fields=["next_due_on", "active"])
    return outcome


def _reminder_create(schedule: ReminderSchedule, due_on: date) -> Reminder:
    resident = schedule.resident
    how = communication_for(resident)
    notes = (
        f"Kanaal: {Channel(how.channel).label}; taal: {IntakeLanguage(how.language).label}"
        f"{'; eenvoudige taal met pictogrammen' if how.easy_language else ''}"
        f"{'; tolk aanbieden' if how.interpreter else ''}."
    )
    intervention = PreventiveIntervention.objects.create(
        resident=resident,
        kind=InterventionKind.PERIODIEKE_HERINNERING,
        occurred_on=due_on,
        topic=schedule.topic[:200],
        notes=notes,
        performed_by=None,
    )
    reminder = Reminder.objects.create(
        schedule=schedule,
        resident=resident,
        due_on=due_on,
        channel=how.channel,
        language=how.language,
        easy_language=how.easy_language,
        intervention=intervention,
    )
    audit_record(
        actor=None,
        code="reminder.created",
        obj=reminder,
        resident_id=resident.pk,
        purpose="Periodieke herinnering inlichtingenplicht (achtergrondtaak)",
        after={"datum": due_on, "kanaal": how.channel, "taal": how.language, "eenvoudig": how.easy_language},
    )
    return reminder


@transaction.atomic
def reminder_handle(*, actor, reminder: Reminder) -> Reminder:
    """The consulent sent the reminder (letter posted, e-mail sent, or told in person): off the worklist."""
    _require(actor)
    if reminder.handled_at is not None:
        raise ValidationError("Deze herinnering is al verstuurd.")
    reminder.handled_at, reminder.handled_by = timezone.now(), actor
    reminder.save(update_fields=["handled_at", "handled_by"])
    PreventiveIntervention.objects.filter(pk=reminder.intervention_id).update(performed_by=actor)
    audit_record(
        actor=actor,
        code="reminder.sent",
        obj=reminder,
        resident_id=reminder.resident_id,
        after={"datum": reminder.due_on, "kanaal": reminder.channel},
    )
    return reminder
