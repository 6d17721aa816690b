"""Shared fixtures: roles, one user per role, and a small two-team municipality to test scoping on.

Everything is built with the apps' factory_boy factories (``<app>/tests/factories.py``); the values
below override the factories' defaults so the ``world`` stays the same small, named municipality.
"""

from datetime import date
from decimal import Decimal

import pytest

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def roles(db):
    from naleving.accounts.services import roles_sync

    return roles_sync()


@pytest.fixture
def make_user(roles):
    """``make_user(role, team=None, username=None)``: a user in one role, password ``PASSWORD``."""
    from naleving.accounts.tests.factories import UserFactory

    counter = {"n": 0}

    def _make(role: str, *, team=None, username: str | None = None):
        counter["n"] += 1
        return UserFactory(
            username=username or f"{role}{counter['n']}",
            password=PASSWORD,
            role=role,
            team=team,
            first_name=role.title(),
            last_name="",
            email="",
        )

    return _make


def _resident(bsn: str, family_name: str, consulent, district: str = "Centrum", **extra):
    from naleving.residents.tests.factories import ResidentFactory

    return ResidentFactory(
        bsn=bsn,
        first_names="Test",
        family_name=family_name,
        birth_date=date(1985, 5, 17),
        street="Dorpsstraat",
        house_number=1,
        postcode="1234AB",
        city="Demostad",
        district=district,
        household_type="alleenstaande",
        consulent=consulent,
        **extra,
    )


@pytest.fixture
def world(make_user):
    """Two teams. Noord: consulent (Jansen), handhaver; Zuid: consulent (Pietersen). Plus every other role."""
    from naleving.accounts.tests.factories import TeamFactory
    from naleving.decisions.tests.factories import BesluitFactory
    from naleving.investigations.tests.factories import InvestigationFactory
    from naleving.residents.tests.factories import BenefitFactory
    from naleving.signals.tests.factories import SignalFactory

    noord, zuid = TeamFactory(name="Team Noord"), TeamFactory(name="Team Zuid")
    users = {
        "consulent": make_user("inkomensconsulent", team=noord, username="consulent"),
        "consulent_zuid": make_user("inkomensconsulent", team=zuid, username="consulent_zuid"),
        "handhaver": make_user("handhaver", team=noord, username="handhaver"),
        "teamleider": make_user("teamleider", team=noord, username="teamleider"),
        "teamleider_zuid": make_user("teamleider", team=zuid, username="teamleider_zuid"),
        "analist": make_user("data_analist", username="analist"),
        "fg": make_user("fg", username="fg"),
        "beleid": make_user("beleid", username="beleid"),
        "beheerder": make_user("beheerder", username="beheerder"),
    }
    jansen = _resident("111222333", "Jansen", users["consulent"])
    pietersen = _resident("123456782", "Pietersen", users["consulent_zuid"], district="Zuid")
    BenefitFactory(
        resident=jansen,
        regulation="Pw",
        start_date=date(2025, 1, 1),
        monthly_amount=Decimal("1401.50"),
        norm_amount=Decimal("1401.50"),
        household_type="alleenstaande",
    )
    # No source reference and no registering user: an untriaged signal as the intake left it.
    signal = SignalFactory(
        resident=jansen,
        origin="inlichtingenbureau",
        kind="income",
        received_on=date(2026, 2, 1),
        description="Start inkomstenverhouding",
        external_reference="",
        registered_by=None,
    )
    investigation = InvestigationFactory(
        resident=jansen, assigned_to=users["handhaver"], opened_on=date(2026, 2, 10), signals=[signal]
    )
    SignalFactory(
        resident=pietersen,
        origin="collega",
        kind="cohabitation",
        received_on=date(2026, 3, 1),
        description="Mogelijk samenwonend",
        external_reference="",
        registered_by=None,
    )
    anonymous = SignalFactory(
        anonymous=True, kind="address", received_on=date(2026, 3, 5), description="Woont elders"
    )
    # A concept besluit without a rules run: no verwijtbaarheid and no rules version.
    besluit = BesluitFactory(
        concept=True,
        resident=jansen,
        investigation=investigation,
        decision_date=date(2026, 4, 1),
        profile="landelijk",
        benadelingsbedrag=Decimal("1000"),
        recovery_amount=Decimal("1000"),
        sanction_type="boete",
        fine_amount=Decimal("500"),
        verwijtbaarheid="",
        rules_version="",
        recorded_by=users["consulent"],
    )
    return {
        **users,
        "teams": (noord, zuid),
        "jansen": jansen,
        "pietersen": pietersen,
        "signal": signal,
        "anonymous_signal": anonymous,
        "investigation": investigation,
        "besluit": besluit,
    }
