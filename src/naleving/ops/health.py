"""What the readiness probe checks (issue #25). Each check names itself, says ok, warning or error, and
never shows personal data: counts, ages and names of parts only.

- ``database``: a query answers.
- ``cache``: a value written can be read back.
- ``migrations``: every migration of this version is applied.
- ``worker``: a background worker answered a heartbeat ping recently (the probe queues one when the last
  answer is older than ``PING_EVERY``; the worker's answer is the proof that the queue is read).
- ``audit_checkpoint``: the newest signed checkpoint of the audit chain is younger than
  ``NALEVING_AUDIT_CHECKPOINT_MAX_AGE`` seconds (cron writes one every 10 minutes, docs/howto/audit.md).
- ``amounts``: the legal amounts the decision engine needs are in force today (error) and for the next 90
  days (warning: the service still decides today, but the beheerder must propose new amounts).
"""

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from naleving.audit.checkpoints import CHECKPOINT_FILE, anchor_dir
from naleving.decisions.parameters import parameter_warning
from naleving.ops.models import Heartbeat
from naleving.ruleset.selectors import registry_for_commands

OK, WARNING, ERROR = "ok", "waarschuwing", "fout"
PING_EVERY = timedelta(seconds=30)
HEARTBEAT_TASK = "naleving.ops.tasks.heartbeat"


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str

    def as_json(self) -> dict:
        return asdict(self)


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Check("database", ERROR, f"database antwoordt niet ({type(exc).__name__})")
    return Check("database", OK, f"{connection.vendor} antwoordt")


def check_cache() -> Check:
    key, value = "naleving:ready", uuid.uuid4().hex
    try:
        cache.set(key, value, 30)
        read = cache.get(key)
    except Exception as exc:
        return Check("cache", ERROR, f"cache niet bereikbaar ({type(exc).__name__})")
    if read != value:
        return Check("cache", ERROR, "cache geeft de geschreven waarde niet terug")
    return Check("cache", OK, "cache schrijft en leest")


def check_migrations() -> Check:
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return Check("migrations", ERROR, f"migraties niet te lezen ({type(exc).__name__})")
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan[:5])
        return Check("migrations", ERROR, f"{len(plan)} migratie(s) niet toegepast: {names}")
    return Check("migrations", OK, "alle migraties toegepast")


def _ping(now: datetime) -> None:
    from naleving.ops.tasks import heartbeat

    heartbeat.enqueue(enqueued_at=now.isoformat())


def check_worker(now: datetime | None = None) -> Check:
    now = now or timezone.now()
    max_age = timedelta(seconds=settings.NALEVING_WORKER_HEARTBEAT_MAX_AGE)
    try:
        last = Heartbeat.objects.order_by("-answered_at").first()
        waiting = DBTaskResult.objects.filter(task_path=HEARTBEAT_TASK, status="READY").order_by(
            "enqueued_at"
        )
        oldest_waiting = waiting.values_list("enqueued_at", flat=True).first()
        if oldest_waiting is None and (last is None or now - last.answered_at > PING_EVERY):
            _ping(now)
    except Exception as exc:
        return Check("worker", ERROR, f"wachtrij niet te lezen ({type(exc).__name__})")
    if last is not None and now - last.answered_at <= max_age:
        return Check(
            "worker", OK, f"laatste hartslag {int((now - last.answered_at).total_seconds())} s geleden"
        )
    if last is None and (oldest_waiting is None or now - oldest_waiting <= max_age):
        return Check("worker", WARNING, "wacht op de eerste hartslag van de achtergrondverwerking")
    age = "nooit" if last is None else f"{int((now - last.answered_at).total_seconds())} s geleden"
    return Check("worker", ERROR, f"achtergrondverwerking antwoordt niet (laatste hartslag: {age})")


def checkpoint_age(now: datetime | None = None) -> float | None:
    """Seconds since the newest checkpoint line was written, or None when there is none."""
    path = anchor_dir() / CHECKPOINT_FILE
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            handle.seek(max(0, handle.tell() - 4096))
            last = handle.read().decode("utf-8", "replace").strip().splitlines()[-1]
        written = datetime.fromisoformat(json.loads(last)["created_at"])
    except (OSError, IndexError, ValueError, KeyError, TypeError):
        return None
    return ((now or datetime.now(UTC)) - written).total_seconds()


def check_audit_checkpoint(now: datetime | None = None) -> Check:
    age = checkpoint_age(now)
    limit = settings.NALEVING_AUDIT_CHECKPOINT_MAX_AGE
    if age is None:
        return Check("audit_checkpoint", ERROR, "geen controlepunt van het auditlog gevonden")
    if age > limit:
        return Check("audit_checkpoint", ERROR, f"laatste controlepunt {int(age)} s oud (grens {limit} s)")
    return Check("audit_checkpoint", OK, f"laatste controlepunt {int(age)} s oud")


def check_amounts() -> Check:
    try:
        warning = parameter_warning(registry=registry_for_commands())
    except Exception as exc:
        return Check("amounts", ERROR, f"wettelijke bedragen niet te lezen ({type(exc).__name__})")
    if warning is None:
        return Check("amounts", OK, "wettelijke bedragen gelden de komende 90 dagen")
    sentences = "; ".join(group.sentence for group in warning.groups)
    status = ERROR if warning.missing_today else WARNING
    return Check("amounts", status, sentences or warning.profile_sentence)


def readiness(now: datetime | None = None) -> list[Check]:
    return [
        check_database(),
        check_cache(),
        check_migrations(),
        check_worker(now),
        check_audit_checkpoint(now),
        check_amounts(),
    ]
