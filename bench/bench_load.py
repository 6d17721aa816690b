"""Latency of the case lists and the resident page with 100,000 residents and 300,000 signals, 16 users.

A throw-away PostgreSQL database (`naleving_bench_load` on 127.0.0.1:5432) is migrated and filled with the
demo municipality (`naleving demo-data --residents 100000 --seed 2026`); the signals are then topped up to
300,000 with one INSERT ... SELECT over generate_series (spread over all residents, every origin and kind,
received over the last three years, most of them triaged). The app runs under gunicorn (production
settings, 4 workers x 4 threads, 127.0.0.1 only) and locust (headless, 16 users, 60 s per scenario) logs in
as the demo consulent and then as the demo teamleider and opens the resident list, the signal list and
resident pages in that user's scope. Database, server and temporary files are removed even on failure.
Before the load test, a "one request at a time" pass (load_serial.py) times every main page for each demo
role against the same server and compares it with the login page.
Run with `python -m bench load`, or `python -m bench.bench_load [--residents N] [--serial-only] [--reuse]`
(the same as BENCH_LOAD_RESIDENTS=N, BENCH_LOAD_SERIAL_ONLY=1, BENCH_LOAD_REUSE=1): N residents and 3 N
signals (default 100,000 and 300,000; the database is then `naleving_bench_load_<N>`), only the serial
pass, or the database of an earlier run with BENCH_LOAD_KEEP=1 (which keeps the database for a closer look).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psycopg

from bench import load_serial

DB_NAME = "naleving_bench_load"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
RESIDENTS = int(os.environ.get("BENCH_LOAD_RESIDENTS", "100000"))
SIGNALS = 3 * RESIDENTS
if RESIDENTS != 100_000:
    DB_NAME = f"{DB_NAME}_{RESIDENTS}"
DB_NAME = os.environ.get("BENCH_LOAD_DB", DB_NAME)
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
SEED = 2026
USERS = 16
RUN_TIME = "60s"
#: gunicorn's processes and threads per process (deploy/gunicorn.conf.py); BENCH_LOAD_WORKERS and
#: BENCH_LOAD_THREADS compare other sizes on the same database
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "4"))
SCENARIOS = ("consulent", "teamleider")
PASSWORD = "demo-naleving-2026"
SAMPLE_RESIDENTS = 500
PAGE_SIZE = 25
#: naleving.common.paging.COUNT_LIMIT: the signal list counts, and pages, up to this many (not imported: the
#: bench runs the server's code, which may be another checkout than the one on this path)
SIGNAL_LIST_LIMIT = 10_000
LOCUSTFILE = Path(__file__).with_name("load_locustfile.py")

# Signals beyond the demo's: a resident drawn at random, an origin and kind in rough demo proportions, a
# received date skewed to the recent past, triaged (route, date, motivation) unless younger than 21 days.
TOP_UP_SQL = """
WITH r AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM residents_resident),
picked AS (
    SELECT r.ids[1 + floor(random() * r.n)::int] AS resident_id,
           (ARRAY['inlichtingenbureau','inlichtingenbureau','inlichtingenbureau','inlichtingenbureau',
                  'brp_laa','brp_laa','collega','collega','ketenpartner','anonieme_melding',
                  'themacontrole','overig'])[1 + floor(random() * 12)::int] AS origin,
           (ARRAY['income','income','income','income','cohabitation','cohabitation','address','household',
                  'assets','vehicle','abroad','detention','study','other'])[1 + floor(random() * 14)::int]
               AS kind,
           current_date - floor(power(random(), 1.5) * 1095)::int AS received_on,
           random() AS t
    FROM generate_series(1, %(count)s), r
)
INSERT INTO signals_signal (
    resident_id, origin, kind, received_on, description, external_reference, subject_name, subject_address,
    subject_bsn, reporter_contact, import_batch_id, route, triage_motivation, proportionality_note,
    subsidiarity_note, triaged_at, triaged_by_id, registered_by_id, created_at, gemeente_id)
