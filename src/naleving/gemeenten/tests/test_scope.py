"""Staff see the residents, investigations and registratieverzoeken of the municipalities they work for."""

import pytest
from django.core.exceptions import ValidationError

from naleving.accounts.tests.factories import TeamFactory, UserFactory
from naleving.gemeenten.selectors import gemeente_scope, gemeenten_of, only_gemeente
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.investigations.selectors import investigations_visible_to
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents import services
from naleving.residents.models import Resident
from naleving.residents.selectors import residents_visible_to
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    return GemeenteFactory(code="GM0867", name="Waalwijk"), GemeenteFactory(code="GM0797", name="Heusden")


def _scoped(*gemeenten, **traits):
    user = UserFactory(all_gemeenten=False, **traits)
    user.gemeenten.set(gemeenten)
    return user


def test_a_teamleider_of_one_municipality_sees_only_its_residents(two):
    waalwijk, heusden = two
    team = TeamFactory()
    consulent = UserFactory(consulent=True, team=team)
    mine = ResidentFactory(gemeente=waalwijk, consulent=consulent)
    other = ResidentFactory(gemeente=heusden, consulent=consulent)
    teamleider = _scoped(waalwijk, teamleider=True, team=team)
    assert set(residents_visible_to(teamleider)) == {mine}
    both = _scoped(waalwijk, heusden, teamleider=True, team=team)
    assert set(residents_visible_to(both)) == {mine, other}


def test_full_access_is_still_limited_to_the_municipalities(two):
    waalwijk, heusden = two
    mine, other = ResidentFactory(gemeente=waalwijk), ResidentFactory(gemeente=heusden)
    beheerder_like = _scoped(heusden, fg=True)
    beheerder_like.user_permissions.add(*_perms("residents.view_all"))
    beheerder_like = type(beheerder_like).objects.get(pk=beheerder_like.pk)  # fresh permission cache
    assert set(residents_visible_to(beheerder_like)) == {other}
    everywhere = UserFactory(all_gemeenten=True)
    everywhere.user_permissions.add(*_perms("residents.view_all"))
    everywhere = type(everywhere).objects.get(pk=everywhere.pk)
    assert {mine, other} <= set(residents_visible_to(everywhere))


def _perms(*names):
    from django.contrib.auth.models import Permission

    return [
        Permission.objects.get(content_type__app_label=n.split(".")[0], codename=n.split(".")[1])
        for n in names
    ]


def test_investigations_of_another_municipality_are_not_visible(two):
    waalwijk, heusden = two
    team = TeamFactory()
    here = InvestigationFactory(resident=ResidentFactory(gemeente=waalwijk, consulent__team=team))
    there = InvestigationFactory(resident=ResidentFactory(gemeente=heusden, consulent__team=team))
    teamleider = _scoped(waalwijk, teamleider=True, team=team)
    visible = set(investigations_visible_to(teamleider))
    assert here in visible and there not in visible


def test_a_user_without_municipalities_sees_no_resident(two):
    waalwijk, _ = two
    resident = ResidentFactory(gemeente=waalwijk)
    nobody = UserFactory(consulent=True, all_gemeenten=False)
    resident.consulent = nobody
    resident.save()
    assert not residents_visible_to(nobody).exists()
    assert not gemeenten_of(nobody).exists()
    assert gemeente_scope(UserFactory(all_gemeenten=True)).children == []


def test_a_new_resident_goes_to_the_only_municipality_or_must_name_one(two):
    waalwijk, heusden = two
    consulent = _scoped(waalwijk, consulent=True)
    resident = services.resident_create(actor=consulent, **_fields("111222333"))
    assert resident.gemeente == waalwijk
    assert only_gemeente() is None
    with pytest.raises(ValidationError) as refused:
        services.resident_create(actor=consulent, gemeente=heusden, **_fields("123456782"))
    assert "Heusden" in str(refused.value)
    both = _scoped(waalwijk, heusden, consulent=True)
    with pytest.raises(ValidationError) as unnamed:
        services.resident_create(actor=both, **_fields("123456782"))
    assert "gemeente" in unnamed.value.message_dict
    assert not Resident.objects.filter(bsn="123456782").exists()


def _fields(bsn: str) -> dict:
    return {
        "bsn": bsn,
        "first_names": "Anna",
        "family_name": "Jansen",
        "birth_date": "1980-01-01",
        "street": "Grotestraat",
        "house_number": 1,
        "postcode": "5141AA",
        "city": "Waalwijk",
        "district": "Centrum",
        "household_type": "alleenstaande",
    }
