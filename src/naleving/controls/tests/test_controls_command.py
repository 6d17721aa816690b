"""`naleving controls ...` forwards to naleving.analytics.cli and keeps its exit status."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from naleving.controls.management.commands.controls import Command

GOLDEN = Path(__file__).resolve().parents[2] / "analytics" / "tests" / "data" / "golden"


def test_call_command_runs_a_control() -> None:
    out = io.StringIO()
    call_command(
        "controls", "run", "brp_adres", "--data", str(GOLDEN), "--reference-date", "2026-03-01", stdout=out
    )
    assert [h["client_id"] for h in json.loads(out.getvalue())["hits"]] == ["C21", "C22"]


def test_invalid_input_is_a_command_error_with_status_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("controls", "run", "all", "--data", str(tmp_path), "--reference-date", "2026-03-01",
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip
    assert caught.value.returncode == 2


def test_command_line_exits_with_the_engine_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as caught:
        Command().run_from_argv(["naleving", "controls", "run", "vermogen", "--data", str(tmp_path / "none"),
                                 "--reference-date", "2026-03-01"])  # fmt: skip
    assert caught.value.code == 2
    assert "is geen map" in capsys.readouterr().err
