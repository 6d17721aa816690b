"""The worker's heartbeat task: proof that the queue is read and tasks run (health.check_worker)."""

import os
import socket
from datetime import datetime

from django.tasks import task
from django.utils import timezone

from naleving.ops.models import Heartbeat

KEEP = 20


@task()
def heartbeat(enqueued_at: str) -> str:
    """Record that a worker ran this ping; keep only the newest ``KEEP`` rows."""
    row = Heartbeat.objects.create(
        enqueued_at=datetime.fromisoformat(enqueued_at),
        answered_at=timezone.now(),
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )
    stale = Heartbeat.objects.order_by("-answered_at").values_list("pk", flat=True)[KEEP:]
    Heartbeat.objects.filter(pk__in=list(stale)).delete()
    return row.answered_at.isoformat()
