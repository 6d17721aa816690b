"""Signed checkpoints of the audit chain, kept outside the database (ADR 0019).

``naleving audit checkpoint`` (cron, every 10 minutes) seals the committed events and appends one line to
``checkpoints.jsonl`` in NALEVING_AUDIT_ANCHOR_DIR: the newest sequence number, its event and its link
hash, and the time, signed with the Ed25519 key at NALEVING_AUDIT_SIGNING_KEY. The file is only ever
opened for appending. A verifier needs only the public key (``checkpoint-public-key.pem`` beside it).
Whoever deletes the newest events and their seals from the database cannot make the database match a
checkpoint already written, so ``naleving audit verify`` finds the cut.
"""

import base64
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from naleving.audit.hashing import GENESIS
from naleving.audit.models import AuditSeal
from naleving.audit.sealing import chain_seal

CHECKPOINT_FILE = "checkpoints.jsonl"
PUBLIC_KEY_FILE = "checkpoint-public-key.pem"
_SIGNED_FIELDS = ("seq", "event_id", "entry_hash", "created_at")
_DOMAIN = b"naleving-audit-checkpoint-v1\n"


class CheckpointError(RuntimeError):
    """A checkpoint cannot be written (no signing key, unreadable key); the message is Dutch."""


@dataclass(frozen=True)
class Checkpoint:
    line: int
    seq: int
    event_id: int | None
    entry_hash: str
    created_at: str


def anchor_dir() -> Path:
    return Path(settings.NALEVING_AUDIT_ANCHOR_DIR)


def _message(record: dict[str, Any]) -> bytes:
    body = {name: record[name] for name in _SIGNED_FIELDS}
    return _DOMAIN + json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def keys_generate(*, private_path: Path, public_dir: Path) -> Path:
    """Create an Ed25519 key pair: the private key (mode 0600; an existing one is never overwritten) and
    its public key in ``public_dir``. Returns the public key's path."""
    if private_path.exists():
        raise CheckpointError(f"Er staat al een sleutel in {private_path}; die wordt niet overschreven.")
    private = Ed25519PrivateKey.generate()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    public_dir.mkdir(parents=True, exist_ok=True)
    public_path = public_dir / PUBLIC_KEY_FILE
    public_path.write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return public_path


def _signing_key() -> Ed25519PrivateKey:
    path = Path(settings.NALEVING_AUDIT_SIGNING_KEY)
    if not path.exists():
        raise CheckpointError(
            f"Geen ondertekeningssleutel in {path} (NALEVING_AUDIT_SIGNING_KEY); maak er een met "
            "`naleving audit keygen`."
        )
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(f"{path} is geen Ed25519-sleutel.")
    return key


def checkpoint_write(*, now: datetime | None = None) -> Checkpoint:
    """Seal what is committed, then append a signed checkpoint of the newest seal to the anchor file."""
    key = _signing_key()
    chain_seal()
    newest = AuditSeal.objects.order_by("-seq").values_list("seq", "event_id", "entry_hash").first()
    seq, event_id, entry_hash = newest or (0, None, GENESIS)
    record: dict[str, Any] = {
        "seq": seq,
        "event_id": event_id,
        "entry_hash": entry_hash,
        "created_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
    }
    record["signature"] = base64.b64encode(key.sign(_message(record))).decode("ascii")
    folder = anchor_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / CHECKPOINT_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    lines = (folder / CHECKPOINT_FILE).read_text(encoding="utf-8").count("\n")
    return Checkpoint(lines, seq, event_id, entry_hash, record["created_at"])


def load_public_key(path: Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(path.read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(f"{path} is geen openbare Ed25519-sleutel.")
    return key


def checkpoints_read(*, folder: Path, public_key: Ed25519PublicKey) -> tuple[list[Checkpoint], str]:
    """Every checkpoint in the file, each signature checked. Returns the checkpoints and the first
    problem (Dutch; empty when all lines are sound)."""
    path = folder / CHECKPOINT_FILE
    if not path.exists():
        return [], ""
    found: list[Checkpoint] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            record = json.loads(raw)
            public_key.verify(base64.b64decode(record["signature"]), _message(record))
        except InvalidSignature:
            return found, f"checkpoint op regel {number} van {path}: de handtekening klopt niet"
        except (ValueError, KeyError, TypeError):
            return found, f"checkpoint op regel {number} van {path} is onleesbaar"
        found.append(
            Checkpoint(number, record["seq"], record["event_id"], record["entry_hash"], record["created_at"])
        )
    return found, ""
