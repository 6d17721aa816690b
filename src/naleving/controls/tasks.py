"""Background task of theme controls, on the database task queue (django-tasks-db, see prevention/tasks.py):
``naleving db_worker`` runs a delivery's controls while the analyst's page shows the progress."""

from django.tasks import task

from naleving.controls.services import delivery_process


@task()
def delivery_run(delivery_id: int) -> dict:
    """Run the controls of a queued delivery; see ``services.delivery_process``."""
    return delivery_process(delivery_id)
