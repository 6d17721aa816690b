"""Background tasks of prevention, on Django's task framework with the database backend (django-tasks-db):
the queue is a table in Naleving's own database and ``naleving db_worker`` runs it; no extra server.

Arguments are JSON: the day is passed as an ISO date, so every run is reproducible and tests control time.
"""

from datetime import date

from django.tasks import task

from naleving.prevention.reminders import reminders_create_due


@task()
def reminders_due(today: str) -> dict:
    """Create the reminders that are due on ``today`` (YYYY-MM-DD); see ``reminders.reminders_create_due``."""
    run = reminders_create_due(today=date.fromisoformat(today))
    return {
        "today": today,
        "created": run.created,
        "already_there": run.already_there,
        "stopped": run.stopped,
    }
