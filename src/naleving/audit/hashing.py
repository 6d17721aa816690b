"""The keyed hashes of the audit log (ADR 0019). Pure functions: the key is always an argument.

- ``content_hash``: HMAC-SHA256 over the event's id and its canonical content, written with the event.
- ``link_hash``: HMAC-SHA256 over the sequence number, the event id, the previous link and the content
  hash, written by the sealer; consecutive links form the chain.
- ``legacy_hash``: the unkeyed SHA-256 chain of the events written before ADR 0019, kept to verify them.

Without the key nobody can produce a content or link hash that verifies, even with the source code and
write access to the database.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

HASHED_FIELDS = (
    "occurred_at",
    "code",
    "actor_id",
    "actor_name",
    "object_type",
    "object_id",
    "resident_id",
    "purpose",
    "before",
    "after",
    "request_id",
)


def normalise(value: Any) -> Any:
    """Make a before/after snapshot JSON-stable (dates, decimals and models become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _canonical(fields: dict[str, Any], **extra: Any) -> bytes:
    occurred_at: datetime = fields["occurred_at"]
    payload = dict(fields, occurred_at=occurred_at.astimezone(UTC).isoformat(timespec="microseconds"))
    blob = json.dumps({**extra, **payload}, sort_keys=True, default=str, separators=(",", ":"))
    return blob.encode("utf-8")


def content_hash(*, key: bytes, event_id: int, fields: dict[str, Any]) -> str:
    """The keyed hash of one event's content. The id is in it, so a copied row does not verify."""
    return hmac.new(key, _canonical(fields, id=event_id), hashlib.sha256).hexdigest()


def link_hash(*, key: bytes, seq: int, event_id: int, prev_hash: str, content: str) -> str:
    """The chain link of the event with sequence number ``seq``."""
    message = f"naleving-audit-link-v1|{seq}|{event_id}|{prev_hash}|{content}".encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def legacy_hash(*, prev_hash: str, fields: dict[str, Any]) -> str:
    """The unkeyed SHA-256 link of the chain before ADR 0019 (anyone could recompute it)."""
    return hashlib.sha256(_canonical(fields, prev=prev_hash)).hexdigest()


def event_fields(event: Any) -> dict[str, Any]:
    return {name: getattr(event, name) for name in HASHED_FIELDS}
