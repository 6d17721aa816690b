"""Migration audit.0003 on a log written before ADR 0019: the old chain is kept and checked, every event is
keyed and sealed in id order, and the log verifies; tampering with an old event is still found."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from naleving.audit.hashing import GENESIS, legacy_hash
from naleving.audit.models import AuditEvent, AuditSeal
from naleving.audit.services import audit_record, audit_verify

BEFORE = [("audit", "0002_code_without_choices")]
AFTER = [("audit", "0003_keyed_chain_with_seals")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _old_events(count: int) -> list[int]:
    """What the old audit_record wrote: content plus the unkeyed SHA-256 link to its predecessor."""
    prev, ids = GENESIS, []
    for n in range(count):
        fields = {
            "occurred_at": datetime(2026, 11, 24, 9, n, tzinfo=UTC),
            "code": "resident.viewed",
            "actor_id": None,
            "actor_name": "",
            "object_type": "",
            "object_id": "",
            "resident_id": n + 1,
            "purpose": "Eigen caseload",
            "before": None,
            "after": None,
            "request_id": f"req{n}",
        }
        entry = legacy_hash(prev_hash=prev, fields=fields)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {AuditEvent._meta.db_table} (occurred_at, code, actor_name, object_type, object_id,"
                " resident_id, purpose, request_id, prev_hash, entry_hash) VALUES (%s, %s, '', '', '', %s, %s, %s,"
                " %s, %s) RETURNING id",
                [
                    fields["occurred_at"],
                    fields["code"],
                    n + 1,
                    fields["purpose"],
                    fields["request_id"],
                    prev,
                    entry,
                ],
            )
            ids.append(cursor.fetchone()[0])
        prev = entry
    return ids


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_old_events_are_keyed_sealed_in_order_and_verify():
    _migrate(BEFORE)
    try:
        old_ids = _old_events(3)
        _migrate(AFTER)
        assert list(AuditSeal.objects.order_by("seq").values_list("event_id", flat=True)) == old_ids
        newer = audit_record(actor=None, code="resident.viewed", resident_id=9, purpose="Eigen caseload")
        assert newer.legacy_entry_hash == ""
        assert audit_verify().ok
        with connection.cursor() as cursor:  # an old event edited after the upgrade
            cursor.execute(
                f"UPDATE {AuditEvent._meta.db_table} SET purpose = 'x' WHERE id = %s", [old_ids[1]]
            )
        result = audit_verify()
        assert not result.ok and result.broken_at == old_ids[1]
    finally:
        _migrate(AFTER)
