"""Runs the YAML scenarios in `scenarios/`: each case merges its request into the file's defaults and checks
dotted paths of the response (`trace[rule].field` selects a step by rule id) or the error it must raise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from naleving.rules import RuleInputError, RulesError, evaluate, parse_request, response_to_dict
from naleving.rules.tests.helpers import BASE_REQUEST, merge, plain

SCENARIO_DIR = Path(__file__).parent / "scenarios"
_STEP = re.compile(r"^trace\[(\w+)\]$")


def _cases() -> list[Any]:
    cases = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        defaults = merge(BASE_REQUEST, plain(data.get("defaults") or {}))
        for case in data["cases"]:
            cases.append(pytest.param(defaults, case, id=f"{path.stem}: {case['name']}"))
    return cases


def lookup(response: dict[str, Any], path: str) -> Any:
    current: Any = response
    for raw_part in re.split(r"(?<!\\)\.", path):
        part = raw_part.replace("\\.", ".")
        match = _STEP.match(part)
        if match:
            steps = [s for s in current["trace"] if s["rule"] == match.group(1)]
            assert steps, f"no trace step {match.group(1)!r}"
            current = steps[0]
        else:
            current = current[part]
    return current


def test_every_scenario_file_names_its_article() -> None:
    for path in SCENARIO_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data.get("article"), path.name
        assert data["cases"], path.name


@pytest.mark.parametrize(("defaults", "case"), _cases())
def test_scenario(defaults: dict[str, Any], case: dict[str, Any]) -> None:
    request = merge(defaults, plain(case.get("request") or {}))
    if "error" in case:
        with pytest.raises(RulesError) as info:
            evaluate(parse_request(request, profile_override=case.get("profile_override")))
        expected = case["error"]
        assert isinstance(info.value, RuleInputError) or expected["code"] == "parameter_not_in_force"
        if isinstance(info.value, RuleInputError):
            assert (info.value.code, info.value.field) == (expected["code"], expected.get("field"))
        return
    response = response_to_dict(
        evaluate(parse_request(request, profile_override=case.get("profile_override")))
    )
    for path, expected in case["expect"].items():
        assert lookup(response, path) == plain(expected), (
            f"{path}: {lookup(response, path)!r} != {expected!r}"
        )
    if "steps" in case:
        assert [s["rule"] for s in response["trace"]] == case["steps"]
