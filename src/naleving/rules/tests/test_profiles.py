"""Policy profiles: overlays on the law that cite their seed; a new one needs no code change."""

from __future__ import annotations

import re
import textwrap
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from naleving.rules import ParameterFileError, RuleInputError, evaluate, parse_request, response_to_dict
from naleving.rules.parameters import load_parameters
from naleving.rules.profiles import load_profile_file
from naleving.rules.registry import PARAMETER_DIR, PROFILE_DIR, Registry
from naleving.rules.tests.helpers import BASE_REQUEST, merge

HEADER = """\
profile: {name}
organisation: Gemeente Voorbeeld
document: Handhavingsbeleid
seed: 000_example.txt
section: "§1"
valid_from: 2025-01-01
"""


def write_profile(directory: Path, name: str, body: str, header: str = HEADER) -> Path:
    path = directory / f"{name}.yaml"
    path.write_text(header.format(name=name) + textwrap.dedent(body), encoding="utf-8")
    return path


def test_the_five_seed_profiles_are_shipped_and_cite_their_seed() -> None:
    registry = Registry.load()
    assert sorted(registry.profiles) == [
        "baanbrekers-2026",
        "groningen-2024",
        "landelijk",
        "mer-2025",
        "steenwijkerland-2026",
    ]
    for profile in registry.profiles.values():
        assert re.match(r"^00[0-4]_[0-9a-f]{16}\.txt$", profile.seed), profile.name
        assert profile.section
        for name in profile.overridden:
            dated = profile.parameters[name].values[0]
            assert dated.source is not None and dated.source.seed == profile.seed
            assert dated.citation().startswith(profile.seed)


def test_profiles_only_change_what_their_policy_says() -> None:
    registry = Registry.load()
    assert registry.profiles["landelijk"].overridden == ()
    assert registry.profiles["mer-2025"].overridden == ()
    assert registry.profiles["steenwijkerland-2026"].overridden == ()
    assert registry.profiles["baanbrekers-2026"].overridden == ("fine.culpabilities",)
    assert registry.profiles["groningen-2024"].overridden == ("exempt_sources", "warning.blocked_by")


@pytest.mark.parametrize(
    ("body", "key", "message"),
    [
        ("overrides:\n  nope: {value: 1, section: x}\n", "overrides.nope", "unknown parameter"),
        ("overrides:\n  fine.percentage.normaal: {value: 40, section: x}\n", "overrides.fine.percentage.normaal",
         "set by law"),
        ("overrides:\n  fine.culpabilities: {value: opzet, section: x}\n", "overrides.fine.culpabilities.value",
         "list of words"),
        ("overrides:\n  draagkracht.months.opzet: {value: -3, section: x}\n",
         "overrides.draagkracht.months.opzet.value", "whole number"),
        ("overrides:\n  fine.culpabilities: {value: [opzet]}\n", "overrides.fine.culpabilities.section",
         "cites its seed section"),
        ("overrides:\n  fine.culpabilities: {value: [opzet], section: x, why: y}\n",
         "overrides.fine.culpabilities.why", "unknown key"),
        ("overrides:\n  fine.culpabilities: {section: x}\n", "overrides.fine.culpabilities.value", "missing"),
        ("overrides:\n  fine.culpabilities: [opzet]\n", "overrides.fine.culpabilities", "expected a mapping"),
        ("overrides:\n  fine.culpabilities: {value: [opzet], section: x, confidence: sure}\n",
         "overrides.fine.culpabilities.confidence", "expected one of"),
        ("overrides:\n  fine.culpabilities: {value: [opzet], section: x, valid_from: soon}\n",
         "overrides.fine.culpabilities.valid_from", "expected a date"),
        ("overrides: [a]\n", "overrides", "expected a mapping"),
        ("colour: blue\n", "colour", "unknown key"),
    ],
)  # fmt: skip
def test_invalid_profiles_name_file_and_key(tmp_path: Path, body: str, key: str, message: str) -> None:
    path = write_profile(tmp_path, "voorbeeld", body)
    with pytest.raises(
        ParameterFileError, match="^" + re.escape(f"voorbeeld.yaml: {key}: ") + f".*{message}"
    ):
        load_profile_file(path, load_parameters(PARAMETER_DIR))


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("profile: voorbeeld\n", "organisation"),
        (HEADER.replace("profile: {name}", "profile: Other"), "profile"),
        (HEADER.replace("seed: 000_example.txt", "seed: ''"), "seed"),
        (HEADER.replace("valid_from: 2025-01-01", "valid_from: 2025"), "valid_from"),
        (HEADER + "valid_to: later\n", "valid_to"),
        ("- a list\n", "-"),
    ],
)
def test_invalid_profile_headers(tmp_path: Path, header: str, key: str) -> None:
    path = write_profile(tmp_path, "voorbeeld", "", header=header)
    with pytest.raises(ParameterFileError, match="^" + re.escape(f"voorbeeld.yaml: {key}: ")):
        load_profile_file(path, load_parameters(PARAMETER_DIR))


def test_a_profile_without_overrides_is_the_law(tmp_path: Path) -> None:
    profile = load_profile_file(write_profile(tmp_path, "kaal", ""), load_parameters(PARAMETER_DIR))
    assert profile.overridden == () and profile.valid_to is None and profile.description == ""
    assert profile.parameters["warning.blocked_by"].values[0].source is None


def test_a_new_municipality_adds_a_profile_without_code(tmp_path: Path) -> None:
    for shipped in PROFILE_DIR.glob("*.yaml"):
        (tmp_path / shipped.name).write_bytes(shipped.read_bytes())
    write_profile(
        tmp_path,
        "voorbeeld-2025",
        """\
        valid_to: 2026-12-31
        description: Never warns; longer draagkracht from 2026.
        overrides:
          warning.give_when_allowed: {value: false, section: "§2 Waarschuwing", confidence: M}
          draagkracht.months.normaal:
            - {value: 12, section: "§3", valid_to: 2025-12-31}
            - {value: 6, section: "§3 (2026)", valid_from: 2026-01-01}
        """,
    )
    registry = Registry.load(PARAMETER_DIR, tmp_path)
    assert "voorbeeld-2025" in registry.profiles
    assert registry.version != Registry.load().version
    profile = registry.profile("voorbeeld-2025")
    assert profile.in_force(date(2026, 12, 31)) and not profile.in_force(date(2027, 1, 1))

    large = replace(
        parse_request(merge(BASE_REQUEST, {"benadelingsbedrag": "5000"})), profile="voorbeeld-2025"
    )
    assert str(evaluate(large, registry).sanction.fine_amount) == "420.45"  # 6 x 5 % x 1401.50 in 2026
    earlier = replace(large, decision_date=date(2025, 12, 1))
    assert str(evaluate(earlier, registry).sanction.fine_amount) == "821.44"  # 12 x 5 % x 1369.06
    small = replace(large, benadelingsbedrag=Decimal("100"))
    data = response_to_dict(evaluate(small, registry))
    assert data["sanction"]["type"] == "boete"
    assert [s["result"] for s in data["trace"] if s["rule"] == "waarschuwing"] == ["niet_gekozen"]


def test_the_default_registry_does_not_know_a_tmp_profile() -> None:
    with pytest.raises(RuleInputError) as info:
        parse_request(merge(BASE_REQUEST, {"profile": "voorbeeld-2025"}))
    assert (info.value.code, info.value.field) == ("unknown_profile", "profile")
