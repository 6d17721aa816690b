"""Background task of theme controls, on the database task queue (django-tasks-db, see prevention/tasks.py):
``naleving db_worker`` runs a delivery's controls while the analyst's page shows the progress.

``deliveries.delivery_submit`` queues this task; the task calls ``processing`` only, so the imports run one
way: deliveries → tasks → processing."""

from django.tasks import task

from naleving.controls.processing import deliveries_sweep, delivery_process


@task()
def delivery_run(delivery_id: int) -> dict:
    """Run the controls of a queued delivery; see ``processing.delivery_process``. First end the deliveries
    whose worker stopped mid-run (``processing.deliveries_sweep``), so their raw files do not linger."""
    deliveries_sweep()
    return delivery_process(delivery_id)
