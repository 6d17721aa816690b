"""Writing to and verifying the audit log. Every service of every app calls ``audit_record``."""

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Model

from naleving.audit.catalogue import CATALOGUE
from naleving.audit.context import request_id
from naleving.audit.hashing import HASHED_FIELDS, content_hash, normalise
from naleving.audit.models import AuditEvent
from naleving.audit.sealing import audit_key
from naleving.audit.verification import VerifyResult, audit_verify
from naleving.common.bulk import copy_insert, copy_rows

__all__ = [
    "AuditEntry",
    "VerifyResult",
    "audit_record",
    "audit_record_many",
    "audit_record_reads",
    "audit_verify",
]


def _next_event_id() -> int:
    """The id the event will get, so that its content hash can cover it (a copied row then fails).

    PostgreSQL: ``nextval`` of the id sequence, which never waits for another transaction (a rolled-back
    id is simply skipped, and skipped ids are no gap: the chain numbers events when it seals them).
    SQLite: the IMMEDIATE transaction mode already serialises writers, so the next id is max + 1.
    """
    return _next_event_ids(1)[0]


#: the id sequence's name per database alias, looked up once (``pg_get_serial_sequence`` for every id drawn
#: cost a list page's 25 ids 0.3–0.4 ms against 0.25 ms by name)
_SEQUENCES: dict[str, str] = {}


def _next_event_ids(count: int) -> list[int]:
    """``count`` ids in one round trip, ascending (see ``_next_event_id``)."""
    table = AuditEvent._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            sequence = _SEQUENCES.get(connection.alias)
            if sequence is None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
                sequence = _SEQUENCES[connection.alias] = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
            return sorted(int(row[0]) for row in cursor.fetchall())
    first = (AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    return list(range(first, first + count))


def audit_record(
    *,
    actor: Any,
    code: str,
    obj: Model | None = None,
    resident_id: int | None = None,
    purpose: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """Append one event, in the caller's transaction (or its own when there is none).

    The event carries the keyed hash of its content; it takes no lock and reads no other event, so
    concurrent requests never wait for each other here. The sealer gives it its place in the chain once
    it is committed (``sealing.chain_seal``, ADR 0019); an event whose transaction rolls back never gets one.

    Reads of personal data are recorded outside any request transaction (views do not wrap GETs in
    transactions), so the read event is committed even when a later step of the request fails.
    """
    fields = _fields(actor, code, AuditEntry(obj, resident_id, purpose, before, after))
    with transaction.atomic(savepoint=False):  # no savepoint round trips inside a service's transaction
        event_id = _next_event_id()
        event = AuditEvent(
            id=event_id,
            **fields,
            content_hash=content_hash(key=audit_key(), event_id=event_id, fields=fields),
        )
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class AuditEntry:
    """One event of ``audit_record_many``: what ``audit_record`` takes besides the actor and the code."""

    obj: Model | None = None
    resident_id: int | None = None
    purpose: str = ""
    before: dict | None = None
    after: dict | None = None
    #: the event's code, when it is not the ``code`` given to ``audit_record_many``
    code: str = ""


def _fields(actor: Any, code: str, entry: AuditEntry) -> dict[str, Any]:
    if code not in CATALOGUE:
        raise ValueError(f"Unknown audit event code {code!r}: add it to naleving.audit.catalogue")
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    obj = entry.obj
    return {
        "occurred_at": datetime.now(UTC),
        "code": code,
        "actor_id": actor.pk if authenticated else None,
        "actor_name": (actor.get_full_name() or actor.get_username()) if authenticated else "",
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "resident_id": entry.resident_id,
        "purpose": entry.purpose[:300],
        "before": normalise(entry.before),
        "after": normalise(entry.after),
        "request_id": request_id.get(),
    }


def audit_record_many(
    *, actor: Any, code: str = "", entries: list[AuditEntry], returning: bool = True
) -> list[AuditEvent]:
    """Append one event per entry, as ``audit_record`` would one by one, in a few round trips. Each event
    has its entry's own ``code``, or else ``code``. With ``returning=False`` the events are not returned, and
    on PostgreSQL no ``AuditEvent`` object is made for each (``audit_record_reads``; an import of 20,000
    signals made as many objects for nothing: about 1 s of Python on the bench machine).

    For the bulk paths (a file of 20,000 signals) and the reads a list logs (25 residents a page): the ids
    come from one ``nextval`` query, each event gets its keyed content hash over its own id and content
    exactly as ``audit_record`` writes it, and the rows go in with ``COPY`` (``common.bulk``; ``bulk_create``
    where there is no ``COPY``). The events are sealed into the chain later like any other.
    """
    if not entries:
        return []
    if not returning and connection.vendor == "postgresql":
        _copy_events(actor, code, entries)
        return []
    key = audit_key()
    fields = [_fields(actor, entry.code or code, entry) for entry in entries]
    # PostgreSQL: the ids come from a sequence, which needs no transaction, and COPY is one statement, all or
    # nothing on its own: outside a transaction no BEGIN and COMMIT of their own (two of a list page's four
    # round trips here). SQLite draws max + 1, which only its transaction keeps unique.
    together = nullcontext() if connection.vendor == "postgresql" else transaction.atomic(savepoint=False)
    with together:
        ids = _next_event_ids(len(fields))
        events = [
            AuditEvent(id=event_id, **f, content_hash=content_hash(key=key, event_id=event_id, fields=f))
            for event_id, f in zip(ids, fields, strict=True)
        ]
        copy_insert(AuditEvent, events)
    return events


#: the columns ``_copy_events`` writes, in this order (every column: COPY leaves out none); ``_fields`` gives
#: the hashed ones under their column names
_COPIED_COLUMNS = ("id", *HASHED_FIELDS, "content_hash", "legacy_prev_hash", "legacy_entry_hash")


def audit_record_reads(*, actor: Any, entries: list[AuditEntry]) -> None:
    """``audit_record_many`` for the reads a response declared (``audit.edge.ReadLogMiddleware``), which
    nobody reads back: the same events, ids, content hashes and ``COPY``, without an ``AuditEvent`` object
    made for each row (25 a list page, about 0.15 ms of it on the bench machine)."""
    audit_record_many(actor=actor, entries=entries, returning=False)


def _copy_events(actor: Any, code: str, entries: list[AuditEntry]) -> None:
    """The events of ``audit_record_many`` written with ``COPY`` from their values (PostgreSQL)."""
    key = audit_key()
    fields = [_fields(actor, entry.code or code, entry) for entry in entries]
    ids = _next_event_ids(len(fields))
    copy_rows(
        AuditEvent,
        _COPIED_COLUMNS,
        [
            (
                event_id,
                *(f[name] for name in HASHED_FIELDS),
                content_hash(key=key, event_id=event_id, fields=f),
                "",
                "",
            )
            for event_id, f in zip(ids, fields, strict=True)
        ],
    )
