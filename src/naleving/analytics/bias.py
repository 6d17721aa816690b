"""The bias check of datasets.md, as pure arithmetic on group counts (no DuckDB, no SciPy).

For each attribute and each group g: population n_g, selected s_g, rate r_g = s_g / n_g.

- Demographic parity ratio = min r_g / max r_g, difference = max r_g - min r_g, over the groups with
  n_g >= min_group_size (fairlearn's `demographic_parity_ratio` / `_difference` on those groups). When the
  highest rate is 0 (nobody selected) the ratio is undefined: null, as fairlearn's NaN.
- Pearson's chi-square test of independence on the 2 x k table (selected / not selected x the k groups
  with n_g > 0), without continuity correction, k - 1 degrees of freedom; Cramér's V = sqrt(chi2 / N).
  These equal scipy's `chi2_contingency(table, correction=False)`. With k = 1 that gives chi2 = 0, p = 1.
  When nobody or everybody is selected the expected counts of a row are zero and the statistic is
  undefined (scipy raises): chi2, p_value and cramers_v are then null.
- Verdict: `flag` when p < 0.05 and parity ratio < 0.8; `insufficient_data` when no group has
  n_g >= min_group_size; otherwise `ok`.

The p-value is the chi-square survival function, computed as the regularized upper incomplete gamma
function Q(k/2, chi2/2) (series and continued fraction, Numerical Recipes 6.2), accurate to about 1e-13.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

SIGNIFICANCE = 0.05
FOUR_FIFTHS = 0.8

VERDICT_OK = "ok"
VERDICT_FLAG = "flag"
VERDICT_INSUFFICIENT = "insufficient_data"


@dataclass(frozen=True)
class ChiSquare:
    chi2: float
    p_value: float
    cramers_v: float
    dof: int


def attribute_report(counts: Mapping[str, tuple[int, int]], min_group_size: int) -> dict[str, object]:
    """The bias report of one attribute from {group: (n, s)}, in the order of `counts`."""
    groups = {name: {"n": n, "s": s, "rate": (s / n) if n > 0 else None} for name, (n, s) in counts.items()}
    eligible = [s / n for n, s in counts.values() if n >= min_group_size]
    ratio: float | None = None
    difference: float | None = None
    if eligible:
        low, high = min(eligible), max(eligible)
        ratio = low / high if high > 0 else None
        difference = high - low
    test = chi_square([(n, s) for n, s in counts.values() if n > 0])
    return {
        "groups": groups,
        "parity_ratio": ratio,
        "parity_difference": difference,
        "chi2": test.chi2 if test else None,
        "p_value": test.p_value if test else None,
        "cramers_v": test.cramers_v if test else None,
        "verdict": verdict(bool(eligible), ratio, test.p_value if test else None),
    }


def verdict(any_eligible: bool, parity_ratio: float | None, p_value: float | None) -> str:
    if not any_eligible:
        return VERDICT_INSUFFICIENT
    if (
        p_value is not None
        and parity_ratio is not None
        and p_value < SIGNIFICANCE
        and parity_ratio < FOUR_FIFTHS
    ):
        return VERDICT_FLAG
    return VERDICT_OK


def chi_square(groups: list[tuple[int, int]]) -> ChiSquare | None:
    """Pearson's chi-square on the 2 x k table of [(n_g, s_g)]; None when a row total is zero."""
    total = sum(n for n, _ in groups)
    selected = sum(s for _, s in groups)
    if total == 0 or selected == 0 or selected == total:
        return None
    statistic = 0.0
    for n, s in groups:
        expected_selected = n * selected / total
        expected_other = n * (total - selected) / total
        statistic += (s - expected_selected) ** 2 / expected_selected
        statistic += ((n - s) - expected_other) ** 2 / expected_other
    dof = len(groups) - 1
    p_value = chi2_sf(statistic, dof) if dof > 0 else 1.0
    return ChiSquare(statistic, p_value, math.sqrt(statistic / total), dof)


def chi2_sf(x: float, dof: int) -> float:
    """P(X >= x) for X chi-square distributed with `dof` degrees of freedom."""
    if dof <= 0:
        raise ValueError("degrees of freedom must be positive")
    if x <= 0:
        return 1.0
    return gamma_q(dof / 2.0, x / 2.0)


_EPS = 1e-15
_TINY = 1e-300
_MAX_ITERATIONS = 100_000


def gamma_q(a: float, x: float) -> float:
    """The regularized upper incomplete gamma function Q(a, x) = Gamma(a, x) / Gamma(a)."""
    if x <= 0.0:
        return 1.0
    if x < a + 1.0:
        return max(0.0, 1.0 - _gamma_p_series(a, x))
    return _gamma_q_continued_fraction(a, x)


def _prefactor(a: float, x: float) -> float:
    return math.exp(-x + a * math.log(x) - math.lgamma(a))


def _gamma_p_series(a: float, x: float) -> float:
    term = total = 1.0 / a
    denominator = a
    for _ in range(_MAX_ITERATIONS):
        denominator += 1.0
        term *= x / denominator
        total += term
        if abs(term) < abs(total) * _EPS:
            break
    return total * _prefactor(a, x)


def _gamma_q_continued_fraction(a: float, x: float) -> float:
    # Modified Lentz's method for the continued fraction of Gamma(a, x).
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITERATIONS):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = _TINY if abs(d) < _TINY else d
        c = b + an / c
        c = _TINY if abs(c) < _TINY else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h * _prefactor(a, x)
