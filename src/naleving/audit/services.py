"""Writing to and verifying the audit log. Every service of every app calls ``audit_record``."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from naleving.audit.catalogue import CATALOGUE
from naleving.audit.context import request_id
from naleving.audit.hashing import GENESIS, compute_hash, event_fields, normalise
from naleving.audit.models import AuditEvent

_CHAIN_LOCK_KEY = 84720001


def _lock_chain() -> None:
    """Serialise writers so two events never claim the same predecessor.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: the IMMEDIATE transaction mode in the
    settings already serialises writers.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


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
    """Append one event to the chain, in the caller's transaction (or its own when there is none).

    Reads of personal data are recorded outside any request transaction (views do not wrap GETs in
    transactions), so the read event is committed even when a later step of the request fails.
    """
    if code not in CATALOGUE:
        raise ValueError(f"Unknown audit event code {code!r}: add it to naleving.audit.catalogue")
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    fields = {
        "occurred_at": datetime.now(UTC),
        "code": code,
        "actor_id": actor.pk if authenticated else None,
        "actor_name": (actor.get_full_name() or actor.get_username()) if authenticated else "",
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "resident_id": resident_id,
        "purpose": purpose[:300],
        "before": normalise(before),
        "after": normalise(after),
        "request_id": request_id.get(),
    }
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        prev_hash = last or GENESIS
        event = AuditEvent(
            **fields, prev_hash=prev_hash, entry_hash=compute_hash(prev_hash=prev_hash, fields=fields)
        )
        event.save()
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_at: int | None = None
    problem: str = ""


def audit_verify() -> VerifyResult:
    """Walk the chain in order and report the first event whose link or content does not match."""
    prev_hash = GENESIS
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev_hash:
            return VerifyResult(
                False, checked, event.pk, "de verwijzing naar de vorige gebeurtenis klopt niet"
            )
        expected = compute_hash(prev_hash=prev_hash, fields=event_fields(event))
        if event.entry_hash != expected:
            return VerifyResult(False, checked, event.pk, "de inhoud is gewijzigd na het vastleggen")
        prev_hash = event.entry_hash
        checked += 1
    return VerifyResult(True, checked)
