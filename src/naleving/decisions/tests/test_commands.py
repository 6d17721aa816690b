"""`naleving decide` and `naleving rules` as a person runs them: stdin to stdout, the exit code.

The first test starts the real console command (a subprocess, about a second of Python and Django start-up
each); the others run the same entry point (``naleving.__main__.main``) in the test process with its own
argv, stdin, stdout and stderr, and read the exit code from ``SystemExit``."""

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest

from naleving.__main__ import main

EXAMPLE_5 = {
    "decision_date": "2026-03-01",
    "violation": {"kind": "income", "start": "2025-09-01", "end": "2025-12-31"},
    "benadelingsbedrag": 5000,
    "culpability": "normaal",
}


def _naleving(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="naleving.settings.test")
    return subprocess.run(
        [sys.executable, "-m", "naleving", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def naleving_here(monkeypatch, db):
    """``_naleving`` in this process: the console script's ``main`` with this argv and stdin (on the test
    database: Django's system checks, which the command runs first, read it)."""

    def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["naleving", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())

    return _run


@pytest.mark.slow
def test_decide_prints_the_response_with_reasons():
    result = _naleving("decide", stdin=json.dumps(EXAMPLE_5))
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout)
    assert response["sanction"]["fine_amount"] == "840.90"  # 12 x 5 % x 1401.50
    assert response["sanction"]["capped_by"] == "draagkracht"
    explained = _naleving("rules", "explain", stdin=result.stdout)
    assert explained.returncode == 0, explained.stderr
    assert "840.90" in explained.stdout or "840,90" in explained.stdout


@pytest.mark.slow
def test_decide_exits_2_with_a_json_error_naming_the_field(naleving_here):
    result = naleving_here("decide", "--profile", "atlantis", stdin=json.dumps(EXAMPLE_5))
    assert result.returncode == 2
    error = json.loads(result.stdout)["error"]
    assert error["field"] == "profile"
    result = naleving_here(
        "decide", stdin=json.dumps({k: v for k, v in EXAMPLE_5.items() if k != "decision_date"})
    )
    assert result.returncode == 2 and json.loads(result.stdout)["error"]["field"] == "decision_date"
    result = naleving_here("decide", stdin="{not json")
    assert result.returncode == 2 and "error" in json.loads(result.stdout)


@pytest.mark.slow
def test_rules_show_prints_parameters_in_force(naleving_here):
    result = naleving_here("rules", "show", "--profile", "baanbrekers-2026", "--date", "2026-03-01")
    assert result.returncode == 0, result.stderr
    assert "1401.50" in result.stdout or "1.401,50" in result.stdout


@pytest.mark.slow
def test_rules_check_exits_1_for_missing_parameters_and_0_without(naleving_here):
    result = naleving_here("rules", "check", "--date", "2027-01-02")
    assert result.returncode == 1
    assert "norm.gehuwden.21_to_aow (norms.yaml): geen waarde sinds 2027-01-01" in result.stdout
    assert "Er zijn parameters zonder waarde" in result.stderr
    result = naleving_here("rules", "check", "--date", "2026-01-01", "--horizon", "30", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["gaps"] == []
