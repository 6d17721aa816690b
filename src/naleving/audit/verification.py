"""Verifying the audit log (``naleving audit verify``, ADR 0019).

Checks, and names the first problem as "gebeurtenis #N: ...":

1. every signed checkpoint outside the database: its signature (only the public key is needed);
2. the chain of seals in sequence order: no missing number, each link over the previous one, each sealed
   event still there with the keyed content hash it was sealed with and that its content still gives;
3. every checkpoint against the database: the checkpointed number still holds the same link, so a deleted
   tail (events and seals removed after the checkpoint) is found;
4. every event not sealed yet: its keyed content hash;
5. the events written before ADR 0019: their unkeyed SHA-256 chain, as before.

Reading only: it never seals (the command seals afterwards, so what was found is what was checked).
"""

from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm

from naleving.audit import checkpoints
from naleving.audit.hashing import GENESIS, content_hash, event_fields, legacy_hash, link_hash
from naleving.audit.models import AuditEvent, AuditSeal
from naleving.audit.sealing import audit_key

CHUNK = 2_000


class Broken(Exception):
    def __init__(self, event_id: int | None, problem: str):
        super().__init__(problem)
        self.event_id = event_id
        self.problem = problem


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_at: int | None = None
    problem: str = ""
    unsealed: int = 0
    checkpoints: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class _Walk:
    key: bytes
    expected: dict[int, checkpoints.Checkpoint]
    seq: int = 0
    prev: str = GENESIS
    checked: int = 0


def _content_problem(event: AuditEvent, key: bytes) -> str:
    if content_hash(key=key, event_id=event.pk, fields=event_fields(event)) != event.content_hash:
        return "de inhoud is gewijzigd na het vastleggen (de sleutelhash klopt niet)"
    return ""


def _check_seal(walk: _Walk, seal: dict, event: AuditEvent | None) -> None:
    seq, event_id = seal["seq"], seal["event_id"]
    if seq != walk.seq + 1:
        missing = f"{walk.seq + 1}" if seq == walk.seq + 2 else f"{walk.seq + 1} tot en met {seq - 1}"
        raise Broken(event_id, f"volgnummer {missing} ontbreekt: verzegelde gebeurtenissen zijn verwijderd")
    if seal["prev_hash"] != walk.prev:
        raise Broken(event_id, "de verwijzing naar de vorige gebeurtenis klopt niet")
    if event is None:
        raise Broken(event_id, f"deze gebeurtenis (volgnummer {seq}) is verwijderd na het verzegelen")
    problem = _content_problem(event, walk.key)
    if problem:
        raise Broken(event_id, problem)
    link = link_hash(
        key=walk.key, seq=seq, event_id=event_id, prev_hash=walk.prev, content=event.content_hash
    )
    if link != seal["entry_hash"]:
        raise Broken(event_id, "de schakel in de keten klopt niet (herberekend zonder de juiste sleutel?)")
    anchored = walk.expected.get(seq)
    if anchored is not None and (anchored.entry_hash != link or anchored.event_id != event_id):
        raise Broken(
            event_id,
            f"volgnummer {seq} wijkt af van het ondertekende checkpoint van {anchored.created_at} "
            "(de keten is na het checkpoint herschreven)",
        )
    walk.seq, walk.prev = seq, link
    walk.checked += 1


def _walk_chain(walk: _Walk) -> None:
    seals = AuditSeal.objects.order_by("seq").values("seq", "event_id", "prev_hash", "entry_hash")
    chunk: list[dict] = []
    for seal in seals.iterator(chunk_size=CHUNK):
        chunk.append(seal)
        if len(chunk) == CHUNK:
            _check_chunk(walk, chunk)
            chunk = []
    _check_chunk(walk, chunk)


def _check_chunk(walk: _Walk, chunk: list[dict]) -> None:
    events = AuditEvent.objects.in_bulk([seal["event_id"] for seal in chunk])
    for seal in chunk:
        _check_seal(walk, seal, events.get(seal["event_id"]))


def _check_tail(walk: _Walk) -> None:
    """A checkpoint beyond the newest seal in the database: the end of the log was cut off."""
    beyond = [c for c in walk.expected.values() if c.seq > walk.seq]
    if beyond:
        first = min(beyond, key=lambda c: c.seq)
        raise Broken(
            first.event_id,
            f"volgnummer {first.seq} staat in het ondertekende checkpoint van {first.created_at} maar "
            f"ontbreekt in de database (die eindigt bij volgnummer {walk.seq}): het einde van het log is "
            "verwijderd",
        )


def _check_unsealed(key: bytes) -> int:
    count = 0
    for event in AuditEvent.objects.filter(seal__isnull=True).order_by("id").iterator(chunk_size=CHUNK):
        problem = _content_problem(event, key)
        if problem:
            raise Broken(event.pk, f"{problem} (nog niet verzegeld)")
        count += 1
    return count


def _check_legacy() -> None:
    """The events from before ADR 0019 keep their unkeyed chain; it is checked as it always was."""
    prev = GENESIS
    legacy = AuditEvent.objects.exclude(legacy_entry_hash="").order_by("id")
    for event in legacy.iterator(chunk_size=CHUNK):
        if event.legacy_prev_hash != prev:
            raise Broken(event.pk, "de verwijzing naar de vorige gebeurtenis in de oude keten klopt niet")
        if legacy_hash(prev_hash=prev, fields=event_fields(event)) != event.legacy_entry_hash:
            raise Broken(event.pk, "de inhoud is gewijzigd (oude, ongesleutelde keten)")
        prev = event.legacy_entry_hash


def _anchored(
    folder: Path, public_key_path: Path | None
) -> tuple[dict[int, checkpoints.Checkpoint], list[str]]:
    """The checkpoints by sequence number, signatures checked; notes when there is nothing to check."""
    if not (folder / checkpoints.CHECKPOINT_FILE).exists():
        return {}, [
            f"Geen checkpoints gevonden in {folder}: een verwijderd einde van het log valt zo niet op."
        ]
    key_path = public_key_path or folder / checkpoints.PUBLIC_KEY_FILE
    try:
        public_key = checkpoints.load_public_key(key_path)
    except (OSError, ValueError, UnsupportedAlgorithm, checkpoints.CheckpointError) as error:
        raise Broken(None, f"de openbare sleutel {key_path} is niet te lezen ({error})") from error
    found, problem = checkpoints.checkpoints_read(folder=folder, public_key=public_key)
    if problem:
        raise Broken(None, problem)
    return {c.seq: c for c in found if c.seq > 0}, []


def audit_verify(*, anchor_dir: Path | None = None, public_key: Path | None = None) -> VerifyResult:
    """Check the whole log and its checkpoints; the first problem found is named, none is repaired."""
    key = audit_key()
    walk = _Walk(key=key, expected={})
    notes: list[str] = []
    try:
        walk.expected, notes = _anchored(anchor_dir or checkpoints.anchor_dir(), public_key)
        _walk_chain(walk)
        _check_tail(walk)
        unsealed = _check_unsealed(key)
        _check_legacy()
    except Broken as broken:
        return VerifyResult(False, walk.checked, broken.event_id, broken.problem, notes=notes)
    return VerifyResult(True, walk.checked, unsealed=unsealed, checkpoints=len(walk.expected), notes=notes)
