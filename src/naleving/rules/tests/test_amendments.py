"""Approved parameter sets (amendments) laid over the shipped files: the engine stays pure, the application
hands it the registry."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal

import pytest

from naleving.rules import (
    Amendment,
    ParameterFileError,
    Registry,
    evaluate,
    norm,
    parameter_gaps,
    parameters_in_force,
    parse_request,
    rules_version,
)
from naleving.rules.tests.helpers import BASE_REQUEST, merge

NORM_2027 = textwrap.dedent(
    """
    scope: law
    parameters:
      - name: norm.alleenstaande.21_to_aow
        unit: EUR/month
        values:
          - {valid_from: 2027-01-01, valid_to: 2027-06-30, value: 1450.00, confidence: H,
             legal_basis: {law: Pw, article: "21", paragraph: "a", url: "https://example.org/stcrt-2026-1"}}
    """
)


def _groningen_until(end: str) -> str:
    from naleving.rules.registry import PROFILE_DIR

    text = (PROFILE_DIR / "groningen-2024.yaml").read_text(encoding="utf-8")
    return text.replace("valid_to: 2026-12-31", f"valid_to: {end}")


def test_an_approved_amount_overrides_the_shipped_one_for_its_period_only() -> None:
    shipped = Registry.load()
    amended = Registry.load(amendments=(Amendment(seq=1, parameters_text=NORM_2027),))
    assert norm("alleenstaande", "21_to_aow", 1, date(2027, 1, 1), amended) == Decimal("1450.00")
    assert norm("alleenstaande", "21_to_aow", 1, date(2026, 12, 31), amended) == Decimal("1419.46")
    assert amended.version == f"{shipped.version}+set1" and rules_version(amended) == amended.version
    entry = parameters_in_force("landelijk", date(2027, 1, 1), amended)["parameters"]
    assert isinstance(entry, dict)
    assert entry["norm.alleenstaande.21_to_aow"]["set_by"] == "beheer, set 1"  # type: ignore[index]
    request = merge(BASE_REQUEST, {"decision_date": "2027-01-05", "benadelingsbedrag": "5000"})
    response = evaluate(parse_request(request, registry=amended), amended)
    assert response.sanction.fine_amount == Decimal("870.00")  # 12 x 5 % x 1450.00
    assert response.rules_version == amended.version


def test_a_later_approval_wins_over_an_earlier_one() -> None:
    later = NORM_2027.replace("1450.00", "1460.00")
    registry = Registry.load(
        amendments=(Amendment(seq=2, parameters_text=later), Amendment(seq=1, parameters_text=NORM_2027))
    )
    assert norm("alleenstaande", "21_to_aow", 1, date(2027, 3, 1), registry) == Decimal("1460.00")
    assert registry.version.endswith("+set2")


def test_an_amendment_can_only_set_existing_amounts_of_the_same_unit() -> None:
    unknown = NORM_2027.replace("norm.alleenstaande.21_to_aow", "norm.student")
    with pytest.raises(ParameterFileError, match="unknown parameter"):
        Registry.load(amendments=(Amendment(seq=1, parameters_text=unknown),))
    wrong_unit = NORM_2027.replace("unit: EUR/month", "unit: EUR")
    with pytest.raises(ParameterFileError, match="expected unit"):
        Registry.load(amendments=(Amendment(seq=1, parameters_text=wrong_unit),))
    with pytest.raises(ParameterFileError, match="invalid YAML"):
        Registry.load(amendments=(Amendment(seq=1, parameters_text="scope: [law"),))


def test_an_approved_profile_version_extends_a_profile() -> None:
    registry = Registry.load(
        amendments=(Amendment(seq=3, profiles=(("groningen-2024", _groningen_until("2027-12-31")),)),)
    )
    assert registry.profile("groningen-2024").in_force(date(2027, 6, 1))
    assert not Registry.load().profile("groningen-2024").in_force(date(2027, 6, 1))
    request = merge(BASE_REQUEST, {"decision_date": "2027-01-05", "profile": "groningen-2024"})
    request["income"] = {"on_benefit": False}
    assert evaluate(parse_request(request, registry=registry), registry).profile == "groningen-2024"
    assert Amendment(seq=3).parameters() == []
    gaps = parameter_gaps("groningen-2024", date(2027, 1, 2), 0, registry)
    assert {gap["file"] for gap in gaps} == {"norms.yaml", "asset_limits.yaml"}
