"""common.ordering: rows read unordered, put in their model's order in Python exactly as the database would."""

from datetime import date
from decimal import Decimal

import pytest

from naleving.claims.models import Aflossing
from naleving.common.ordering import in_model_order
from naleving.signals.models import Signal


def test_descending_model_order_with_the_id_breaking_ties():
    # Signal: ordering = ["-received_on", "-id"]
    rows = [
        Signal(id=1, received_on=date(2026, 3, 1)),
        Signal(id=3, received_on=date(2026, 1, 1)),
        Signal(id=2, received_on=date(2026, 3, 1)),
        Signal(id=4, received_on=date(2026, 5, 1)),
    ]
    assert [row.id for row in in_model_order(rows)] == [4, 2, 1, 3]


def test_ascending_model_order_and_the_input_left_alone():
    # Aflossing: ordering = ["paid_on", "id"]
    rows = [
        Aflossing(id=5, paid_on=date(2026, 2, 1), amount=Decimal(1)),
        Aflossing(id=2, paid_on=date(2026, 2, 1), amount=Decimal(1)),
        Aflossing(id=9, paid_on=date(2026, 1, 1), amount=Decimal(1)),
    ]
    ordered = in_model_order(rows)
    assert [row.id for row in ordered] == [9, 2, 5]
    assert [row.id for row in rows] == [5, 2, 9]


def test_empty_values_sort_as_in_postgresql(monkeypatch):
    """NULLS LAST ascending, NULLS FIRST descending (PostgreSQL's default), then the id."""
    rows = [
        Signal(id=1, received_on=None),
        Signal(id=2, received_on=date(2026, 1, 1)),
        Signal(id=3, received_on=None),
    ]
    assert [row.id for row in in_model_order(rows)] == [3, 1, 2]
    monkeypatch.setattr(Signal._meta, "ordering", ["received_on"])
    assert [row.id for row in in_model_order(rows)] == [2, 1, 3]


@pytest.mark.parametrize("ordering", [["resident__family_name"], ["?"]])
def test_an_ordering_it_cannot_follow_is_refused(monkeypatch, ordering):
    monkeypatch.setattr(Signal._meta, "ordering", ordering)
    with pytest.raises(ValueError, match=r"signals\.Signal"):
        in_model_order([Signal(id=1, received_on=date(2026, 1, 1))])


def test_nothing_in_nothing_out():
    assert in_model_order(iter([])) == []
