"""A run with `with_proxy` gives each control the proxy report `proxy_check` gives, from one reading of the
files; the documents are otherwise those of a run without it."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import pytest

from naleving.analytics import loading, proxy, run
from naleving.analytics.controls import REGISTRY
from naleving.analytics.tests.conftest import GOLDEN, R

BSNS = [row["bsn"] for row in csv.DictReader((GOLDEN / "clients.csv").open(encoding="utf-8"))]


@pytest.fixture
def delivery() -> Path:
    return GOLDEN  # only read


@pytest.mark.parametrize(
    ("excluded", "population"),
    [(None, None), ([], None), (BSNS[:3], None), (None, BSNS[2:20]), (BSNS[:1], BSNS[:12])],
)
def test_the_proxy_reports_equal_the_separate_check_and_change_nothing_else(
    delivery: Path, excluded: list[str] | None, population: list[str] | None
) -> None:
    names = list(REGISTRY)
    plain = run.run_controls(
        names, delivery, R, control_sample=3, seed=7, excluded_bsns=excluded, population_bsns=population
    )
    both = run.run_controls(
        names,
        delivery,
        R,
        control_sample=3,
        seed=7,
        excluded_bsns=excluded,
        population_bsns=population,
        with_proxy=True,
    )
    separate = proxy.proxy_check(names, delivery, R, excluded, population)
    assert separate["voertuigen"]["population"] > 0
    assert {name: document.pop("proxy") for name, document in copy.deepcopy(both).items()} == separate
    for name in names:
        both[name].pop("proxy")
        # the run reads the BSN column for the proxy check; what the control reports to have used is the same
        assert both[name] == plain[name]


def test_the_files_are_read_once(delivery: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = []
    real = loading.load_delivery

    def counting(*args, **kwargs):
        opened.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "load_delivery", counting)
    monkeypatch.setattr(proxy, "load_delivery", counting)
    run.run_controls(list(REGISTRY), delivery, R, with_proxy=True)
    assert len(opened) == 1
