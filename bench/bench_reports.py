"""The five reports over five years of work of a 100,000-resident municipality, on PostgreSQL.

Creates a temporary database `naleving_bench_reports` on 127.0.0.1:5432 (user postgres), migrates it,
loads Gemeente Demostad with the demo generator stretched to five years (100,000 residents, seed 2026, up to
1 November 2026), then times each report for the last complete year (2025) and a tertiaal (2026-T2):

- build: every indicator for the period and the period before (the comparison), presented unsuppressed and
  serialised as JSON (what `naleving report --format json` does);
- pdf: rendering that presented report with WeasyPrint (what the PDF download adds on top of the build).

Each is run five times; the table shows the first (cold) run and the best of five, wall clock, plus the
CPU time of the best PDF render (WeasyPrint runs in this process, so its CPU time does not depend on what
else the machine is doing). The load average is printed before and after, as other jobs share the machine.
Indicators run on two database connections at once (`reports.build.WORKERS`). The database is dropped at
the end, also after a failure. Target: under 2 seconds for each report.

    python -m bench reports
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import date

DB_NAME = "naleving_bench_reports"
SERVER = "postgres://postgres@127.0.0.1:5432"
RESIDENTS = 100_000
YEARS = 5
SEED = 2026
REFERENCE_DATE = date(2026, 11, 1)
PERIODS = ("2025", "2026-T2")
RUNS = 5


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


def _load() -> dict[str, int]:
    """The demo municipality over YEARS years: the generator's span is a module constant, stretched here."""
    from django.core.management import call_command
    from django.db import connection

    from naleving.demo import common, load

    call_command("migrate", verbosity=0, skip_checks=True)
    common.YEARS = load.YEARS = YEARS
    started = time.perf_counter()
    result = load.demo_municipality_load(residents=RESIDENTS, seed=SEED, reference_date=REFERENCE_DATE)
    print(f"loaded {RESIDENTS:,} residents, {YEARS} years, in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return result.counts


def _build(key: str, code: str):
    from naleving.reports.build import report_build
    from naleving.reports.indicators import Filters
    from naleving.reports.periods import parse
    from naleving.reports.presentation import report_json, report_present

    report = report_present(report_build(key, parse(code), Filters(as_of=date(2026, 11, 23))), suppress=False)
    json.dumps(report_json(report), default=str)
    return report


def _timed(function, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def _measure() -> list[tuple]:
    from naleving.reports.definitions import REPORTS
    from naleving.reports.exports import render_pdf

    rows = []
    for key in REPORTS:
        for code in PERIODS:
            builds, pdfs, cpu = [], [], []
            for _ in range(RUNS):
                seconds, report = _timed(_build, key, code)
                builds.append(seconds)
                started_cpu = time.process_time()
                seconds, _pdf = _timed(render_pdf, report, organisation_name="Gemeente Demostad")
                cpu.append(time.process_time() - started_cpu)
                pdfs.append(seconds)
            rows.append((key, code, builds[0], min(builds), pdfs[0], min(pdfs), min(cpu)))
    return rows


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _print(rows, counts: dict[str, int]) -> None:
    print("\nrows:", ", ".join(f"{label.split('.')[-1]} {n:,}" for label, n in counts.items()))
    print(
        f"\n| report | period | build (first) | build (best of {RUNS}) | pdf (first) | pdf (best of {RUNS}) "
        "| pdf CPU (best) | build + pdf (best) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for key, code, build_first, build_best, pdf_first, pdf_best, pdf_cpu in rows:
        print(
            f"| {key} | {code} | {build_first:.2f} s | {build_best:.2f} s | {pdf_first:.2f} s | {pdf_best:.2f} s "
            f"| {pdf_cpu:.2f} s | {build_best + pdf_best:.2f} s |"
        )
    print(
        f"\nslowest build: {max(r[3] for r in rows):.2f} s; slowest pdf: {max(r[5] for r in rows):.2f} s; "
        f"slowest build + pdf: {max(r[3] + r[5] for r in rows):.2f} s"
    )


def main() -> None:
    _admin(f"DROP DATABASE IF EXISTS {DB_NAME}")
    _admin(f"CREATE DATABASE {DB_NAME}")
    try:
        _setup_django()
        counts = _load()
        print(f"load average before measuring: {_load_average()}")
        rows = _measure()
        print(f"load average after measuring: {_load_average()}")
        _print(rows, counts)
    finally:
        from django.db import connections

        connections.close_all()
        _admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
