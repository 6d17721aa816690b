"""Property tests (Hypothesis) over requests for every profile: monotone fines, no fine without blame,
the caps hold, and the engine is deterministic."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from naleving.rules import DecisionResponse, evaluate, parse_request, request_to_dict, response_to_dict
from naleving.rules.model import DecisionRequest
from naleving.rules.tests.strategies import positive_amounts, reproducible, requests

SETTINGS = reproducible(200)
INFINITE = Decimal("Infinity")


def severity(response: DecisionResponse) -> Decimal:
    """The administrative fine, with a criminal report counting as heavier than any fine."""
    fine = response.sanction.fine_amount or Decimal(0)
    return INFINITE if response.sanction.type == "aangifte" else fine


@SETTINGS
@given(requests(), positive_amounts, positive_amounts)
def test_a_higher_benadelingsbedrag_never_gives_a_lower_fine(
    request: DecisionRequest, a: Decimal, b: Decimal
) -> None:
    low, high = sorted((a, b))
    assert severity(evaluate(replace(request, benadelingsbedrag=low))) <= severity(
        evaluate(replace(request, benadelingsbedrag=high))
    )


@SETTINGS
@given(requests(culpability="geen"))
def test_no_blame_never_fines(request: DecisionRequest) -> None:
    response = evaluate(request)
    assert response.sanction.type == "geen"
    assert response.sanction.fine_amount is None


@SETTINGS
@given(requests())
def test_the_fine_never_exceeds_150_percent_nor_any_cap(request: DecisionRequest) -> None:
    response = evaluate(request)
    fine = response.sanction.fine_amount
    if response.sanction.type != "boete":
        assert fine is None
        return
    assert fine is not None
    amount = response.benadelingsbedrag
    # 18a(1) and (5): at most the (150 %) benadelingsbedrag; without one, the EUR 150 starting amount (Bb 2(11)).
    maximum = (
        amount * (Decimal("1.5") if response.sanction.recidive else 1) if amount > 0 else Decimal("150.00")
    )
    assert fine <= maximum <= amount * Decimal("1.5") or amount == 0
    caps = next(step.inputs for step in response.trace if step.rule == "plafond")
    assert fine <= Decimal(str(caps["category_cap"]))
    if caps["draagkracht_cap"] is not None:
        assert request.income.on_benefit
        assert fine <= Decimal(str(caps["draagkracht_cap"]))


@SETTINGS
@given(requests())
def test_the_same_request_always_gives_the_same_response(request: DecisionRequest) -> None:
    first = evaluate(request)
    assert evaluate(request) == first
    again = parse_request(request_to_dict(request))  # type: ignore[arg-type]
    assert response_to_dict(evaluate(again)) == response_to_dict(first)


@SETTINGS
@given(requests(), st.sampled_from(("polisadministratie",)))
def test_an_exempt_fact_is_never_sanctioned(request: DecisionRequest, source: str) -> None:
    exempt = replace(
        request, profile="groningen-2024", violation=replace(request.violation, source_known=source)
    )
    response = evaluate(exempt)
    assert response.breach is False
    assert response.sanction.type == "geen"
    assert response.recovery.required is False
