"""Audit appends from 16 parallel web processes: the old global-lock chain against the keyed log with a sealer.

A throw-away PostgreSQL database (`naleving_bench_audit` on 127.0.0.1:5432) is migrated. 16 processes
(forked, each its own database connection, released together by a barrier) each append PER_PROCESS
`resident.viewed` events, in two workloads:

- read: the event alone in autocommit, as the read-logging middleware writes it after a page;
- service: the event inside a transaction that goes on for 2 ms of other work after it (`pg_sleep`), as a
  service writes its event in its own transaction; the old lock is held until that transaction commits.

Each workload runs with the old append (kept below as `old_append`: the global `pg_advisory_xact_lock`, the
predecessor lookup and the unkeyed SHA-256, with the old unique index on the hash) and with today's
`audit_record` (nextval + one INSERT, no lock). Printed: appends per second over the whole run, and the
per-append latency p50/p95/max. Then the sealer's throughput over everything written and the time of a
full `audit_verify`. Each combination runs RUNS times; the table shows the median run by throughput. Not
measured: whole page reads through the web server (see bench_load for those); the difference there is the
same number of milliseconds spread over a longer request.

    python -m bench audit
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from datetime import UTC, datetime

DB_NAME = "naleving_bench_audit"
SERVER = "postgres://postgres@127.0.0.1:5432"
PROCESSES = 16
PER_PROCESS = 250
RUNS = 3
SERVICE_WORK_SECONDS = 0.002
OLD_CHAIN_LOCK_KEY = 84720001
BARRIER_TIMEOUT = 120


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ.setdefault("NALEVING_DATA_DIR", tempfile.mkdtemp(prefix="naleving-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "naleving.settings.dev"
    import django

    django.setup()


def old_append(*, resident_id: int) -> None:
    """The append before ADR 0019: one global advisory lock, the newest hash, an unkeyed SHA-256 link."""
    from django.db import connection, transaction

    from naleving.audit.hashing import GENESIS, legacy_hash
    from naleving.audit.models import AuditEvent

    fields = {
        "occurred_at": datetime.now(UTC),
        "code": "resident.viewed",
        "actor_id": None,
        "actor_name": "",
        "object_type": "",
        "object_id": "",
        "resident_id": resident_id,
        "purpose": "Eigen caseload",
        "before": None,
        "after": None,
        "request_id": "",
    }
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OLD_CHAIN_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values_list("legacy_entry_hash", flat=True).first()
        prev = last or GENESIS
        AuditEvent(
            **fields, legacy_prev_hash=prev, legacy_entry_hash=legacy_hash(prev_hash=prev, fields=fields)
        ).save()


def new_append(*, resident_id: int) -> None:
    from naleving.audit.services import audit_record

    audit_record(actor=None, code="resident.viewed", resident_id=resident_id, purpose="Eigen caseload")


def _worker(barrier, results, method: str, workload: str, offset: int) -> None:
    from django.db import connection, transaction

    append = old_append if method == "old" else new_append
    latencies = []
    try:
        connection.ensure_connection()  # connecting is not part of an append
        barrier.wait(BARRIER_TIMEOUT)
        for n in range(PER_PROCESS):
            started = time.perf_counter()
            if workload == "read":
                append(resident_id=offset + n)
            else:
                with transaction.atomic():
                    append(resident_id=offset + n)
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_sleep(%s)", [SERVICE_WORK_SECONDS])
            latencies.append(time.perf_counter() - started)
        results.put(latencies)
    except Exception as error:
        results.put(f"{type(error).__name__}: {error}")
    finally:
        connection.close()


def _reset(method: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent, audit_auditseal")
        cursor.execute("DROP INDEX IF EXISTS bench_old_entry_hash")
        if method == "old":  # the old schema had a unique index on the hash of every event
            cursor.execute(
                "CREATE UNIQUE INDEX bench_old_entry_hash ON audit_auditevent (legacy_entry_hash) "
                "WHERE legacy_entry_hash <> ''"
            )
    connection.close()


def _run(method: str, workload: str) -> dict:
    _reset(method)
    context = multiprocessing.get_context("fork")  # the children inherit Django, set up once
    barrier = context.Barrier(PROCESSES + 1)
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(barrier, results, method, workload, i * PER_PROCESS))
        for i in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    barrier.wait(BARRIER_TIMEOUT)
    started = time.perf_counter()
    per_process = [results.get(timeout=600) for _ in workers]
    wall = time.perf_counter() - started
    for worker in workers:
        worker.join()
    failed = [r for r in per_process if isinstance(r, str)]
    if failed:
        raise RuntimeError(f"{len(failed)} worker(s) failed, first: {failed[0]}")
    latencies = sorted(x for worker in per_process for x in worker)
    return {
        "rate": len(latencies) / wall,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "max": latencies[-1] * 1000,
    }


def _seal_and_verify() -> tuple[int, float, float]:
    from django.db import connection

    from naleving.audit.sealing import chain_seal
    from naleving.audit.verification import audit_verify

    started = time.perf_counter()
    sealed = chain_seal(full=True).sealed
    seal_seconds = time.perf_counter() - started
    started = time.perf_counter()
    assert audit_verify(anchor_dir=None).ok
    verify_seconds = time.perf_counter() - started
    connection.close()
    return sealed, seal_seconds, verify_seconds


def main() -> None:
    _admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
    _admin(f"CREATE DATABASE {DB_NAME}")
    try:
        _setup_django()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, skip_checks=True)
        connections.close_all()
        print(f"{PROCESSES} processes x {PER_PROCESS} appends, {RUNS} runs each, median run by throughput;")
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        print("| workload | append | appends/s | p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|---|")
        for workload in ("read", "service"):
            for method in ("old", "new"):
                runs = sorted((_run(method, workload) for _ in range(RUNS)), key=lambda r: r["rate"])
                r = runs[len(runs) // 2]
                label = "old: global lock" if method == "old" else "new: no lock"
                print(
                    f"| {workload} | {label} | {r['rate']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} |"
                )
                connections.close_all()
        sealed, seal_seconds, verify_seconds = _seal_and_verify()
        print(
            f"sealer: {sealed:,} events in {seal_seconds:.2f} s ({sealed / seal_seconds:,.0f}/s); "
            f"verify (no checkpoints): {verify_seconds:.2f} s"
        )
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        from django.db import connections

        connections.close_all()
        _admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
