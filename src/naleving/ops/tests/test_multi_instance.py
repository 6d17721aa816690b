"""Two web servers and two workers on one PostgreSQL database (issue #25, docs/deployment.md): the state is in
the database, so a delivery and the day's reminders are processed exactly once whichever worker takes them,
and either web server answers for the whole installation.

Real processes: two ``gunicorn`` servers with the production settings and two ``naleving db_worker``
processes, all pointed at this test's database through ``DATABASE_URL``.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from naleving.controls.deliveries import delivery_submit
from naleving.controls.models import ControlRun, Delivery
from naleving.controls.tests.test_controls_web import _files
from naleving.prevention.models import Reminder
from naleving.prevention.tasks import reminders_due
from naleving.prevention.tests.factories import ReminderScheduleFactory
from naleving.residents.tests.factories import BenefitFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several processes on one database need PostgreSQL; the SQLite test database is in memory",
    ),
    pytest.mark.django_db(transaction=True),
]

TOKEN = "multi-instance-ops-token-0123456789"
DEADLINE = 60.0
DAY = date(2027, 3, 2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgresql://{db.get('USER') or 'postgres'}{password}@{host}:{port}/{db['NAME']}"


def _get(url: str, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _until(what: str, condition, processes: list[subprocess.Popen], logs: Path):
    """Poll ``condition`` until it returns something true, a process dies, or the deadline passes."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(
                    f"{process.args[2:4]} stopped ({process.returncode}) while waiting for {what}:\n"
                    + _tail(logs)
                )
        try:
            result = condition()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"no {what} within {DEADLINE:.0f} s:\n" + _tail(logs))


def _tail(logs: Path) -> str:
    return "\n".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-2000:]}" for p in sorted(logs.glob("*.log"))
    )


@pytest.fixture
def environment(tmp_path):
    data = tmp_path / "data"
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="naleving.settings.production",
        DATABASE_URL=_database_url(),
        NALEVING_DATA_DIR=str(data),
        NALEVING_SECRET_KEY="multi-instance-" + os.urandom(16).hex(),
        NALEVING_AUDIT_KEY=settings.NALEVING_AUDIT_KEY,
        NALEVING_AUDIT_ANCHOR_DIR=str(tmp_path / "anchor"),
        NALEVING_ALLOWED_HOSTS="127.0.0.1",
        NALEVING_SECURE="false",
        NALEVING_OPS_TOKEN=TOKEN,
        NALEVING_LOG_LEVEL="WARNING",
    )


def _start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def test_two_web_servers_and_two_workers_process_everything_once(world, environment, tmp_path, settings):
    settings.NALEVING_DELIVERY_DIR = Path(environment["NALEVING_DATA_DIR"]) / "leveringen"
    logs = tmp_path / "logs"
    logs.mkdir()
    ports = [_free_port(), _free_port()]
    processes: list[subprocess.Popen] = []
    try:
        for port in ports:
            processes.append(
                _start(
                    [
                        "gunicorn",
                        "naleving.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--threads",
                        "2",
                        "--log-level",
                        "warning",
                    ],
                    environment,
                    logs / f"gunicorn-{port}.log",
                )
            )
        for number in (1, 2):
            processes.append(
                _start(
                    [
                        "naleving",
                        "db_worker",
                        "--interval",
                        "0.1",
                        "--no-startup-delay",
                        "--no-reload",
                        "--worker-id",
                        f"worker-{number}",
                    ],
                    environment,
                    logs / f"worker-{number}.log",
                )
            )

        # Work that comes in while everything runs: two deliveries, and the day's reminders queued twice (as
        # two hosts' cron lines would) for three residents whose reminder is due.
        deliveries = [
            delivery_submit(
                actor=world["analist"],
                files=_files("clients", "vehicles", "brp", "addresses"),
                controls=["voertuigen", "brp_adres"],
                reference_date=date(2026, 3, 1),
                source="Inlichtingenbureau",
                delivery_date=date(2026, 3, 2),
                legal_basis="Pw art. 64",
                control_sample=2,
                seed=number,
            )
            for number in range(2)
        ]
        residents = [world["jansen"], *(BenefitFactory().resident for _ in range(2))]
        for resident in residents:
            ReminderScheduleFactory(resident=resident, next_due_on=DAY)
        for _cron in range(2):
            reminders_due.enqueue(today=DAY.isoformat())

        def all_finished():
            return not DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists()

        _until("finished tasks", all_finished, processes, logs)

        tasks = list(DBTaskResult.objects.all())
        assert Counter(t.task_path.rsplit(".", 1)[1] for t in tasks) == {
            "delivery_run": 2,
            "reminders_due": 2,
        }
        assert [t for t in tasks if t.status != "SUCCESSFUL"] == []
        # each task result was taken by exactly one worker, one of ours
        assert all(len(t.worker_ids) == 1 and t.worker_ids[0] in {"worker-1", "worker-2"} for t in tasks)

        # one run per control per delivery
        for delivery in deliveries:
            delivery.refresh_from_db()
            assert delivery.status == Delivery.Status.DONE, delivery.error
            assert sorted(delivery.runs.values_list("filter__name", flat=True)) == ["brp_adres", "voertuigen"]
        assert ControlRun.objects.count() == 4

        # one reminder per resident for the day, though the day's task ran twice
        assert Counter(Reminder.objects.values_list("resident_id", flat=True)) == {r.pk: 1 for r in residents}
        day_runs = [t.return_value for t in tasks if t.task_path.endswith("reminders_due")]
        # the two runs may overlap and share the work; together they created each reminder once
        assert sum(run["created"] for run in day_runs) == 3

        # both web servers answer, and both see the workers' heartbeat in the shared database
        for port in ports:
            url = f"http://127.0.0.1:{port}/gezondheid/live"
            _until(
                f"an answer on port {port}",
                lambda url=url: _get(url) == (200, {"status": "ok"}),
                processes,
                logs,
            )

        def worker_ok(port):
            def check():
                _status, body = _get(f"http://127.0.0.1:{port}/gezondheid/ready", TOKEN)
                worker = {c["name"]: c for c in body.get("checks", [])}.get("worker", {})
                return worker.get("status") == "ok" and body

            return check

        _until("a worker heartbeat seen by the first web server", worker_ok(ports[0]), processes, logs)
        body = _until("the same heartbeat seen by the second", worker_ok(ports[1]), processes, logs)
        assert {c["name"]: c["status"] for c in body["checks"]}["database"] == "ok"
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