SELECT p.resident_id, p.origin, p.kind, p.received_on,
       'Aanvullend signaal (benchmark): mogelijke wijziging in ' || p.kind || ' sinds '
           || to_char(p.received_on - 30, 'DD-MM-YYYY') || '.',
       '', res.first_names || ' ' || res.family_name, '', '', '', NULL,
       CASE WHEN p.received_on > current_date - 21 THEN ''
            WHEN p.t < 0.34 THEN 'geen_actie' WHEN p.t < 0.67 THEN 'preventief_contact' ELSE 'onderzoek' END,
       CASE WHEN p.received_on > current_date - 21 THEN '' ELSE 'Beoordeeld volgens het triageprotocol.' END,
       '', '',
       CASE WHEN p.received_on > current_date - 21 THEN NULL
            ELSE p.received_on + make_interval(days => 1 + floor(p.t * 10)::int, hours => 10) END,
       CASE WHEN p.received_on > current_date - 21 THEN NULL ELSE res.consulent_id END,
       CASE WHEN p.origin = 'anonieme_melding' THEN NULL ELSE res.consulent_id END,
       p.received_on + interval '9 hours', res.gemeente_id
FROM picked p JOIN residents_resident res ON res.id = p.resident_id
"""


def _admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def _group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the processes of one process group (the gunicorn server)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _postgres_cpu() -> tuple[dict[int, float], float]:
    """PostgreSQL's CPU seconds so far: per process alive now, and what its ended processes used in all
    (counted by the postmaster, their parent, once they exit: a connection closed after ``CONN_MAX_AGE``)."""
    processes = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        if head.endswith("(postgres"):
            processes[int(head.split(" ", 1)[0])] = tail.split()
    tick = os.sysconf("SC_CLK_TCK")
    alive = {pid: (int(f[11]) + int(f[12])) / tick for pid, f in processes.items()}
    ended = sum((int(f[13]) + int(f[14])) / tick for f in processes.values() if int(f[1]) not in processes)
    return alive, ended


def _postgres_spent(before: tuple[dict[int, float], float], after: tuple[dict[int, float], float]) -> float:
    """PostgreSQL's CPU seconds between two ``_postgres_cpu`` readings: the growth of the processes alive at
    the end, plus what the processes that ended in between used after the first reading."""
    (alive_before, ended_before), (alive_after, ended_after) = before, after
    grown = sum(cpu - alive_before.get(pid, 0.0) for pid, cpu in alive_after.items())
    gone = [pid for pid in alive_before if pid not in alive_after]
    return grown + (ended_after - ended_before) - sum(alive_before[pid] for pid in gone)


def _machine_cpu() -> float:
    """CPU seconds the whole machine spent busy so far, all cores (``/proc/stat``: all but idle and iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cpu_line(username: str, requests: int, machine: float, server: float, database: float) -> str:
    """One row of the CPU-per-request table: the machine's busy CPU time spread over the scenario's requests.

    Each locust user waits for its answer, thinks (0-0.2 s) and asks again: a closed loop, so by Little's
    law users = throughput × (response time + think time). With the cores busy, throughput is at most
    cores ÷ CPU per request, so a user's cycle (response and think time) is at least users × CPU per request ÷
    cores; the last column is that bound for the server's CPU alone (gunicorn and PostgreSQL), as if the load
    generator ran on another machine."""
    per = 1000 / max(requests, 1)
    cores = os.cpu_count() or 1
    return (
        f"| {username} | {requests:,} | {machine * per:.0f} ms | {server * per:.0f} ms | {database * per:.0f} ms "
        f"| {(machine - server - database) * per:.0f} ms | {USERS * machine * per / cores:.0f} ms "
        f"| {USERS * (server + database) * per / cores:.0f} ms |"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _naleving(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "naleving", *args], env=env, check=True, stdout=subprocess.DEVNULL)


def _exists() -> bool:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone() is not None


def _load(env: dict[str, str]) -> None:
    if os.environ.get("BENCH_LOAD_REUSE") == "1" and _exists():
        _naleving(env, "migrate", "--verbosity", "0")
        print(f"reusing the database {DB_NAME} (BENCH_LOAD_REUSE=1)")
        return
    _admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _admin(f"CREATE DATABASE {DB_NAME}")
    _naleving(env, "migrate", "--verbosity", "0")
    started = time.perf_counter()
    _naleving(env, "demo-data", "--residents", str(RESIDENTS), "--seed", str(SEED))
    print(f"demo-data --residents {RESIDENTS}: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as conn:
        conn.execute("SELECT setseed(0.2026)")
        have = conn.execute("SELECT count(*) FROM signals_signal").fetchone()[0]
        conn.execute(TOP_UP_SQL, {"count": max(SIGNALS - have, 0)})
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        total = conn.execute("SELECT count(*) FROM signals_signal").fetchone()[0]
    print(f"signals topped up from {have:,} to {total:,} in {time.perf_counter() - started:.1f} s")


def _scenario(username: str, host: str, folder: Path) -> Path:
    """The locust config for one user: a sample of residents in scope and the page counts of both lists."""
    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as conn:
        user_id, team_id = conn.execute(
            "SELECT id, team_id FROM accounts_user WHERE username = %s", [username]
        ).fetchone()
        scope = (
            "SELECT r.id FROM residents_resident r LEFT JOIN accounts_user c ON c.id = r.consulent_id "
            "WHERE r.consulent_id = %(u)s OR r.fixed_contact_person_id = %(u)s"
        )
        if username.startswith("teamleider"):
            scope += " OR c.team_id = %(t)s"
        params = {"u": user_id, "t": team_id}
        ids = [row[0] for row in conn.execute(scope, params)]
        signals = conn.execute(
            f"SELECT count(*) FROM signals_signal WHERE resident_id IN ({scope})", params
        ).fetchone()[0]
    sample = ids[:: max(len(ids) // SAMPLE_RESIDENTS, 1)][:SAMPLE_RESIDENTS]
    config = {
        "host": host,
        "username": username,
        "password": PASSWORD,
        "resident_ids": sample,
        "resident_pages": max(len(ids) // PAGE_SIZE, 1),
        # the signal list shows at most COUNT_LIMIT signals' worth of pages (common.paging); beyond is a 404
        "signal_pages": max(min(signals, SIGNAL_LIST_LIMIT) // PAGE_SIZE, 1),
    }
    print(f"{username}: {len(ids):,} residents and {signals:,} linked signals in scope")
    path = folder / f"{username}.json"
    path.write_text(json.dumps(config))
    return path


LOCKS_SQL = """
SELECT count(*) FILTER (WHERE l.locktype = 'advisory'),
       count(*) FILTER (WHERE NOT l.granted),
       count(*) FILTER (WHERE NOT l.granted AND a.query ILIKE 'SELECT%%')
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE a.datname = %s AND a.pid <> pg_backend_pid()
"""


class LockSampler(threading.Thread):
    """Polls pg_locks every 50 ms during the load test: advisory locks held, and locks waited for (all, and
    by a SELECT), so a read that queues on a global lock shows up as a number, not a guess."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.samples = self.advisory = self.waiting = self.reads_waiting = 0

    def run(self) -> None:
        with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
            while not self.stop.wait(0.05):
                advisory, waiting, reads = conn.execute(LOCKS_SQL, [DB_NAME]).fetchone()
                self.samples += 1
                self.advisory += advisory > 0
                self.waiting += waiting > 0
                self.reads_waiting += reads > 0

    def report(self) -> str:
        return (
            f"pg_locks sampled {self.samples:,} times during the load: an advisory lock held in "
            f"{self.advisory}, a lock waited for in {self.waiting}, by a SELECT in {self.reads_waiting}"
        )


def _wait_until_up(host: str, server: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{host}/account/inloggen/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s")


def _locust(config: Path, folder: Path, username: str) -> list[dict[str, str]]:
    prefix = folder / username
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--only-summary",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--run-time",
            RUN_TIME,
            "--stop-timeout",
            "10",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
        ],
        env=dict(os.environ, BENCH_LOAD_CONFIG=str(config)),
        check=False,  # locust exits 1 when any request failed; the failures are in the table
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # locust's own summary; the table below is built from its CSV
        timeout=300,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main() -> None:
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    # ADR 0027: the lists reuse their count per user for this long (0: every page counts, as before)
    print(
        f"list counts reused for {os.environ.get('NALEVING_LIST_COUNT_SECONDS', '60')} s (NALEVING_LIST_COUNT_SECONDS)"
    )
    folder = Path(tempfile.mkdtemp(prefix="naleving-bench-load-"))
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    env = dict(
        os.environ,
        DATABASE_URL=DATABASE_URL,
        NALEVING_DATA_DIR=str(folder / "data"),
        NALEVING_SECRET_KEY="bench-load-" + os.urandom(16).hex(),
        NALEVING_AUDIT_KEY="bench-load-" + os.urandom(16).hex(),
        NALEVING_ALLOWED_HOSTS="127.0.0.1",
        NALEVING_SECURE="false",
        NALEVING_2FA_REQUIRED_ROLES="archivaris",  # production needs one role; the pages timed here are not its
    )
    server = None
    try:
        _load(env)
        prod = dict(env, DJANGO_SETTINGS_MODULE="naleving.settings.production")
        _naleving(prod, "collectstatic", "--noinput", "--verbosity", "0")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "naleving.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                "--log-level",
                "warning",
            ],
            env=prod,
            start_new_session=True,
        )
        _wait_until_up(host, server)
        print(
            f"\none request at a time ({load_serial.REPEAT} per page after {load_serial.WARMUP} untimed), "
            f"{RESIDENTS:,} residents:"
        )
        started, cpu = time.perf_counter(), _group_cpu(server.pid)
        load_serial.print_table(load_serial.run(host, PASSWORD))
        print(
            f"serial pass: {time.perf_counter() - started:.0f} s wall, gunicorn CPU "
            f"{_group_cpu(server.pid) - cpu:.0f} s (PostgreSQL not counted); "
            f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n"
        )
        if os.environ.get("BENCH_LOAD_SERIAL_ONLY") == "1":
            return
        print(f"gunicorn: {WORKERS} workers x {THREADS} threads; locust: {USERS} users, {RUN_TIME} each\n")
        rows, cpu_rows = [], []
        sampler = LockSampler()
        sampler.start()
        for username in SCENARIOS:
            config = _scenario(username, host, folder)
            machine, gunicorn, database = _machine_cpu(), _group_cpu(server.pid), _postgres_cpu()
            stats = _locust(config, folder, username)
            spent = (
                _machine_cpu() - machine,
                _group_cpu(server.pid) - gunicorn,
                _postgres_spent(database, _postgres_cpu()),
            )
            requests = sum(int(s["Request Count"]) for s in stats if s["Name"] != "Aggregated")
            cpu_rows.append(cpu_line(username, requests, *spent))
            rows += [(username, s) for s in stats if s["Name"] != "Aggregated"]
        sampler.stop.set()
        sampler.join()
        print()
        print("| user | page | requests | errors | median | p95 | requests/s |")
        print("|---|---|---|---|---|---|---|")
        for username, s in rows:
            if s["Name"].startswith("login"):
                continue
            print(
                f"| {username} | `{s['Name']}` | {int(s['Request Count']):,} | {s['Failure Count']} "
                f"| {s['50%']} ms | {s['95%']} ms | {float(s['Requests/s']):.1f} |"
            )
        print(
            "\nCPU per request during each scenario (the whole machine's busy time; other: locust, the kernel):\n"
        )
        print(
            "| user | requests | all | gunicorn | PostgreSQL | other | cycle per user if bound by CPU "
            f"({USERS} users × all ÷ {os.cpu_count()} cores) | the same without the load generator's share |"
        )
        print("|---|---|---|---|---|---|---|---|")
        print("\n".join(cpu_rows))
        print(f"\n{sampler.report()}")
        load = os.getloadavg()
        print(f"load average at end: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        if os.environ.get("BENCH_LOAD_KEEP") != "1":
            _admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--residents", type=int, default=RESIDENTS)
    parser.add_argument("--serial-only", action="store_true", help="only the one-request-at-a-time pass")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the database of a run with BENCH_LOAD_KEEP=1"
    )
    args = parser.parse_args()
    os.environ["BENCH_LOAD_RESIDENTS"] = str(args.residents)
    os.environ["BENCH_LOAD_SERIAL_ONLY"] = (
        "1" if args.serial_only else os.environ.get("BENCH_LOAD_SERIAL_ONLY", "")
    )
    os.environ["BENCH_LOAD_REUSE"] = "1" if args.reuse else os.environ.get("BENCH_LOAD_REUSE", "")
    if args.residents != RESIDENTS:
        sys.exit(subprocess.call([sys.executable, "-m", "bench.bench_load", *sys.argv[1:]], env=os.environ))
    main()
