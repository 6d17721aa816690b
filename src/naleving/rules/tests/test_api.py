"""The public functions besides `evaluate`: norms, asset limits, profiles, version, parameters in force."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import naleving.rules as rules
from naleving.rules import (
    ParameterNotInForce,
    RulesError,
    UnknownProfile,
    asset_limit,
    available_profiles,
    norm,
    parameters_in_force,
    rules_version,
)
from naleving.rules.api import _first_gap
from naleving.rules.parameters import DatedValue, Parameter


@pytest.mark.parametrize(
    ("household", "on", "expected"),
    [
        ("alleenstaande", date(2025, 1, 1), "7770"),
        ("alleenstaande_ouder", date(2025, 12, 31), "15540"),
        ("gehuwden", date(2025, 6, 1), "15540"),
        ("alleenstaande", date(2026, 1, 1), "8000"),
        ("alleenstaande_ouder", date(2026, 6, 1), "16000"),
        ("gehuwden", date(2026, 12, 31), "16000"),
    ],
)
def test_asset_limits(household: str, on: date, expected: str) -> None:
    assert asset_limit(household, on) == Decimal(expected)


@pytest.mark.parametrize("on", [date(2024, 12, 31), date(2027, 1, 1)])
def test_asset_limit_outside_the_known_years_is_an_error(on: date) -> None:
    with pytest.raises(ParameterNotInForce):
        asset_limit("alleenstaande", on)
    assert issubclass(ParameterNotInForce, RulesError)


def test_asset_limit_of_an_unknown_household_is_an_error() -> None:
    with pytest.raises(RulesError, match="unknown household type"):
        asset_limit("samenwonend", date(2026, 1, 1))


NORMS = {
    # (household, age band): (2025-01-01, 2025-07-01, 2026-01-01, 2026-07-01), legal-rules.md section 7
    ("alleenstaande", "21_to_aow"): ("1345.45", "1369.06", "1401.50", "1419.46"),
    ("alleenstaande_ouder", "21_to_aow"): ("1345.45", "1369.06", "1401.50", "1419.46"),
    ("gehuwden", "21_to_aow"): ("1922.07", "1955.80", "2002.13", "2027.79"),
    ("alleenstaande", "18_to_20"): ("332.17", "337.98", "345.99", "350.42"),
    ("alleenstaande_ouder", "18_to_20"): ("332.17", "337.98", "345.99", "350.42"),
    ("gehuwden", "18_to_20"): ("664.34", "675.96", "691.98", "700.84"),
    ("alleenstaande", "aow"): ("1501.07", "1530.21", "1564.69", "1587.34"),
    ("alleenstaande_ouder", "aow"): ("1501.07", "1530.21", "1564.69", "1587.34"),
    ("gehuwden", "aow"): ("2053.48", "2094.98", "2144.16", "2176.10"),
}


@pytest.mark.parametrize(("key", "values"), NORMS.items())
def test_norms_for_every_household_and_age_band_on_each_change(
    key: tuple[str, str], values: tuple[str, ...]
) -> None:
    household, band = key
    days = [
        (date(2025, 1, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 31)),
    ]
    for (first, last), expected in zip(days, values, strict=True):
        assert norm(household, band, 1, first) == Decimal(expected)
        assert norm(household, band, 1, last) == Decimal(expected)
    with pytest.raises(ParameterNotInForce):
        norm(household, band, 1, date(2027, 1, 1))


@pytest.mark.parametrize(
    ("household", "a", "on", "expected"),
    [
        ("alleenstaande", 2, date(2025, 1, 1), "961.04"),  # 50 % x 1922.07 = 961.035
        ("alleenstaande", 3, date(2026, 1, 1), "867.59"),  # 130/300 x 2002.13
        ("alleenstaande", 4, date(2025, 7, 1), "782.32"),  # 160/400 x 1955.80
        ("gehuwden", 1, date(2026, 1, 1), "2002.13"),
        ("gehuwden", 2, date(2026, 1, 1), "2002.13"),
        ("gehuwden", 3, date(2026, 1, 1), "1735.18"),  # 2 x 130/300 x 2002.13
    ],
)
def test_kostendelersnorm(household: str, a: int, on: date, expected: str) -> None:
    assert str(norm(household, "21_to_aow", a, on)) == expected


def test_kostendelersnorm_does_not_apply_to_young_people() -> None:
    assert norm("alleenstaande", "18_to_20", 3, date(2026, 1, 1)) == Decimal("345.99")


def test_kostendelersnorm_applies_at_pension_age_with_the_pension_age_couple_norm() -> None:
    """Pw 22a(1), text of 2026-07-01: from 21 on, with B = 22(b) for a client at pension age."""
    # ((40 + 3 x 30) / 3) % x 2144.16 = 929.136 -> 929.14; a couple twice that: 1858.272 -> 1858.27
    assert norm("alleenstaande", "aow", 3, date(2026, 1, 1)) == Decimal("929.14")
    assert norm("gehuwden", "aow", 3, date(2026, 1, 1)) == Decimal("1858.27")
    # ((40 + 2 x 30) / 2) % x 2176.10 = 1088.05
    assert norm("alleenstaande", "aow", 2, date(2026, 7, 1)) == Decimal("1088.05")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("samenwonend", "21_to_aow", 1), "household type"),
        (("alleenstaande", "65_plus", 1), "age band"),
        (("alleenstaande", "21_to_aow", 0), "kostendelers"),
        (("alleenstaande", "21_to_aow", True), "kostendelers"),
    ],
)
def test_norm_input_errors(args: tuple[str, str, int], message: str) -> None:
    with pytest.raises(RulesError, match=message):
        norm(*args, date(2026, 1, 1))


def test_profiles_and_version() -> None:
    assert available_profiles() == [
        "baanbrekers-2026",
        "groningen-2024",
        "landelijk",
        "mer-2025",
        "steenwijkerland-2026",
    ]
    version = rules_version()
    assert version == rules.RULES_VERSION
    assert version.startswith(rules.ENGINE_VERSION + "+") and len(version.split("+")[1]) == 12


def test_parameters_in_force_show_values_basis_and_gaps() -> None:
    shown = parameters_in_force("groningen-2024", date(2026, 3, 1))
    assert shown["profile_in_force"] is True
    parameters = shown["parameters"]
    assert isinstance(parameters, dict)
    assert parameters["norm.alleenstaande.21_to_aow"] == {
        "value": "1401.50",
        "unit": "EUR/month",
        "valid_from": "2026-01-01",
        "valid_to": "2026-06-30",
        "confidence": "H",
        "citation": "art. 21 onder a Pw",
        "url": "https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=21&g=2026-01-01",
        "set_by": "law",
    }
    blocked = parameters["warning.blocked_by"]
    assert isinstance(blocked, dict)
    assert (
        blocked["value"] == ["waarschuwing", "boete"]
        and blocked["set_by"] == "profile"
        and blocked["url"] is None
    )
    assert parameters["draagkracht.months.opzet"]["set_by"] == "policy"  # type: ignore[index]
    assert parameters["fine.cap_ratio.normaal"]["value"] == "50/75"  # type: ignore[index]
    assert shown["not_in_force"] == []
    later = parameters_in_force("groningen-2024", date(2027, 1, 1))
    assert later["profile_in_force"] is False
    assert "norm.gehuwden.aow" in later["not_in_force"]  # type: ignore[operator]


def test_parameters_in_force_of_an_unknown_profile() -> None:
    with pytest.raises(UnknownProfile, match="unknown profile 'x'; known profiles: baanbrekers-2026"):
        parameters_in_force("x", date(2026, 1, 1))


def test_parameter_gaps_on_the_shipped_parameters() -> None:
    """The norms and the asset limits end 2026-12-31 (legal-rules.md section 7)."""
    gaps = rules.parameter_gaps("landelijk", date(2026, 11, 23), 90)
    norms = [gap for gap in gaps if gap["file"] == "norms.yaml"]
    assert len(norms) == 9 and all(
        (gap["status"], gap["ends_on"], gap["gap_from"]) == ("ending", "2026-12-31", "2027-01-01")
        for gap in norms
    )
    limits = [gap for gap in gaps if gap["file"] == "asset_limits.yaml"]
    assert {gap["name"] for gap in limits} == {
        "asset_limit.alleenstaande",
        "asset_limit.alleenstaande_ouder",
        "asset_limit.gehuwden",
        "asset_limit.own_home_equity",
    }
    assert all(
        (g["status"], g["ends_on"], g["gap_from"]) == ("ending", "2026-12-31", "2027-01-01") for g in limits
    )
    assert gaps == sorted(gaps, key=lambda gap: (gap["gap_from"], gap["name"]))
    # a short horizon does not reach the end of the norms and asset limits; on 2027-01-02 they are missing
    assert rules.parameter_gaps("landelijk", date(2026, 11, 23), 30) == []
    missing = rules.parameter_gaps("landelijk", date(2027, 1, 2), 0)
    assert {gap["file"] for gap in missing} == {"norms.yaml", "asset_limits.yaml"}
    assert {gap["status"] for gap in missing} == {"missing"}
    assert rules.parameter_gaps("landelijk", date(2026, 1, 1), 90) == []


def _parameter(*periods: tuple[date, date | None]) -> Parameter:
    values = tuple(DatedValue(start, end, Decimal("1"), "confirmed") for start, end in periods)
    return Parameter("p", "euro", "test", "law", "test.yaml", values)


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        # open-ended: never a gap
        (((date(2026, 1, 1), None),), None),
        # two contiguous values reaching past the horizon
        (((date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2027, 12, 31))), None),
        # two contiguous values, the second ending within the horizon
        (
            ((date(2026, 1, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 7, 31))),
            ("ending", date(2026, 7, 31), date(2026, 8, 1)),
        ),
        # the last value ended before today
        (((date(2025, 1, 1), date(2025, 12, 31)),), ("missing", date(2025, 12, 31), date(2026, 1, 1))),
        # only a value from the future
        (((date(2026, 9, 1), None),), ("missing", None, date(2026, 6, 1))),
    ],
)
def test_first_gap(periods, expected) -> None:
    assert _first_gap(_parameter(*periods), date(2026, 6, 1), date(2026, 8, 30)) == expected


def test_parameter_gaps_of_an_unknown_profile() -> None:
    with pytest.raises(UnknownProfile):
        rules.parameter_gaps("nergensland", date(2026, 1, 1))
