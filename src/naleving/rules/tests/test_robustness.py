"""Odd and huge input never crashes the engine (Hypothesis): every request either gets a decision or a
`RulesError` (the CLI's exit 2 with a JSON error naming the field)."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from naleving.rules import RulesError, evaluate, parse_request, response_to_dict
from naleving.rules.cli import main
from naleving.rules.tests.helpers import BASE_REQUEST, merge
from naleving.rules.tests.strategies import reproducible

SETTINGS = reproducible(300)

huge_numbers = st.sampled_from(
    [
        "123456789012345678901234567",
        "1e400",
        "-1e-400",
        "NaN",
        "Infinity",
        "0.001",
        "999999999999.99",
        "1000000000000",
        "9" * 60,
        "0." + "0" * 40 + "1",
        "",
        " 12 ",
        "1_000",
        "١٢٣",
    ]
)
odd_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | huge_numbers
    | st.text(max_size=12)
    | st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "20260101", "2027-01-05"])
)
odd_values = st.recursive(
    odd_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
PATHS = [
    ("decision_date",),
    ("benadelingsbedrag",),
    ("regulation",),
    ("profile",),
    ("culpability",),
    ("violation",),
    ("violation", "start"),
    ("violation", "end"),
    ("violation", "detected_on"),
    ("violation", "self_reported_on"),
    ("violation", "limitation_paused_days"),
    ("violation", "source_known"),
    ("monthly",),
    ("history",),
    ("household", "kostendelers"),
    ("household", "age_band"),
    ("income", "on_benefit"),
    ("judgements", "urgent_reasons_recovery"),
    ("judgements", "recovery_amount"),
    ("cooperation",),
]


def _set(request: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    override: Any = value
    for key in reversed(path):
        override = {key: override}
    if value is None:
        return merge(request, {path[0]: None}) if len(path) == 1 else request
    return merge(request, override)


@st.composite
def odd_requests(draw: st.DrawFn) -> dict[str, Any]:
    request = dict(BASE_REQUEST)
    for path in draw(st.lists(st.sampled_from(PATHS), min_size=1, max_size=3, unique=True)):
        request = _set(request, path, draw(odd_values))
    history = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.sampled_from(["boete", "waarschuwing", "strafrechtelijk", "x"]),
                    "kind": st.just("income"),
                },
                optional={
                    "date": odd_scalars,
                    "irrevocable_on": odd_scalars,
                    "irrevocable": odd_scalars,
                    "prison_sentence": odd_scalars,
                },
            ),
            max_size=2,
        )
    )
    if history:
        request["history"] = history
    return request


@SETTINGS
@given(odd_requests())
def test_odd_input_gives_a_decision_or_an_error_naming_the_field(request: dict[str, Any]) -> None:
    try:
        response = response_to_dict(evaluate(parse_request(request)))
    except RulesError as exc:  # RuleInputError, or ParameterNotInForce for an odd decision date
        assert str(exc)
        return
    json.dumps(response)  # JSON-ready all the way down
    assert Decimal(response["benadelingsbedrag"]).adjusted() < 12


@SETTINGS
@given(odd_requests())
def test_the_cli_exits_0_or_2_with_json_on_odd_input(request: dict[str, Any]) -> None:
    out = io.StringIO()
    code = main(["decide"], io.StringIO(json.dumps(request, default=str)), out)
    data = json.loads(out.getvalue())
    assert code in (0, 2)
    if code == 2:
        assert set(data["error"]) == {"code", "message", "field"}


def test_a_number_beyond_the_digit_limit_or_deep_nesting_is_invalid_json() -> None:
    for text in ('{"benadelingsbedrag": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000):
        out = io.StringIO()
        assert main(["decide"], io.StringIO(text), out) == 2
        assert json.loads(out.getvalue())["error"]["code"] == "invalid_json"


def test_a_27_digit_amount_exits_2_naming_the_field() -> None:
    out = io.StringIO()
    request = merge(BASE_REQUEST, {"benadelingsbedrag": 123456789012345678901234567})
    assert main(["decide"], io.StringIO(json.dumps(request)), out) == 2
    assert json.loads(out.getvalue())["error"]["field"] == "benadelingsbedrag"
