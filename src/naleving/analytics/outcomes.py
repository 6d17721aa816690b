"""Outcome fairness of a filter (issue #23), as pure arithmetic on group counts.

The selection check (`bias.py`) asks who is selected. This asks what happened to them, per group g of an
attribute (age band, sex, household type, district):

Among the selected (hits, not the control group), from the investigations closed with an outcome:
- n_outcome: how many have an outcome; no_breach: no breach found; sanctioned: a sanction followed.
- FDR (false discovery rate) = no_breach / n_outcome: the share investigated for nothing.
- sanctioned share = sanctioned / n_outcome.
From the random control group (drawn from the clients the filter did NOT select):
- base rate b_g = control breaches / control outcomes: the breach rate among the non-selected.

Estimated error rates of the filter per group (an estimate, not a count): with population n_g, selected s_g,
precision among the selected p_g = 1 - FDR_g and base rate b_g,
    TP_g = s_g·p_g,  FP_g = s_g·(1 - p_g),  FN_g = (n_g - s_g)·b_g,  TN_g = (n_g - s_g)·(1 - b_g),
    TPR_g = TP_g / (TP_g + FN_g)  (people with a breach who are found),
    FPR_g = FP_g / (FP_g + TN_g)  (people without a breach who get selected).
Because the control group is drawn from the non-selected, the positives are TP_g + (n_g - s_g)·b_g (not
n_g·b_g): this keeps both rates inside [0, 1] (they are clipped there anyway). The 95 % interval of each
comes from the Wilson intervals of p_g and b_g: TPR rises with p and falls with b, FPR the other way round,
so the interval's ends are the rate at the matching ends of the two Wilson intervals. That interval holds
the two uncertainties together, so it is wider than a joint 95 % interval would be; it says how far the
estimate can be trusted, not more.

Ratios against the best-off group: among the groups with n_outcome >= min_group_size, the one with the
lowest FDR (lowest estimated FPR for the FPR ratio); each group's ratio = its rate / that rate (None when
the best-off rate is 0). Significance of each group's FDR against the best-off group: the 2 x 2 table
(no breach, breach) x (group, best-off group), Fisher's exact test (two-sided, scipy's `fisher_exact`) when
any expected cell is below 5, else Pearson's chi-square without continuity correction (scipy's
`chi2_contingency(table, correction=False)`, as the selection check).

Verdict per attribute: `insufficient_data` when fewer than two groups have n_outcome >= min_group_size;
`flag` when an eligible group's FDR ratio lies outside 0.8-1.25 with p < 0.05 (a best-off FDR of 0 against a
group with FDR > 0 counts as outside); otherwise `ok`. The FPR ratio is shown, not tested: it is an estimate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

from naleving.analytics.bias import SIGNIFICANCE, VERDICT_FLAG, VERDICT_INSUFFICIENT, VERDICT_OK

#: a ratio inside this band counts as even-handed (the four-fifths rule, both ways)
RATIO_BAND = (0.8, 1.25)
#: groups need this many selected people with an outcome to be compared (smaller ones are shown, not used):
#: the threshold of the public figures; a small group is only flagged when Fisher's exact test finds its
#: difference significant, so a few unlucky outcomes do not flag it
MIN_OUTCOMES = 5
#: z for a two-sided 95 % interval
Z95 = NormalDist().inv_cdf(0.975)
FISHER = "fisher"
CHI_SQUARE = "chi2"


@dataclass(frozen=True)
class GroupCounts:
    """What is known of one group: its population and selection (from the run's bias check), the
    selected with an outcome, and the control group with an outcome."""

    population: int = 0
    selected: int = 0
    with_outcome: int = 0
    no_breach: int = 0
    sanctioned: int = 0
    control_with_outcome: int = 0
    control_breaches: int = 0

    def __add__(self, other: GroupCounts) -> GroupCounts:
        return GroupCounts(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))


def _fields(counts: GroupCounts) -> tuple[int, ...]:
    return (
        counts.population,
        counts.selected,
        counts.with_outcome,
        counts.no_breach,
        counts.sanctioned,
        counts.control_with_outcome,
        counts.control_breaches,
    )


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of successes / trials; None without trials."""
    if trials <= 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - margin), min(1.0, centre + margin)


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def error_rates(n: int, s: int, precision: float, base_rate: float) -> tuple[float | None, float | None]:
    """(TPR, FPR) of the filter in a group, estimated as the module docstring says; None when undefined."""
    tp, fp = s * precision, s * (1 - precision)
    fn, tn = (n - s) * base_rate, (n - s) * (1 - base_rate)
    tpr = _clip(tp / (tp + fn)) if tp + fn > 0 else None
    fpr = _clip(fp / (fp + tn)) if fp + tn > 0 else None
    return tpr, fpr


@dataclass(frozen=True)
class Test:
    method: str
    p_value: float


