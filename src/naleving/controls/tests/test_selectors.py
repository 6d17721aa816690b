"""The lift and its confidence interval, checked against scipy on the same counts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from naleving.controls.selectors import Effectiveness, GroupOutcome
from naleving.investigations.choices import Outcome, Status
from naleving.testing.lazy import lazy

stats = lazy("scipy.stats")


def _group(closed: int, breaches: int, start: int = 0) -> GroupOutcome:
    group = GroupOutcome()
    for i in range(closed):
        outcome = Outcome.SCHENDING if i < breaches else Outcome.GEEN_SCHENDING
        group.add(start + i, (start + i, Status.AFGEROND, outcome, Decimal("100.00")))
    return group


def _effect(a: int, n1: int, c: int, n2: int) -> Effectiveness:
    return Effectiveness(selected=_group(n1, a), control=_group(n2, c, start=10_000))


def test_lift_interval_by_hand():
    effect = _effect(12, 20, 3, 20)  # 60 % against 15 %: lift 4
    assert effect.lift == pytest.approx(4.0)
    low, high = effect.lift_interval
    # exp(ln 4 ± 1.959964 · √(1/12 − 1/20 + 1/3 − 1/20)) = 1.3276 … 12.052
    assert (low, high) == (pytest.approx(1.3276, abs=1e-4), pytest.approx(12.052, abs=1e-3))
    assert effect.lift_conclusion == "hoger"


def test_lift_interval_holding_one_is_uncertain():
    effect = _effect(2, 5, 1, 5)
    assert effect.lift == pytest.approx(2.0)
    low, high = effect.lift_interval
    assert low < 1 < high and effect.lift_conclusion == "onzeker"


def test_lift_interval_below_one():
    effect = _effect(5, 100, 40, 100)
    assert effect.lift_interval[1] < 1 and effect.lift_conclusion == "lager"


@pytest.mark.parametrize(
    ("a", "n1", "c", "n2"),
    [(0, 5, 2, 5), (3, 5, 0, 5), (0, 0, 0, 0), (2, 4, 0, 0)],
)
def test_no_interval_without_a_breach_in_each_group(a, n1, c, n2):
    effect = _effect(a, n1, c, n2)
    assert effect.lift_interval is None and effect.lift_conclusion is None


@given(
    st.integers(1, 60).flatmap(lambda n1: st.tuples(st.integers(1, n1), st.just(n1))),
    st.integers(1, 60).flatmap(lambda n2: st.tuples(st.integers(1, n2), st.just(n2))),
)
def test_lift_and_interval_equal_scipy(selected, control):
    (a, n1), (c, n2) = selected, control
    effect = _effect(a, n1, c, n2)
    expected = stats.contingency.relative_risk(a, n1, c, n2)
    interval = expected.confidence_interval(confidence_level=0.95)
    assert effect.lift == pytest.approx(expected.relative_risk)
    assert effect.lift_interval == (pytest.approx(interval.low), pytest.approx(interval.high))
