"""Progress reporting of a run and the checks that need no data (`check_run`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from naleving import analytics
from naleving.analytics.tests.conftest import R, append_row, read_rows, write_rows


def test_progress_runs_from_reading_to_done_and_never_goes_back(golden: Path) -> None:
    told: list[tuple[float, str, str]] = []
    documents = analytics.run_controls(
        ["voertuigen", "vermogen"],
        golden,
        R,
        control_sample=2,
        seed=7,
        progress=lambda share, step, subject: told.append((share, step, subject)),
    )
    assert set(documents) == {"voertuigen", "vermogen"}
    shares = [share for share, _, _ in told]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert all(0.0 <= s <= 1.0 for s in shares)
    steps = [(step, subject) for _, step, subject in told]
    assert steps[0] == ("read", "clients.csv")
    assert ("read", "vehicles.csv") in steps and ("read", "balances.csv") in steps
    assert ("check", "") in steps
    for name in ("voertuigen", "vermogen"):
        assert [s for s in steps if s[1] == name] == [("select", name), ("bias", name), ("sample", name)]
    assert steps[-1] == ("done", "")


def test_run_controls_gives_what_run_control_gives(golden: Path) -> None:
    together = analytics.run_controls(["kostendelers", "brp_adres"], golden, R, control_sample=3, seed=11)
    for name in ("kostendelers", "brp_adres"):
        assert together[name] == analytics.run_control(name, golden, R, control_sample=3, seed=11)


def test_check_run_passes_a_good_delivery(golden: Path) -> None:
    analytics.check_run(list(analytics.CONTROLS), golden, R, {"min_vehicles": "2"}, control_sample=5)


def test_check_run_refuses_a_special_category_column_without_reading_data(delivery: Path) -> None:
    header, rows = read_rows(delivery / "clients.csv")
    write_rows(delivery / "clients.csv", [*header, "nationality"], [[*row, "NL"] for row in rows])
    with pytest.raises(analytics.DeliveryError) as caught:
        analytics.check_run(["voertuigen"], delivery, R)
    assert caught.value.file == "clients.csv" and caught.value.column == "nationality"


def test_check_run_names_a_missing_file(delivery: Path) -> None:
    (delivery / "balances.csv").unlink()
    analytics.check_run(["voertuigen"], delivery, R)  # voertuigen does not need balances
    with pytest.raises(analytics.DeliveryError, match=r"balances\.csv"):
        analytics.check_run(["vermogen"], delivery, R)


def test_check_run_refuses_bad_parameters_and_dates(golden: Path) -> None:
    with pytest.raises(analytics.ParameterError, match="onbekende controle"):
        analytics.check_run(["fietsen"], golden, R)
    with pytest.raises(analytics.ParameterError, match="min_vehicles"):
        analytics.check_run(["voertuigen"], golden, R, {"min_vehicles": "veel"})
    with pytest.raises(analytics.ParameterError, match="negatief"):
        analytics.check_run(["voertuigen"], golden, R, control_sample=-1)
    with pytest.raises(analytics.RulesParameterError):
        analytics.check_run(["vermogen"], golden, date(1990, 1, 1))


def test_check_run_does_not_read_values(delivery: Path) -> None:
    """A bad value is found by the run, not by the check (which reads headers only)."""
    append_row(
        delivery / "vehicles.csv", {"bsn": "111222333", "plate": "XX-99-XX", "registered_from": "gisteren"}
    )
    analytics.check_run(["voertuigen"], delivery, R)
    with pytest.raises(analytics.DeliveryError) as caught:
        analytics.run_control("voertuigen", delivery, R)
    assert caught.value.file == "vehicles.csv" and caught.value.column == "registered_from"
