"""When a besluit becomes irrevocable, in each state of its chain of objection and appeals, and how many days
the limitation term stood still (decisions.finality)."""

from datetime import date

import pytest

from naleving.decisions.finality import (
    irrevocable_on,
    objection_deadline,
    remedy_paused_days,
)
from naleving.decisions.models import Beroep, BesluitStatus, Bezwaar
from naleving.decisions.tests.factories import BesluitFactory

pytestmark = pytest.mark.django_db

#: Friday 20 February 2026: the term's last day is Goede Vrijdag 3 April, extended to Tuesday 7 April (Atw).
SENT = date(2026, 2, 20)
FINAL = date(2026, 4, 8)
LATER = date(2027, 6, 1)


def objected(besluit, **fields) -> Bezwaar:
    values = {"received_on": date(2026, 3, 20), "decide_by": date(2026, 5, 19), **fields}
    return Bezwaar.objects.create(besluit=besluit, **values)


def decided(besluit, *, decided_on=date(2026, 6, 1), sent_on=date(2026, 6, 1), outcome="ongegrond", **fields):
    """An objection decided by a new version (the decision on objection) that replaces ``besluit``."""
    new = BesluitFactory(investigation=besluit.investigation, kind="op_bezwaar", replaces=besluit,
                         decision_date=decided_on, sent_on=sent_on)  # fmt: skip
    besluit.status = BesluitStatus.VERVANGEN
    besluit.save(update_fields=["status"])
    objected(besluit, outcome=outcome, decided_on=decided_on, decision=new, **fields)
    return new


@pytest.fixture
def besluit():
    return BesluitFactory(decision_date=SENT, sent_on=SENT)


def test_not_sent_is_never_irrevocable():
    besluit = BesluitFactory(decision_date=SENT)
    assert objection_deadline(besluit) is None
    assert irrevocable_on(besluit, on=LATER) is None


def test_without_objection_the_day_after_the_atw_extended_term(besluit):
    assert objection_deadline(besluit) == date(2026, 4, 7)
    assert irrevocable_on(besluit, on=date(2026, 4, 7)) is None  # the term still runs
    assert irrevocable_on(besluit, on=FINAL) == FINAL


def test_a_running_objection_keeps_it_open(besluit):
    objected(besluit)
    assert irrevocable_on(besluit, on=LATER) is None


@pytest.mark.parametrize(
    ("withdrawn", "final"), [(date(2026, 3, 30), FINAL), (date(2026, 5, 4), date(2026, 5, 4))]
)
def test_a_withdrawn_objection_ends_with_the_term_or_the_withdrawal(besluit, withdrawn, final):
    objected(besluit, outcome="ingetrokken", decided_on=withdrawn)
    assert irrevocable_on(besluit, on=LATER) == final


def test_a_decision_on_objection_runs_its_own_beroep_term(besluit):
    new = decided(besluit)  # sent Monday 1 June: beroep until Monday 13 July
    assert irrevocable_on(new, on=date(2026, 7, 13)) is None
    assert irrevocable_on(new, on=LATER) == date(2026, 7, 14)
    assert irrevocable_on(besluit, on=LATER) == date(2026, 7, 14)  # the replaced one answers for its chain


def test_a_decision_on_objection_not_yet_sent_is_not_irrevocable(besluit):
    new = decided(besluit, sent_on=None)
    assert irrevocable_on(new, on=LATER) is None


def test_beroep_and_hoger_beroep(besluit):
    new = decided(besluit)
    beroep = Beroep.objects.create(besluit=new, instance="beroep", lodged_on=date(2026, 7, 1))
    assert irrevocable_on(new, on=LATER) is None
    beroep.outcome, beroep.outcome_on, beroep.judgment_sent_on = (
        "ongegrond",
        date(2026, 10, 1),
        date(2026, 10, 2),
    )
    beroep.save()
    assert irrevocable_on(new, on=date(2026, 11, 13)) is None  # the hoger-beroep term runs
    assert irrevocable_on(new, on=LATER) == date(2026, 11, 14)
    hoger = Beroep.objects.create(besluit=new, instance="hoger_beroep", lodged_on=date(2026, 11, 10))
    assert irrevocable_on(new, on=LATER) is None
    hoger.outcome, hoger.outcome_on = "ongegrond", date(2027, 3, 1)
    hoger.save()
    assert irrevocable_on(new, on=LATER) == date(2027, 3, 1)


def test_an_annulled_decision_on_objection_never_becomes_irrevocable(besluit):
    new = decided(besluit)
    Beroep.objects.create(besluit=new, instance="beroep", lodged_on=date(2026, 7, 1), outcome="gegrond",
                          outcome_on=date(2026, 10, 1))  # fmt: skip
    assert irrevocable_on(new, on=LATER) is None


def test_a_late_objection_not_excused_leaves_the_original_date_once_settled(besluit):
    new = decided(besluit, outcome="niet_ontvankelijk", in_time=False, received_on=date(2026, 5, 1))
    assert irrevocable_on(new, on=date(2026, 7, 1)) is None  # beroep against the decision can still come
    assert irrevocable_on(new, on=LATER) == FINAL


def test_paused_days_sum_objection_and_appeal(besluit):
    assert remedy_paused_days(besluit, on=LATER) == 0
    new = decided(besluit)  # received 20 March, decided 1 June: 73 days
    Beroep.objects.create(besluit=new, instance="beroep", lodged_on=date(2026, 7, 1), outcome="ongegrond",
                          outcome_on=date(2026, 10, 1))  # fmt: skip  # 92 days
    assert remedy_paused_days(new, on=LATER) == 73 + 92
    assert remedy_paused_days(besluit, on=LATER) == 73 + 92
    assert remedy_paused_days(besluit, on=date(2026, 4, 1)) == 12  # running: up to the day asked
