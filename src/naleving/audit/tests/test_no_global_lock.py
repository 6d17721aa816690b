"""Two reads in two web processes never wait for each other to write their audit events (ADR 0019).

Two database connections (two threads), each with `lock_timeout = 500ms`: the first records a read and
keeps its transaction open until the second has recorded a read and committed. Had the second to wait for
any lock the first holds, PostgreSQL would cancel it after 500 ms with "lock timeout"; that error, not a
clock, is the detector. A control case shows the detector fires for the old global advisory lock.
PostgreSQL only: SQLite serialises all writers by design.
"""

import threading

import pytest
from django.db import connection, connections, transaction

from naleving.audit.models import AuditEvent, AuditSeal
from naleving.audit.sealing import chain_seal
from naleving.audit.services import audit_record, audit_verify

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

OLD_CHAIN_LOCK_KEY = 84720001  # the global lock every append took before ADR 0019
PATIENCE = 60  # seconds a thread waits for the other before giving up: a hang guard, not a measurement


def _lock_timeout() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '500ms'")


def _read(resident_id: int, *, old_lock: bool) -> AuditEvent:
    if old_lock:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OLD_CHAIN_LOCK_KEY])
    return audit_record(actor=None, code="resident.viewed", resident_id=resident_id, purpose="Eigen caseload")


def _two_overlapping_reads(*, old_lock: bool, seal_meanwhile: bool = False) -> dict:
    first_recorded = threading.Event()
    second_done = threading.Event()
    outcome: dict = {"errors": []}

    def first():
        try:
            with transaction.atomic():
                _lock_timeout()
                outcome["first"] = _read(1, old_lock=old_lock)
                first_recorded.set()
                second_done.wait(PATIENCE)  # hold the transaction open until the second has committed
        except Exception as error:
            outcome["errors"].append(("first", error))
        finally:
            first_recorded.set()
            connections.close_all()

    def second():
        try:
            first_recorded.wait(PATIENCE)
            with transaction.atomic():
                _lock_timeout()
                outcome["second"] = _read(2, old_lock=old_lock)
            if seal_meanwhile:  # the sealer runs while the first transaction is still open
                with transaction.atomic():
                    _lock_timeout()
                    outcome["sealed_meanwhile"] = chain_seal().sealed
        except Exception as error:
            outcome["errors"].append(("second", error))
        finally:
            second_done.set()
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(PATIENCE)
    return outcome


@pytest.mark.django_db(transaction=True)
def test_two_reads_commit_without_waiting_for_each_other():
    outcome = _two_overlapping_reads(old_lock=False, seal_meanwhile=True)
    assert outcome["errors"] == []
    assert AuditEvent.objects.filter(code="resident.viewed").count() == 2
    # The sealer, too, ran while the first read was open: it sealed only the committed second read.
    assert outcome["sealed_meanwhile"] == 1
    assert AuditSeal.objects.get(seq=1).event_id == outcome["second"].pk
    assert chain_seal().sealed == 1  # the first read, committed later, gets the next number
    assert AuditSeal.objects.get(seq=2).event_id == outcome["first"].pk
    assert audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_control_the_old_global_lock_makes_the_second_read_wait():
    """The detector works: with the old advisory lock the second read times out waiting for the first."""
    outcome = _two_overlapping_reads(old_lock=True)
    assert [who for who, _error in outcome["errors"]] == ["second"]
    assert "lock timeout" in str(outcome["errors"][0][1])