def compare(group: tuple[int, int], best: tuple[int, int]) -> Test | None:
    """Test (no_breach, with_outcome) of a group against the best-off group: Fisher when an expected cell
    is below 5, chi-square (no correction) otherwise; None when a row or column of the table is empty."""
    table = [[group[0], group[1] - group[0]], [best[0], best[1] - best[0]]]
    rows = [sum(r) for r in table]
    columns = [table[0][j] + table[1][j] for j in range(2)]
    total = sum(rows)
    if total == 0 or 0 in rows or 0 in columns:
        return None
    expected = [rows[i] * columns[j] / total for i in range(2) for j in range(2)]
    # scipy.stats is imported when a test is made, not with the module: the module is imported by every page
    # of the web app (the team leads' to-do list names the flagged reviews) and scipy.stats took a second of
    # every web or management process's start-up.
    from scipy.stats import chi2_contingency, fisher_exact

    if min(expected) < 5:
        return Test(FISHER, float(fisher_exact(table).pvalue))
    return Test(CHI_SQUARE, float(chi2_contingency(table, correction=False).pvalue))


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole > 0 else None


def _group(c: GroupCounts) -> dict[str, Any]:
    fdr = _rate(c.no_breach, c.with_outcome)
    base = _rate(c.control_breaches, c.control_with_outcome)
    tpr = fpr = None
    tpr_ci = fpr_ci = None
    if fdr is not None and base is not None and c.population > 0:
        tpr, fpr = error_rates(c.population, c.selected, 1 - fdr, base)
        p_ci = wilson(c.with_outcome - c.no_breach, c.with_outcome)
        b_ci = wilson(c.control_breaches, c.control_with_outcome)
        if p_ci and b_ci:
            low_t, _ = error_rates(c.population, c.selected, p_ci[0], b_ci[1])
            high_t, _ = error_rates(c.population, c.selected, p_ci[1], b_ci[0])
            _, low_f = error_rates(c.population, c.selected, p_ci[1], b_ci[0])
            _, high_f = error_rates(c.population, c.selected, p_ci[0], b_ci[1])
            tpr_ci = None if low_t is None or high_t is None else [low_t, high_t]
            fpr_ci = None if low_f is None or high_f is None else [low_f, high_f]
    fdr_ci = wilson(c.no_breach, c.with_outcome)
    base_ci = wilson(c.control_breaches, c.control_with_outcome)
    return {
        "population": c.population,
        "selected": c.selected,
        "n_outcome": c.with_outcome,
        "no_breach": c.no_breach,
        "sanctioned": c.sanctioned,
        "fdr": fdr,
        "fdr_ci": list(fdr_ci) if fdr_ci else None,
        "sanctioned_share": _rate(c.sanctioned, c.with_outcome),
        "control_n_outcome": c.control_with_outcome,
        "control_breaches": c.control_breaches,
        "base_rate": base,
        "base_rate_ci": list(base_ci) if base_ci else None,
        "tpr": tpr,
        "tpr_ci": tpr_ci,
        "fpr": fpr,
        "fpr_ci": fpr_ci,
        "fdr_ratio": None,
        "fpr_ratio": None,
        "test": None,
        "p_value": None,
    }


def attribute_outcomes(
    counts: Mapping[str, GroupCounts], min_group_size: int = MIN_OUTCOMES
) -> dict[str, Any]:
    """The outcome report of one attribute from {group: GroupCounts}, in the order of `counts`."""
    groups = {name: _group(c) for name, c in counts.items()}
    fdrs = {
        name: c.no_breach / c.with_outcome for name, c in counts.items() if c.with_outcome >= min_group_size
    }
    best = min(fdrs, key=lambda g: fdrs[g]) if fdrs else None
    flagged = False
    if best is not None:
        best_counts = (counts[best].no_breach, counts[best].with_outcome)
        for name, fdr in fdrs.items():
            ratio = fdr / fdrs[best] if fdrs[best] > 0 else (1.0 if fdr == 0 else math.inf)
            groups[name]["fdr_ratio"] = ratio if math.isfinite(ratio) else None
            if name == best:
                continue
            test = compare((counts[name].no_breach, counts[name].with_outcome), best_counts)
            if test is not None:
                groups[name]["test"], groups[name]["p_value"] = test.method, test.p_value
                outside = not (RATIO_BAND[0] <= ratio <= RATIO_BAND[1])
                flagged = flagged or (outside and test.p_value < SIGNIFICANCE)
        fprs = {name: fpr for name in fdrs if isinstance(fpr := groups[name]["fpr"], float)}
        low = min(fprs.values()) if fprs else 0.0
        for name, fpr in fprs.items():
            groups[name]["fpr_ratio"] = fpr / low if low > 0 else None
    verdict = VERDICT_INSUFFICIENT if len(fdrs) < 2 else VERDICT_FLAG if flagged else VERDICT_OK
    return {"groups": groups, "best_group": best, "verdict": verdict}


def outcome_report(
    counts: Mapping[str, Mapping[str, GroupCounts]], min_group_size: int = MIN_OUTCOMES
) -> dict[str, object]:
    """{attribute: attribute_outcomes} plus `flagged` (any attribute flagged) and `min_group_size`."""
    attributes = {name: attribute_outcomes(c, min_group_size) for name, c in counts.items()}
    return {
        "attributes": attributes,
        "flagged": any(a["verdict"] == VERDICT_FLAG for a in attributes.values()),
        "min_group_size": min_group_size,
    }
