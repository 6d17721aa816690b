"""The sealer: gives committed audit events their place in the chain (ADR 0019).

``audit_record`` only inserts an event with its keyed content hash; it takes no lock and reads no other
event, so web processes never queue behind each other. The sealer, run by ``naleving audit seal``, by
``naleving audit checkpoint`` (cron), after ``naleving audit verify`` and by the background worker
(``audit.tasks.audit_seal``), numbers the committed events that have no seal yet in id order and links
each to the one before. An event whose transaction rolled back never becomes visible, so it never gets a
number: a rollback leaves no gap.

Only sealers wait for each other (a transaction-scoped advisory lock that nothing else takes); a second
sealer that finds the lock taken returns at once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from naleving.audit.hashing import GENESIS, link_hash
from naleving.audit.models import AuditEvent, AuditSeal

SEAL_LOCK_KEY = 84720002
BATCH = 5_000
#: An event whose transaction commits long after later events did (a long service transaction) has an id
#: below the newest sealed one. Each run looks this many ids back for such stragglers; a full run
#: (``naleving audit seal --full``, and every ``naleving audit verify``) looks at every event.
LOOKBACK_IDS = 100_000


def audit_key() -> bytes:
    """The HMAC key of the chain (NALEVING_AUDIT_KEY)."""
    return settings.NALEVING_AUDIT_KEY.encode("utf-8")


@dataclass(frozen=True)
class SealResult:
    sealed: int
    last_seq: int
    busy: bool = False


def _try_lock() -> bool:
    """Only one sealer at a time. PostgreSQL: an advisory lock no writer of events takes. SQLite: the
    IMMEDIATE transaction mode already serialises writers."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SEAL_LOCK_KEY])
        return bool(cursor.fetchone()[0])


def _unsealed(*, full: bool, limit: int) -> list[tuple[int, str]]:
    events = AuditEvent.objects.filter(seal__isnull=True)
    if not full:
        horizon = AuditSeal.objects.aggregate(newest=Max("event_id"))["newest"]
        if horizon is not None:
            events = events.filter(id__gt=horizon - LOOKBACK_IDS)
    return list(events.order_by("id").values_list("id", "content_hash")[:limit])


def _seal_batch(*, full: bool, key: bytes) -> tuple[int, int] | None:
    """Seal up to BATCH events in one short transaction; None when another sealer holds the lock."""
    with transaction.atomic():
        if not _try_lock():
            return None
        seq, prev = AuditSeal.objects.order_by("-seq").values_list("seq", "entry_hash").first() or (
            0,
            GENESIS,
        )
        now = timezone.now()
        seals = []
        for event_id, content in _unsealed(full=full, limit=BATCH):
            seq += 1
            link = link_hash(key=key, seq=seq, event_id=event_id, prev_hash=prev, content=content)
            seals.append(
                AuditSeal(seq=seq, event_id=event_id, prev_hash=prev, entry_hash=link, sealed_at=now)
            )
            prev = link
        AuditSeal.objects.bulk_create(seals)
    return len(seals), seq


def chain_seal(*, full: bool = False) -> SealResult:
    """Seal every committed, unsealed event (in batches of BATCH, each its own transaction).

    ``full`` also looks for stragglers older than LOOKBACK_IDS ids. Returns how many were sealed and the
    newest sequence number; ``busy`` when another sealer was at work (it seals them instead).
    """
    key = audit_key()
    total = 0
    last_seq = 0
    while True:
        batch = _seal_batch(full=full, key=key)
        if batch is None:
            return SealResult(total, last_seq, busy=True)
        sealed, last_seq = batch
        total += sealed
        if sealed < BATCH:
            return SealResult(total, last_seq)
