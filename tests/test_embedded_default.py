"""The main pages work on the embedded default, SQLite (``make demo``), not only on PostgreSQL (the suite's).

Twice a query that only SQLite refuses made every signed-in page of ``make demo`` a 500 while the suite passed
(an ORDER BY inside a UNION; a column name read as ``.name`` from SQLite's plain tuples). This runs
``naleving.testing.sqlite_smoke`` in a process of its own: every user of the test world opens every main page
and a case of each kind on an in-memory SQLite database; any 500 fails the test with the pages it happened on.
"""

import os
import subprocess
import sys


def test_every_main_page_answers_on_sqlite():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NALEVING_TEST_TEMPLATE")}
    done = subprocess.run(
        [sys.executable, "-m", "naleving.testing.sqlite_smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    assert "pages answered on SQLite" in done.stdout
