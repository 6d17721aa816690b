"""The Inlichtingenbureau import of a full file: 20,000 valid signals, all or nothing, idempotent, audited.

A throw-away PostgreSQL database (`naleving_bench_import` on 127.0.0.1:5432) is migrated and filled with a
small demo municipality (`demo-data --residents 2000 --seed 2026`). A valid IB file of ROWS signals is then
written for residents in that database (every product, dates in the last year, a tenth of the rows about a
valid BSN that is nobody's) and imported with `ib_import` as the demo handhaver, as the upload page and
`naleving signals-import-ib` do. Printed: wall time, CPU of this Python process and of its PostgreSQL
backend, rows per second and the load average. Then the same file again (nothing new: "al eerder
geïmporteerd"), a second file with the same signals in another order (every row skipped), the row counts
of signals and audit events, the audit chain after sealing, and all or nothing: the import run as a
command in a child process, killed with SIGKILL while it holds the import lock, leaves no trace.
The database is removed even on failure; set BENCH_IMPORT_KEEP=1 to keep it.

    python -m bench import
"""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

DB_NAME = "naleving_bench_import"
SERVER = "postgres://postgres@127.0.0.1:5432"
ROWS = 20_000
RESIDENTS = 2000
SEED = 2026
UNKNOWN_SHARE = 0.1
HEADER = "signaalnummer,bsn,product,signaaldatum,belastingjaar,bsn_geverifieerd,omschrijving"


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def _setup_django(data_dir: str) -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
    os.environ["NALEVING_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "naleving.settings.dev"
    import django

    django.setup()


def _unknown_bsns(count: int, taken: set[str], rng: random.Random) -> list[str]:
    from naleving.residents.validators import bsn_is_valid

    found: list[str] = []
    while len(found) < count:
        bsn = f"{rng.randrange(100_000_000, 999_999_999)}"
        if bsn not in taken and bsn_is_valid(bsn):
            taken.add(bsn)
            found.append(bsn)
    return found


def ib_file(bsns: list[str], *, rows: int, seed: int, prefix: str = "BENCH-IB") -> list[str]:
    """The data lines of a valid IB file (without the header) about ``bsns`` and some unknown BSNs."""
    from naleving.signals.ib import PRODUCTS

    rng = random.Random(seed)
    unknown = _unknown_bsns(max(rows // 50, 1), set(bsns), rng)
    products = list(PRODUCTS)
    today = date.today()
    lines = []
    for n in range(1, rows + 1):
        bsn = rng.choice(unknown) if rng.random() < UNKNOWN_SHARE else rng.choice(bsns)
        day = today - timedelta(days=rng.randrange(0, 365))
        year = str(today.year - 1) if rng.random() < 0.4 else ""
        verified = "true" if rng.random() < 0.9 else "false"
        text = f'"Bedrag {rng.randrange(100, 90_000)},{rng.randrange(0, 99):02d} euro, per {day:%d-%m-%Y}"'
        lines.append(f"{prefix}-{n:07d},{bsn},{rng.choice(products)},{day:%Y-%m-%d},{year},{verified},{text}")
    return lines


def _backend_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of a PostgreSQL backend on this machine, or None when unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(label: str, run):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    load = os.getloadavg()[0]
    server_before = _backend_cpu(backend)
    cpu, wall = time.process_time(), time.perf_counter()
    result = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server_after = _backend_cpu(backend)
    server = f"{server_after - server_before:.1f} s" if server_before is not None else "n/a"
    print(
        f"| {label} | {wall:.2f} s | {cpu:.2f} s | {server} | {ROWS / wall:,.0f} | {load:.2f} → "
        f"{os.getloadavg()[0]:.2f} | {result.summary} |"
    )
    return result


def _counts() -> tuple[int, int, int]:
    from naleving.audit.models import AuditEvent
    from naleving.signals.models import ImportBatch, Signal

    return (
        Signal.objects.filter(origin="inlichtingenbureau", import_batch__isnull=False).count(),
        AuditEvent.objects.filter(code="signal.registered").count(),
        ImportBatch.objects.count(),
    )


def _killed_import(path: Path, env: dict[str, str]) -> str:
    """Run the command on ``path``, SIGKILL it while it holds the import lock; what is left behind."""
    import psycopg

    from naleving.signals.services import _IMPORT_LOCK_KEY

    before = _counts()
    child = subprocess.Popen(
        [sys.executable, "-m", "naleving", "signals-import-ib", str(path), "--gebruiker", "handhaver"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    held = False
    with psycopg.connect(f"{SERVER}/{DB_NAME}", autocommit=True) as conn:
        deadline = time.monotonic() + 120
        while child.poll() is None and time.monotonic() < deadline:
            held = conn.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted",
                [_IMPORT_LOCK_KEY],
            ).fetchone()[0]
            if held:
                time.sleep(0.2)  # well inside the import: rows are being written
                break
            time.sleep(0.02)
    if child.poll() is not None:
        return f"not measured: the import finished (exit {child.returncode}) before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    after = _counts()
    verdict = "nothing stored" if after == before else f"LEFT ROWS BEHIND: {before} → {after}"
    return f"killed with SIGKILL while holding the import lock ({'seen' if held else 'not seen'}): {verdict}"


def main() -> None:
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    folder = Path(tempfile.mkdtemp(prefix="naleving-bench-import-"))
    _admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DB_NAME}")
    try:
        _setup_django(str(folder / "data"))
        _run(folder)
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_IMPORT_KEEP") != "1":
            _admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from naleving.audit.sealing import chain_seal
    from naleving.audit.services import audit_verify
    from naleving.residents.models import Resident
    from naleving.signals.services import ib_import

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo-data", residents=RESIDENTS, seed=SEED, verbosity=0, stdout=io.StringIO())
    print(f"demo-data --residents {RESIDENTS}: {time.perf_counter() - started:.1f} s")
    actor = get_user_model().objects.get(username="handhaver")
    bsns = sorted(Resident.objects.values_list("bsn", flat=True))
    lines = ib_file(bsns, rows=ROWS, seed=SEED)
    content = "\n".join([HEADER, *lines, ""]).encode()
    shuffled = lines[:]
    random.Random(SEED + 1).shuffle(shuffled)
    redelivery = "\r\n".join([HEADER, *shuffled, ""]).encode()
    print(f"file: {ROWS:,} rows, {len(content) / 1024 / 1024:.1f} MiB, about {len(bsns):,} residents\n")
    print("| run | wall | CPU (Python) | CPU (PostgreSQL backend) | rows/s (wall) | load 1 min | result |")
    print("|---|---|---|---|---|---|---|")
    before = _counts()
    first = _timed("first import", lambda: ib_import(actor=actor, filename="ib-bench.csv", content=content))
    after_first = _counts()
    again = _timed(
        "same file again", lambda: ib_import(actor=actor, filename="ib-bench.csv", content=content)
    )
    overlap = _timed(
        "same signals, other order",
        lambda: ib_import(actor=actor, filename="ib-bench-v2.csv", content=redelivery),
    )
    after_all = _counts()
    added = tuple(a - b for a, b in zip(after_first, before, strict=True))
    print(f"\nfirst import added (signals, signal.registered events, batches): {added}")
    print(f"the re-runs added: {tuple(a - b for a, b in zip(after_all, after_first, strict=True))}")
    ok = (
        first.imported == ROWS
        and added == (ROWS, ROWS, 1)
        and again.already_imported
        and (overlap.imported, overlap.skipped) == (0, ROWS)
        and after_all[:2] == after_first[:2]
    )
    print(f"row counts as expected: {'yes' if ok else 'NO'}")
    started = time.perf_counter()
    sealed = chain_seal()
    verified = audit_verify()
    print(
        f"sealed {sealed} events and verified the chain in {time.perf_counter() - started:.1f} s: {verified}"
    )
    path = folder / "ib-bench-kill.csv"
    path.write_text("\n".join([HEADER, *ib_file(bsns, rows=ROWS, seed=SEED + 2, prefix="KILL-IB"), ""]))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    print(f"all or nothing: {_killed_import(path, env)}")
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
