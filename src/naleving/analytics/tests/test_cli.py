"""The command line: `naleving controls run|validate|list` through naleving.analytics.cli.main."""

from __future__ import annotations

import io
import json
from pathlib import Path

from naleving.analytics.cli import main
from naleving.analytics.tests.conftest import set_value


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_run_one_control_to_stdout(golden: Path) -> None:
    status, out, err = run(
        "run",
        "voertuigen",
        "--data",
        str(golden),
        "--reference-date",
        "2026-03-01",
        "--param",
        "min_vehicles=2",
    )
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert document["control"] == "voertuigen" and document["parameters"]["min_vehicles"] == 2
    assert [h["client_id"] for h in document["hits"]] == ["C01", "C02", "C03", "C04"]


def test_run_all_to_a_file_with_a_control_group(golden: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "run.json"
    status, out, _ = run(
        "run", "all", "--data", str(golden), "--reference-date", "2026-03-01",
        "--control-sample", "3", "--seed", "9", "--out", str(target),
    )  # fmt: skip
    assert status == 0
    documents = json.loads(target.read_text(encoding="utf-8"))
    assert list(documents) == ["voertuigen", "vermogen", "adresbezetting", "kostendelers", "brp_adres"]
    assert all(d["control_group"]["seed"] == 9 for d in documents.values())
    assert out.count("treffers onder 23 actieve cliënten") == 5


def test_invalid_input_exits_2_naming_file_row_and_column(delivery: Path) -> None:
    set_value(delivery / "clients.csv", 4, "bsn", "123456789")
    status, out, err = run("run", "all", "--data", str(delivery), "--reference-date", "2026-03-01")
    assert (status, out) == (2, "")
    assert "is not a valid BSN" not in err
    assert "clients.csv, rij 4 (regel 5), kolom bsn: is geen geldig BSN" in err


def test_usage_errors_exit_2(golden: Path) -> None:
    base = ("--data", str(golden), "--reference-date", "2026-03-01")
    assert run("run", "nope", *base)[0] == 2
    assert run("run", "voertuigen", "--data", str(golden), "--reference-date", "1-3-2026")[0] == 2
    status, _, err = run("run", "voertuigen", *base, "--param", "m2_per_person=10")
    assert status == 2 and "onbekende parameter(s) m2_per_person" in err
    status, _, err = run("run", "all", *base, "--param", "min_vehicles=zero")
    assert status == 2 and "min_vehicles moet een geheel getal zijn" in err
    assert run("run", "all", *base, "--param", "min_vehicles")[0] == 2
    assert run("run", "all", *base, "--seed", "3")[0] == 2


def test_a_date_without_asset_limits_exits_2(golden: Path) -> None:
    status, _, err = run("run", "vermogen", "--data", str(golden), "--reference-date", "2019-01-01")
    assert status == 2 and "geen vermogensgrens geldig op 2019-01-01" in err
    # Controls that need no law parameter run on any date.
    assert run("run", "brp_adres", "--data", str(golden), "--reference-date", "2019-01-01")[0] == 0


def test_validate_and_list(golden: Path) -> None:
    status, out, _ = run("validate", "--data", str(golden))
    assert status == 0 and json.loads(out)["controls_available"][0] == "voertuigen"
    status, out, _ = run("list")
    controls = json.loads(out)
    assert controls["voertuigen"]["parameters"]["min_vehicles"]["default"] == 3
    assert controls["vermogen"]["parameters_from_rules"] == ["asset_limit"]
    assert all(c["legal_basis"] and c["title_nl"] for c in controls.values())


def test_help_exits_0() -> None:
    status, out, _ = run("run", "--help")
    assert status == 0 and "--reference-date" in out
