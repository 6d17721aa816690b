"""The prevention effect figures on hand-built data."""

from datetime import date

import pytest

from naleving.investigations.tests.factories import InvestigationFactory
from naleving.prevention.effect import change_reports_on_time, intake_effect
from naleving.prevention.tests.factories import ChangeReportFactory, PreventiveInterventionFactory
from naleving.residents.tests.factories import BenefitFactory


@pytest.mark.django_db
def test_breach_rate_with_and_without_intake_information(roles):
    residents = [BenefitFactory(start_date=date(2025, 1, 1)).resident for _ in range(6)]
    ended_before = BenefitFactory(start_date=date(2020, 1, 1), end_date=date(2024, 12, 31)).resident
    for r in residents[:4]:
        PreventiveInterventionFactory(resident=r, occurred_on=date(2025, 1, 5))
    PreventiveInterventionFactory(resident=residents[4], occurred_on=date(2027, 1, 1))  # after the period
    PreventiveInterventionFactory(
        resident=residents[5], reminder=True, occurred_on=date(2025, 6, 1)
    )  # not an intake
    breach = {
        "status": "afgerond",
        "outcome": "schending",
        "opened_on": date(2025, 8, 1),
        "closed_on": date(2025, 9, 1),
    }
    InvestigationFactory(resident=residents[0], **breach)
    InvestigationFactory(resident=residents[4], **breach)
    InvestigationFactory(resident=residents[5], **breach)
    InvestigationFactory(resident=residents[1], **{**breach, "outcome": "geen_schending"})
    InvestigationFactory(
        resident=residents[2], **{**breach, "closed_on": date(2026, 2, 1)}
    )  # after the period
    InvestigationFactory(resident=ended_before, **breach)  # not in the population

    effect = intake_effect(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert (effect.informed.residents, effect.informed.with_breach) == (4, 1)
    assert (effect.not_informed.residents, effect.not_informed.with_breach) == (2, 2)
    assert effect.informed.rate == 0.25 and effect.not_informed.rate == 1.0


@pytest.mark.django_db
def test_empty_groups_have_no_rate(roles):
    effect = intake_effect(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert effect.informed.rate is None and effect.not_informed.residents == 0


@pytest.mark.django_db
def test_share_of_changes_reported_on_time(roles):
    for _ in range(3):
        ChangeReportFactory(reported_on=date(2026, 5, 4))
    ChangeReportFactory(late=True, kind="werk_inkomen")
    ChangeReportFactory(reported_on=date(2025, 12, 1), change_date=date(2025, 11, 30))  # outside the period
    share = change_reports_on_time(start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert (share.reported, share.on_time, share.share) == (4, 3, 0.75)
    income = change_reports_on_time(start=date(2026, 1, 1), end=date(2026, 12, 31), kind="werk_inkomen")
    assert (income.reported, income.on_time) == (1, 0)
    assert change_reports_on_time(start=date(2024, 1, 1), end=date(2024, 12, 31)).share is None
