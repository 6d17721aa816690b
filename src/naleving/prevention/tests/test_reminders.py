"""Periodic reminders on schedule, with the day controlled by the test (never the clock): created once per
resident per due date, moved on a year, stopped after a life event or when the benefit ended, and written
the way the resident needs (channel, language, easy language)."""

from datetime import date

import pytest
from django.core.management import call_command

from naleving.audit.models import AuditEvent
from naleving.prevention.models import InterventionKind, PreventiveIntervention, Reminder
from naleving.prevention.reminders import add_months, reminders_create_due
from naleving.prevention.tasks import reminders_due
from naleving.prevention.tests.factories import ReminderScheduleFactory


@pytest.fixture
def schedule(world):
    return ReminderScheduleFactory(resident=world["jansen"], next_due_on=date(2027, 3, 2))


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert add_months(date(2026, 3, 2), 12) == date(2027, 3, 2)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


@pytest.mark.django_db
def test_nothing_before_the_due_date(schedule):
    run = reminders_create_due(today=date(2027, 3, 1))
    assert run.created == 0 and not Reminder.objects.exists()


@pytest.mark.django_db
def test_yearly_reminder_on_the_due_date_then_next_year(schedule, world):
    run = reminders_create_due(today=date(2027, 3, 2))
    assert run.created == 1
    reminder = Reminder.objects.get()
    assert reminder.due_on == date(2027, 3, 2) and reminder.resident == world["jansen"]
    assert reminder.intervention.kind == InterventionKind.PERIODIEKE_HERINNERING
    assert (
        reminder.intervention.occurred_on == date(2027, 3, 2) and reminder.intervention.performed_by is None
    )
    schedule.refresh_from_db()
    assert schedule.active and schedule.next_due_on == date(2028, 3, 2)
    assert AuditEvent.objects.filter(code="reminder.created", resident_id=world["jansen"].pk).count() == 1


@pytest.mark.django_db
def test_running_twice_creates_nothing_new(schedule):
    reminders_create_due(today=date(2027, 3, 2))
    schedule.refresh_from_db()
    schedule.next_due_on = date(2027, 3, 2)  # as if a second worker read the schedule before the first saved
    schedule.save()
    second = reminders_create_due(today=date(2027, 3, 2))
    assert (second.created, second.already_there) == (0, 1)
    assert Reminder.objects.count() == 1
    assert PreventiveIntervention.objects.filter(kind=InterventionKind.PERIODIEKE_HERINNERING).count() == 1


@pytest.mark.django_db
def test_missed_years_give_one_reminder_and_the_next_date_lies_ahead(schedule):
    run = reminders_create_due(today=date(2029, 6, 1))
    schedule.refresh_from_db()
    assert run.created == 1 and schedule.next_due_on == date(2030, 3, 2)


@pytest.mark.django_db
def test_life_event_fires_once(world):
    schedule = ReminderScheduleFactory(
        resident=world["jansen"], life_event=True, next_due_on=date(2026, 8, 1)
    )
    assert reminders_create_due(today=date(2026, 8, 1)).created == 1
    schedule.refresh_from_db()
    assert not schedule.active
    assert reminders_create_due(today=date(2027, 8, 1)).created == 0


@pytest.mark.django_db
def test_no_reminder_without_a_running_benefit(world):
    schedule = ReminderScheduleFactory(resident=world["pietersen"], next_due_on=date(2027, 3, 2))
    run = reminders_create_due(today=date(2027, 3, 2))
    schedule.refresh_from_db()
    assert (run.created, run.stopped) == (0, 1) and not schedule.active


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "channel", "language", "easy"),
    [
        ({}, "brief", "nl", False),
        ({"email": "j@example.org"}, "digitaal", "nl", False),
        ({"email": "j@example.org", "support_needs": ["geen_digitaal_contact"]}, "brief", "nl", False),
        ({"preferred_language": "ar", "language_level": "onder_b1"}, "brief", "ar", True),
        ({"preferred_language": "tr"}, "brief", "nl", False),
        ({"needs_extra_support": True, "fixed_contact_person_id": "consulent"}, "persoonlijk", "nl", False),
    ],
)
def test_reminder_follows_communication_needs(schedule, world, changes, channel, language, easy):
    resident = world["jansen"]
    for name, value in changes.items():
        setattr(resident, name, world[value].pk if name.endswith("_id") else value)
    resident.save()
    reminders_create_due(today=date(2027, 3, 2))
    reminder = Reminder.objects.get()
    assert (reminder.channel, reminder.language, reminder.easy_language) == (channel, language, easy)


@pytest.mark.django_db
def test_the_task_and_the_command_run_for_a_given_day(schedule, capsys):
    result = reminders_due.call(today="2027-03-01")
    assert result["created"] == 0
    call_command("reminders-run", date="2027-03-02", now=True)
    assert "1 herinnering(en) aangemaakt" in capsys.readouterr().out
    assert Reminder.objects.count() == 1
