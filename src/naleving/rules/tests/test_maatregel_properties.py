"""Property tests (Hypothesis) of the maatregel: odd input never crashes, no reduction without blame or with
dringende redenen, the amounts follow from the norm, recidive never shortens a reduction, and the engine is
deterministic. On the shipped files plus the test profile with figures (`maatregel_helpers`)."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from naleving.rules import (
    OBLIGATIONS,
    Breach,
    Household,
    MaatregelHistoryItem,
    MaatregelJudgements,
    MaatregelRequest,
    RulesError,
    evaluate,
    norm,
    parse_request,
    request_to_dict,
    response_to_dict,
)
from naleving.rules.cli import main
from naleving.rules.model import CULPABILITIES
from naleving.rules.tests.maatregel_helpers import MAATREGEL_REQUEST, PROFILE, figures_registry, merge
from naleving.rules.tests.strategies import reproducible
from naleving.rules.tests.test_robustness import odd_values

SETTINGS = reproducible(200)
FIRST, LAST = date(2026, 1, 1), date(2026, 12, 31)  # the days the shipped norms cover
PATHS = [
    ("kind",),
    ("decision_date",),
    ("regulation",),
    ("profile",),
    ("culpability",),
    ("obligation",),
    ("obligation", "code"),
    ("obligation", "breached_on"),
    ("obligation", "category"),
    ("history",),
    ("household",),
    ("household", "type"),
    ("household", "kostendelers"),
    ("judgements", "urgent_reasons_maatregel"),
]


@st.composite
def odd_maatregel_requests(draw: st.DrawFn) -> dict[str, Any]:
    request = dict(MAATREGEL_REQUEST)
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3, unique=True)):
        value = draw(odd_values)
        override: Any = value
        for key in reversed(path):
            override = {key: override}
        request = merge(request, override) if value is not None else request
    history = draw(
        st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["maatregel", "boete", "x"])},
                optional={"obligation": st.sampled_from([*OBLIGATIONS, "pw_x", 5]), "date": odd_values},
            ),
            max_size=2,
        )
    )
    if history:
        request["history"] = history
    return request


@SETTINGS
@given(odd_maatregel_requests())
def test_odd_maatregel_input_gives_a_decision_or_an_error(request: dict[str, Any]) -> None:
    registry = figures_registry()
    try:
        response = response_to_dict(evaluate(parse_request(request, registry=registry), registry))
    except RulesError as exc:
        assert str(exc)
        return
    json.dumps(response)


@SETTINGS
@given(odd_maatregel_requests())
def test_the_cli_exits_0_or_2_on_odd_maatregel_input(request: dict[str, Any]) -> None:
    out = io.StringIO()
    code = main(["decide"], io.StringIO(json.dumps(request, default=str)), out, figures_registry())
    assert code in (0, 2)
    if code == 2:
        assert set(json.loads(out.getvalue())["error"]) == {"code", "message", "field"}


days = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def maatregel_requests(draw: st.DrawFn, culpability: str | None = None) -> MaatregelRequest:
    decision_date = draw(days)
    breached_on = draw(st.dates(min_value=FIRST, max_value=decision_date))
    code = draw(st.sampled_from(list(OBLIGATIONS)))
    category = draw(st.sampled_from([1, 2, 3])) if not OBLIGATIONS[code].mandatory else None
    history = draw(
        st.lists(
            st.builds(
                MaatregelHistoryItem,
                type=st.just("maatregel"),
                date=st.dates(min_value=date(2024, 1, 1), max_value=decision_date),
                obligation=st.sampled_from(list(OBLIGATIONS)),
            ),
            max_size=3,
        )
    )
    return MaatregelRequest(
        decision_date=decision_date,
        obligation=Breach(code=code, breached_on=breached_on, category=category),
        culpability=culpability or draw(st.sampled_from(CULPABILITIES)),
        history=tuple(history),
        household=Household(
            type=draw(st.sampled_from(["alleenstaande", "alleenstaande_ouder", "gehuwden"])),
            kostendelers=draw(st.integers(min_value=1, max_value=6)),
            age_band=draw(st.sampled_from(["21_to_aow", "18_to_20", "aow"])),
        ),
        judgements=MaatregelJudgements(urgent_reasons_maatregel=draw(st.booleans())),
        profile=PROFILE,
    )


@SETTINGS
@given(maatregel_requests(culpability="geen"))
def test_no_blame_never_reduces(request: MaatregelRequest) -> None:
    outcome = evaluate(request, figures_registry()).maatregel
    assert (outcome.type, outcome.reason, outcome.total_amount) == ("geen", "geen_verwijtbaarheid", None)


@SETTINGS
@given(maatregel_requests())
def test_dringende_redenen_never_reduce(request: MaatregelRequest) -> None:
    urgent = replace(request, judgements=MaatregelJudgements(urgent_reasons_maatregel=True))
    assert evaluate(urgent, figures_registry()).maatregel.type == "geen"


@SETTINGS
@given(maatregel_requests())
def test_the_amounts_follow_from_the_norm(request: MaatregelRequest) -> None:
    registry = figures_registry()
    outcome = evaluate(request, registry).maatregel
    if outcome.type == "geen":
        assert request.culpability == "geen" or request.judgements.urgent_reasons_maatregel
        return
    household = request.household
    assert outcome.norm == norm(
        household.type, household.age_band, household.kostendelers, request.decision_date, registry
    )
    assert (
        outcome.percentage is not None and outcome.months is not None and outcome.monthly_amount is not None
    )
    assert outcome.monthly_amount == (outcome.norm * outcome.percentage / 100).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert outcome.monthly_amount <= outcome.norm
    assert outcome.total_amount == outcome.monthly_amount * outcome.months
    if OBLIGATIONS[request.obligation.code].mandatory:
        assert outcome.percentage == 100 and 1 <= outcome.months <= 3
    else:
        assert not outcome.recidive


@SETTINGS
@given(maatregel_requests())
def test_an_earlier_reduction_never_shortens_one(request: MaatregelRequest) -> None:
    registry = figures_registry()
    before = evaluate(request, registry).maatregel
    earlier = MaatregelHistoryItem(
        type="maatregel", obligation="pw_18_4_a", date=request.obligation.breached_on - timedelta(days=30)
    )
    after = evaluate(replace(request, history=(*request.history, earlier)), registry).maatregel
    assert (after.months or 0) >= (before.months or 0)


@SETTINGS
@given(maatregel_requests())
def test_the_engine_is_deterministic_and_replays(request: MaatregelRequest) -> None:
    registry = figures_registry()
    first = response_to_dict(evaluate(request, registry))
    stored = json.loads(json.dumps(request_to_dict(request)))
    assert response_to_dict(evaluate(parse_request(stored, registry=registry), registry)) == first
