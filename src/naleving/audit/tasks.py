"""Background task of the audit log, on the database task queue (django-tasks-db, see prevention/tasks.py):
``naleving audit seal --queue`` puts it there and ``naleving db_worker`` seals the committed events."""

from django.tasks import task

from naleving.audit.sealing import chain_seal


@task()
def audit_seal(full: bool = False) -> dict:
    """Seal the committed, unsealed events; see ``sealing.chain_seal``."""
    result = chain_seal(full=full)
    return {"sealed": result.sealed, "last_seq": result.last_seq, "busy": result.busy}
