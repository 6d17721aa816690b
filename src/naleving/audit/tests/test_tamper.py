"""Tampering with the audit log below the ORM, as someone with database access would (ADR 0019).

Each attack is carried out with plain SQL; `naleving audit verify` must name it and exit non-zero. A
rolled-back transaction and a clean log must verify.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from naleving.audit.checkpoints import CHECKPOINT_FILE
from naleving.audit.hashing import content_hash, event_fields, link_hash
from naleving.audit.models import AuditEvent, AuditSeal
from naleving.audit.sealing import chain_seal
from naleving.audit.services import audit_record, audit_verify

EVENTS = AuditEvent._meta.db_table
SEALS = AuditSeal._meta.db_table


@pytest.fixture
def anchor(tmp_path, settings):
    """A checkpoint folder and signing key outside the database, as cron would use them."""
    settings.NALEVING_AUDIT_ANCHOR_DIR = tmp_path / "anchor"
    settings.NALEVING_AUDIT_SIGNING_KEY = tmp_path / "keys" / "signing.pem"
    call_command("audit", "keygen", stdout=StringIO())
    return settings.NALEVING_AUDIT_ANCHOR_DIR


def _read(n: int = 3) -> list[AuditEvent]:
    return [
        audit_record(actor=None, code="resident.viewed", resident_id=i, purpose="Eigen caseload")
        for i in range(1, n + 1)
    ]


def _sql(statement: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify_fails(match: str) -> None:
    with pytest.raises(CommandError, match=match):
        call_command("audit", "verify", stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_a_clean_log_verifies_with_checkpoints_and_unsealed_events(anchor):
    _read()
    call_command("audit", "checkpoint", stdout=StringIO())
    _read(2)  # newer reads, not sealed yet
    out = StringIO()
    call_command("audit", "verify", stdout=out, stderr=StringIO())
    assert "Auditketen in orde: 3 verzegelde gebeurtenissen, 2 nog niet verzegeld" in out.getvalue()
    assert "1 checkpoints kloppen" in out.getvalue()
    assert AuditSeal.objects.count() == 5  # verify sealed them afterwards
    assert audit_verify().ok


@pytest.mark.django_db
def test_edited_content_is_found(anchor):
    first, middle, _last = _read()
    call_command("audit", "checkpoint", stdout=StringIO())
    _sql(f"UPDATE {EVENTS} SET purpose = %s WHERE id = %s", ["verzonnen doel", middle.pk])
    _verify_fails(rf"gebeurtenis #{middle.pk}: de inhoud is gewijzigd")
    assert audit_verify().broken_at == middle.pk != first.pk


@pytest.mark.django_db
def test_edited_content_of_an_event_not_sealed_yet_is_found():
    (event,) = _read(1)
    _sql(f"UPDATE {EVENTS} SET resident_id = %s WHERE id = %s", [999, event.pk])
    _verify_fails(rf"gebeurtenis #{event.pk}: de inhoud is gewijzigd .*nog niet verzegeld")


@pytest.mark.django_db
def test_a_deleted_event_in_the_middle_is_found():
    _first, middle, last = _read()
    chain_seal()
    _sql(f"DELETE FROM {SEALS} WHERE event_id = %s", [middle.pk])  # the event and its place in the chain
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [middle.pk])
    _verify_fails(rf"gebeurtenis #{last.pk}: volgnummer 2 ontbreekt")


@pytest.mark.django_db
@pytest.mark.parametrize("then_new_reads", [False, True], ids=["cut", "cut-and-continued"])
def test_a_deleted_tail_after_a_checkpoint_is_found(anchor, then_new_reads):
    _first, _middle, last = _read()
    call_command("audit", "checkpoint", stdout=StringIO())
    _sql(f"DELETE FROM {SEALS} WHERE event_id = %s", [last.pk])
    _sql(f"DELETE FROM {EVENTS} WHERE id = %s", [last.pk])
    assert AuditSeal.objects.count() == 2  # without the checkpoint this chain would look whole
    if then_new_reads:  # the chain goes on from the cut, consistently: only the checkpoint can tell
        _read(1)
        chain_seal()
        _verify_fails(r"volgnummer 3 wijkt af van het ondertekende checkpoint")
    else:
        _verify_fails(rf"gebeurtenis #{last.pk}: volgnummer 3 .*ontbreekt in de database")


@pytest.mark.django_db
def test_the_whole_chain_recomputed_without_the_key_is_found(anchor):
    """An insider with the source and the database, but not NALEVING_AUDIT_KEY, edits an event and
    recomputes every content hash and every link with the public algorithm and a key of his own."""
    first, middle, _last = _read()
    chain_seal()
    _sql(f"UPDATE {EVENTS} SET purpose = %s WHERE id = %s", ["verzonnen doel", middle.pk])
    guess = b"the key an insider guessed"
    prev = "0" * 64
    for seal in AuditSeal.objects.order_by("seq"):
        event = AuditEvent.objects.get(pk=seal.event_id)
        content = content_hash(key=guess, event_id=event.pk, fields=event_fields(event))
        link = link_hash(key=guess, seq=seal.seq, event_id=event.pk, prev_hash=prev, content=content)
        _sql(f"UPDATE {EVENTS} SET content_hash = %s WHERE id = %s", [content, event.pk])
        _sql(f"UPDATE {SEALS} SET prev_hash = %s, entry_hash = %s WHERE seq = %s", [prev, link, seal.seq])
        prev = link
    _verify_fails(rf"gebeurtenis #{first.pk}: de inhoud is gewijzigd")


@pytest.mark.django_db
def test_a_copied_event_is_found():
    """A row copied with its valid hash under a new id: the id is inside the keyed hash."""
    (event,) = _read(1)
    columns = [f.column for f in AuditEvent._meta.concrete_fields if f.column != "id"]
    listed = ", ".join(columns)
    _sql(
        f"INSERT INTO {EVENTS} (id, {listed}) SELECT id + 1000, {listed} FROM {EVENTS} WHERE id = %s",
        [event.pk],
    )
    _verify_fails(rf"gebeurtenis #{event.pk + 1000}: de inhoud is gewijzigd")


@pytest.mark.django_db
def test_a_forged_checkpoint_line_is_found(anchor):
    _read()
    call_command("audit", "checkpoint", stdout=StringIO())
    path = anchor / CHECKPOINT_FILE
    record = json.loads(path.read_text())
    record["seq"] = 2  # an attacker who cut the tail rewrites the checkpoint to match
    path.write_text(json.dumps(record) + "\n")
    _verify_fails(r"checkpoint op regel 1 .*de handtekening klopt niet")


@pytest.mark.django_db
def test_a_rolled_back_read_leaves_no_gap():
    (before,) = _read(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, code="resident.viewed", resident_id=7, purpose="Eigen caseload")
        raise RuntimeError("the request failed after the event was written")
    (after,) = _read(1)
    assert chain_seal().sealed == 2
    assert list(AuditSeal.objects.order_by("seq").values_list("seq", "event_id")) == [
        (1, before.pk),
        (2, after.pk),
    ]
    if connection.vendor == "postgresql":
        assert after.pk == before.pk + 2  # the rolled-back id is skipped; ids may have holes, seq has none
    out = StringIO()
    call_command("audit", "verify", stdout=out, stderr=StringIO())
    assert "Auditketen in orde: 2 verzegelde gebeurtenissen" in out.getvalue()


@pytest.mark.django_db
def test_checkpoint_without_a_signing_key_says_how_to_make_one(tmp_path, settings):
    settings.NALEVING_AUDIT_SIGNING_KEY = tmp_path / "missing.pem"
    with pytest.raises(CommandError, match="naleving audit keygen"):
        call_command("audit", "checkpoint", stdout=StringIO())


@pytest.mark.django_db
def test_keygen_never_overwrites_a_key(anchor):
    with pytest.raises(CommandError, match="wordt niet overschreven"):
        call_command("audit", "keygen", stdout=StringIO())


@pytest.mark.django_db
def test_the_seal_task_seals_committed_events():
    from naleving.audit.tasks import audit_seal

    _read(2)
    assert audit_seal.call() == {"sealed": 2, "last_seq": 2, "busy": False}


def test_production_refuses_to_start_without_an_audit_key(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    from naleving.settings import env

    monkeypatch.setattr(env, "SECRET_KEY", "s" * 25 + "-not-a-secret-0123456789")
    monkeypatch.setattr(env, "ALLOWED_HOSTS", ["naleving.example.nl"])
    monkeypatch.setattr(env, "AUDIT_KEY", "")
    monkeypatch.delitem(sys.modules, "naleving.settings.production", raising=False)
    with pytest.raises(ImproperlyConfigured, match="NALEVING_AUDIT_KEY"):
        importlib.import_module("naleving.settings.production")
    monkeypatch.delitem(sys.modules, "naleving.settings.production", raising=False)
