"""The reminders' real path: the command puts the task on the database queue, ``db_worker --batch`` runs it.

Transactional (the worker reads what the command committed), so in a module of its own: the other reminder
tests share one world per module in an open transaction (``naleving.testing.fixtures``)."""

from datetime import date

import pytest
from django.core.management import call_command

from naleving.prevention.models import Reminder
from naleving.prevention.tests.factories import ReminderScheduleFactory


@pytest.mark.django_db(transaction=True)
def test_enqueued_on_the_database_queue_and_worked_by_db_worker(world):
    """The real path: the command puts the task on the queue table, ``db_worker --batch`` runs it."""
    from django_tasks_db.models import DBTaskResult

    ReminderScheduleFactory(resident=world["jansen"], next_due_on=date(2027, 3, 2))
    call_command("reminders-run", date="2027-03-02")
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY" and queued.args_kwargs["kwargs"] == {"today": "2027-03-02"}
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL" and queued.return_value["created"] == 1
    assert Reminder.objects.get().due_on == date(2027, 3, 2)
