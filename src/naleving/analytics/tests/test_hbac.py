"""The unsupervised bias scan (HBAC): a planted cluster with a deviating error rate is found and described
in Dutch; data without one gives no significant cluster; the same seed gives the same result."""

import numpy as np
import pytest

from naleving.analytics import hbac
from naleving.analytics.hbac import BOOLEAN, CATEGORICAL, NUMERIC, Feature, Parameters
from naleving.testing.lazy import lazy

stats = lazy("scipy.stats")  # for the comparison, loaded where a test uses it (naleving.testing.lazy)

FEATURES = (
    Feature("distinct_plates", "het aantal kentekens", NUMERIC),
    Feature("car_on_name", "een auto op naam", BOOLEAN),
    Feature("reason", "de reden", CATEGORICAL, {"handel": "handel", "lease": "lease"}),
)


def _data(n: int, planted: bool, seed: int = 7):
    """n selected residents; with `planted`, those with a car on their name and many plates (about a
    quarter) are investigated for nothing 85 % of the time, the others 30 %. Without: 40 % for everyone."""
    rng = np.random.default_rng(seed)
    records, outcomes = [], []
    for _ in range(n):
        group = rng.random() < 0.25
        record = {
            "distinct_plates": int(rng.integers(6, 10) if group else rng.integers(3, 6)),
            "car_on_name": bool(rng.random() < (0.9 if group else 0.2)),
            "reason": "handel" if rng.random() < 0.5 else "lease",
        }
        rate = (0.85 if group else 0.30) if planted else 0.40
        records.append(record)
        outcomes.append(bool(rng.random() < rate))
    return records, outcomes


def test_a_planted_cluster_is_found_and_described():
    records, outcomes = _data(400, planted=True)
    result = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=20, seed=1))
    assert result["status"] == "ok"
    top = result["clusters"][0]
    assert top["significant"] is True
    assert top["difference"] > 0.3
    # the cluster is (nearly all of) the planted group: many plates, a car on the name
    assert top["error_rate"] > 0.75 and top["rest_error_rate"] < 0.4
    profile = {p["feature"]: p for p in top["profile"]}
    assert profile["distinct_plates"]["cluster"] > profile["distinct_plates"]["rest"] + 2
    sentences = " ".join(top["sentences"])
    assert "In deze groep hebben meer mensen een auto op naam (" in sentences
    assert "In deze groep is het aantal kentekens gemiddeld hoger (" in sentences
    # the reason was not planted: no sentence about it
    assert "de reden" not in sentences


def test_without_a_planted_cluster_nothing_is_significant():
    records, outcomes = _data(400, planted=False)
    result = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=20, seed=1))
    assert result["status"] == "ok"
    assert result["clusters"]
    assert not any(c["significant"] for c in result["clusters"])


def test_the_same_seed_gives_the_same_result():
    records, outcomes = _data(300, planted=True)
    first = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=15, seed=3))
    again = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=15, seed=3))
    assert first == again


def test_residents_without_an_outcome_are_left_out_and_too_few_is_said():
    records, outcomes = _data(60, planted=True)
    outcomes = [None] * 45 + outcomes[45:]
    result = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=10))
    assert (result["units"], result["with_outcome"]) == (60, 15)
    assert result["status"] == "too_few_outcomes"
    assert result["clusters"] == []


def test_clusters_are_at_least_min_cluster_size_and_cover_everyone():
    records, outcomes = _data(400, planted=True)
    result = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=30, seed=1))
    sizes = [c["size"] for c in result["clusters"]]
    assert min(sizes) >= 30
    assert sum(sizes) == 400


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b"),
    [(40, 100, 20, 100), (3, 10, 30, 40), (0, 12, 5, 50)],
)
def test_the_proportion_test_equals_scipy(a, n_a, b, n_b):
    name, p = hbac.proportion_test(a, n_a, b, n_b)
    table = np.array([[a, n_a - a], [b, n_b - b]])
    expected = stats.contingency.expected_freq(table)
    if expected.min() < 5:
        assert name == "fisher"
        assert p == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-12)
    else:
        # the pooled two-proportion z-test is the chi-square test without continuity correction
        assert name == "z"
        assert p == pytest.approx(stats.chi2_contingency(table, correction=False).pvalue, rel=1e-9)


def test_dutch_numbers():
    assert hbac.pct(0.724) == "72 %"
    assert hbac.number(2.45) == "2,5"
    assert hbac.number(3.0) == "3"
    assert hbac.number(12345.0) == "12.345"


def test_the_search_adjusted_p_value_counts_the_shuffles():
    records, outcomes = _data(200, planted=True)
    result = hbac.scan(records, outcomes, FEATURES, Parameters(min_cluster_size=20, seed=1, permutations=19))
    top = result["clusters"][0]
    # nothing shuffled reaches the planted bias: the smallest p 19 shuffles can give
    assert top["p_adjusted"] == pytest.approx(1 / 20)
    assert result["parameters"]["permutations"] == 19
    assert all(0 < c["p_adjusted"] <= 1 for c in result["clusters"])
