"""Runs the maatregel scenarios in `scenarios/maatregel/`, named after the article: each case merges its request
into the file's defaults (over MAATREGEL_REQUEST) and checks dotted paths of the response or the error. They run
on the shipped files plus a test profile with an afstemmingsverordening's figures (`maatregel_helpers`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from naleving.rules import (
    ParameterNotInForce,
    RuleInputError,
    RulesError,
    evaluate,
    parse_request,
    response_to_dict,
)
from naleving.rules.tests.helpers import plain
from naleving.rules.tests.maatregel_helpers import MAATREGEL_REQUEST, figures_registry, merge
from naleving.rules.tests.test_scenarios import lookup

SCENARIO_DIR = Path(__file__).parent / "scenarios" / "maatregel"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = merge(MAATREGEL_REQUEST, plain(data.get("defaults") or {}))
        for case in data["cases"]:
            cases.append(pytest.param(defaults, case, id=f"{path.stem}: {case['name']}"))
    return cases


def test_every_maatregel_scenario_file_names_its_article() -> None:
    paths = list(SCENARIO_DIR.glob("*.yaml"))
    assert len(paths) >= 5
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data.get("article") and data["cases"], path.name


@pytest.mark.parametrize(("defaults", "case"), _cases())
def test_maatregel_scenario(defaults: dict[str, Any], case: dict[str, Any]) -> None:
    registry = figures_registry()
    request = merge(defaults, plain(case.get("request") or {}))
    if "error" in case:
        with pytest.raises(RulesError) as info:
            evaluate(parse_request(request, registry=registry), registry)
        expected = case["error"]
        if expected["code"] == "parameter_not_in_force":
            assert isinstance(info.value, ParameterNotInForce)
        else:
            assert isinstance(info.value, RuleInputError)
            assert (info.value.code, info.value.field) == (expected["code"], expected.get("field"))
        return
    response = response_to_dict(evaluate(parse_request(request, registry=registry), registry))
    for path, expected in case["expect"].items():
        assert lookup(response, path) == plain(expected), (
            f"{path}: {lookup(response, path)!r} != {expected!r}"
        )
    if "steps" in case:
        assert [s["rule"] for s in response["trace"]] == case["steps"]
