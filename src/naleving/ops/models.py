"""The background worker's heartbeat: the readiness probe queues a ping, a running worker answers it."""

from django.db import models


class Heartbeat(models.Model):
    """One row per answered ping (the newest few are kept): when the worker ran it, and which worker."""

    enqueued_at = models.DateTimeField()
    answered_at = models.DateTimeField(db_index=True)
    worker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-answered_at"]
        permissions = [("view_health", "Gezondheid en metrics van de installatie inzien")]

    def __str__(self) -> str:
        return f"Hartslag {self.answered_at:%Y-%m-%d %H:%M:%S} ({self.worker})"
