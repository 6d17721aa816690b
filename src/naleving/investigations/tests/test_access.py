"""The day a case became final for its handhaver, kept on the investigation (``investigations.access``, ADR
0030): the rules on their own, and the kept days against the definition (``investigation_access_from_cases``)
for every kind of case, on every day around the end of the access."""

from datetime import date, timedelta

import pytest

from naleving.investigations.access import (
    NEVER,
    access_final_on_mismatches,
    access_final_on_refresh,
    final_on,
)
from naleving.investigations.models import NOT_FINAL, Investigation
from naleving.residents.access import OBJECTION_TERM, investigation_access, investigation_access_from_cases

CLOSED = date(2026, 3, 20)
DECIDED = date(2026, 4, 1)
IRREVOCABLE = DECIDED + OBJECTION_TERM + timedelta(days=1)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ({"status": "open"}, NOT_FINAL),
        ({"status": "open", "besluiten": [("vastgesteld", DECIDED)]}, NOT_FINAL),
        ({"outcome": "geen_schending"}, CLOSED),
        ({"outcome": "geen_schending", "closed_on": None}, NEVER),
        ({"outcome": "schending"}, NOT_FINAL),
        ({"besluiten": [("concept", DECIDED)]}, NOT_FINAL),
        ({"besluiten": [("ter_ondertekening", DECIDED)]}, NOT_FINAL),
        ({"besluiten": [("vastgesteld", DECIDED)]}, IRREVOCABLE),
        ({"besluiten": [("vastgesteld", DECIDED)], "remedy_open": True}, NOT_FINAL),
        ({"besluiten": [("vervangen", DECIDED - timedelta(days=60)), ("vastgesteld", DECIDED)]}, IRREVOCABLE),
        ({"besluiten": [("vervangen", DECIDED)]}, NEVER),
        ({"besluiten": [("vastgesteld", None)]}, NEVER),
        ({"besluiten": [("vastgesteld", DECIDED), ("concept", DECIDED)]}, NOT_FINAL),
    ],
)
def test_the_day_a_case_became_final(case, expected):
    arguments = {"status": "afgerond", "outcome": "schending", "closed_on": CLOSED, "besluiten": [],
                 "remedy_open": False, **case}  # fmt: skip
    assert final_on(**arguments) == expected


def _cases(world):
    """One investigation of each kind for the world's handhaver, made as the factories make them."""
    from naleving.decisions.models import Beroep, Bezwaar
    from naleving.decisions.tests.factories import BesluitFactory
    from naleving.investigations.tests.factories import InvestigationFactory

    def closed(**fields):
        fields = {"closed_with_breach": True, "assigned_to": world["handhaver"], **fields}
        return InvestigationFactory(**fields)

    InvestigationFactory(assigned_to=world["handhaver"])
    closed(closed_with_breach=False, closed_without_breach=True, closed_on=CLOSED)
    closed(closed_with_breach=False, closed_without_breach=True, closed_on=None)
    closed()  # a breach awaiting its besluit
    BesluitFactory(investigation=closed(), concept=True)
    BesluitFactory(investigation=closed(), to_sign=True)
    BesluitFactory(investigation=closed(), decision_date=DECIDED)
    BesluitFactory(investigation=closed(), decision_date=DECIDED, status="vervangen")
    objected = BesluitFactory(investigation=closed(), decision_date=DECIDED)
    Bezwaar.objects.create(besluit=objected, received_on=DECIDED, decide_by=DECIDED)
    appealed = BesluitFactory(investigation=closed(), decision_date=DECIDED)
    Beroep.objects.create(besluit=appealed, instance="beroep", lodged_on=DECIDED)
    judged = BesluitFactory(investigation=closed(), decision_date=DECIDED)
    Beroep.objects.create(besluit=judged, instance="beroep", lodged_on=DECIDED, outcome="ongegrond",
                          outcome_on=DECIDED)  # fmt: skip
    access_final_on_refresh()  # the objections and appeals were made without their services


@pytest.mark.django_db
def test_the_kept_days_give_the_access_the_cases_give_on_every_day(world, settings):
    settings.NALEVING_HANDHAVER_ACCESS_DAYS = 30
    _cases(world)
    ends = [CLOSED + timedelta(days=30), IRREVOCABLE + timedelta(days=30)]
    days = sorted({end + timedelta(days=d) for end in ends for d in (-1, 0, 1)} | {date(2027, 6, 1)})
    for today in days:
        kept = set(
            Investigation.objects.filter(investigation_access(today=today)).values_list("pk", flat=True)
        )
        defined = set(
            Investigation.objects.filter(investigation_access_from_cases(today=today)).values_list(
                "pk", flat=True
            )
        )
        assert kept == defined, today
        assert access_final_on_mismatches(today) == []
    # the days are not all the same: the grid holds open cases, closed ones and ones that give no access
    assert {NOT_FINAL, CLOSED, IRREVOCABLE, NEVER} <= set(
        Investigation.objects.values_list("access_final_on", flat=True)
    )


@pytest.mark.django_db
def test_refreshing_changes_only_what_differs(world):
    _cases(world)
    assert access_final_on_refresh() == 0
    assert access_final_on_refresh([None]) == 0
    first = Investigation.objects.order_by("pk").first()
    Investigation.objects.filter(pk=first.pk).update(access_final_on=date(2000, 1, 1))
    assert access_final_on_refresh([first.pk, None]) == 1


@pytest.mark.django_db
def test_many_days_at_once_are_kept_in_one_update(world, monkeypatch):
    """Past ``CHUNK`` changed investigations PostgreSQL gets one UPDATE from two arrays (the demo's path)."""
    from naleving.investigations import access

    _cases(world)
    Investigation.objects.update(access_final_on=NEVER)
    monkeypatch.setattr(access, "CHUNK", 2)
    assert access_final_on_refresh() == Investigation.objects.exclude(access_final_on=NEVER).count() > 2
    assert access_final_on_mismatches() == []
