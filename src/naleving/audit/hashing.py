"""The hash chain: each event's hash covers its content and the hash of the event before it."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def normalise(value: Any) -> Any:
    """Make a before/after snapshot JSON-stable (dates, decimals and models become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def compute_hash(*, prev_hash: str, fields: dict[str, Any]) -> str:
    occurred_at: datetime = fields["occurred_at"]
    payload = dict(fields, occurred_at=occurred_at.astimezone(UTC).isoformat(timespec="microseconds"))
    blob = json.dumps({"prev": prev_hash, **payload}, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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


def event_fields(event: Any) -> dict[str, Any]:
    return {name: getattr(event, name) for name in HASHED_FIELDS}
