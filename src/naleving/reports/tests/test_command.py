"""`naleving report`: JSON for scheduled runs, PDF and Excel to a file, exit code 2 on bad arguments."""

import io
import json

import django
import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

from naleving.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_json_to_stdout_unsuppressed_by_default(world):
    out = io.StringIO()
    call_command("report", "--org", "mer", "--period", "2026-T1", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["report"], data["period"]["code"], data["previous_period"]["code"]) == (
        "mer",
        "2026-T1",
        "2025-T3",
    )
    assert data["suppressed"] is False
    s1 = data["sections"][0]["indicators"][0]
    assert s1["id"] == "S1" and s1["definition"]
    rows = {r["key"]: r for r in s1["tables"][0]["rows"]}
    # the world: one IB signal (1 Feb), one colleague's (1 Mar), one anonymous (5 Mar) in T1 2026
    assert rows["inlichtingenbureau"]["values"] == {"n": 1, "share": round(1 / 3, 6)}
    assert rows["inlichtingenbureau"]["previous"] == {"n": None}  # nothing recorded in the period before
    assert AuditEvent.objects.filter(code="report.exported", actor_id=None).count() == 1


def test_suppressed_json(world):
    out = io.StringIO()
    call_command("report", "--org", "MER", "--period", "2026-t1", "--suppressed", stdout=out)
    data = json.loads(out.getvalue())
    rows = {r["key"]: r for r in data["sections"][0]["indicators"][0]["tables"][0]["rows"]}
    assert data["suppressed"] is True
    assert rows["inlichtingenbureau"]["values"] == {"n": "<5", "share": None}
    assert rows["themacontrole"]["values"] == {"n": 0, "share": None}


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("xlsx", b"PK")])
def test_pdf_and_excel_go_to_a_file(world, tmp_path, fmt, magic):
    target = tmp_path / f"rapport.{fmt}"
    call_command(
        "report",
        "--org",
        "szw",
        "--period",
        "2026",
        "--format",
        fmt,
        "--out",
        str(target),
        stderr=io.StringIO(),
    )
    assert target.read_bytes().startswith(magic)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--org", "utrecht", "--period", "2025"], "--org"),
        (["--org", "mer", "--period", "2025-T4"], "--period"),
        (["--org", "mer", "--period", "vorig jaar"], "--period"),
        (["--org", "mer", "--period", "2025", "--format", "docx"], "--format"),
        (["--org", "mer", "--period", "2025", "--format", "pdf"], "--out"),
    ],
)
def test_bad_arguments_exit_2_naming_the_argument(db, args, named):
    with pytest.raises(CommandError) as error:
        call_command("report", *args)
    assert error.value.returncode == 2
    assert str(error.value).startswith(named)


def test_the_console_script_exits_with_2(db, capsys, monkeypatch):
    # Django is set up in this process already. The utility's own ``django.setup()`` would configure logging
    # again, binding the console handler to this test's captured stderr, which is closed after the test: every
    # later log line of the process then failed to be written (and printed a traceback instead).
    monkeypatch.setattr(django, "setup", lambda *args, **kwargs: None)
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["naleving", "report", "--org", "nergens", "--period", "2025"]).execute()
    assert exit_.value.code == 2
    assert "--org: onbekende organisatie 'nergens'" in capsys.readouterr().err
