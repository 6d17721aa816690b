"""Bad input gets a clear Dutch message and changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from naleving.residents import services
from naleving.residents.models import Benefit, Resident
from naleving.residents.validators import bsn_is_valid


@pytest.mark.parametrize(
    ("bsn", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("123456789", False),
        ("12345678", False),
        ("000000000", False),
        ("12345678a", False),
    ],
)
def test_elfproef(bsn, valid):
    assert bsn_is_valid(bsn) is valid


def _resident_form(**overrides):
    data = {
        "bsn": "999999990",
        "first_names": "Anna",
        "family_name": "de Vries",
        "birth_date": "1990-01-31",
        "street": "Kerkstraat",
        "house_number": "5",
        "postcode": "1234 ab",
        "city": "Demostad",
        "district": "Centrum",
        "household_type": "alleenstaande",
        "kostendelers": "1",
        "language_level": "onbekend",
        "preferred_language": "nl",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_invalid_bsn_in_form_gets_dutch_message_and_stores_nothing(client, world):
    client.force_login(world["consulent"])
    before = Resident.objects.count()
    response = client.post(reverse("residents:create"), _resident_form(bsn="123456789"))
    assert response.status_code == 200
    assert "voldoet niet aan de elfproef" in response.content.decode()
    assert Resident.objects.count() == before


@pytest.mark.django_db
def test_duplicate_bsn_in_own_caseload_is_refused_with_clear_message(client, world):
    # A BSN outside one's own work becomes a request to the teamleider (tests/security/test_oracles.py).
    client.force_login(world["consulent"])
    before = Resident.objects.count()
    response = client.post(reverse("residents:create"), _resident_form(bsn=world["jansen"].bsn))
    assert "Deze inwoner staat al in uw werkvoorraad" in response.content.decode()
    assert Resident.objects.count() == before


@pytest.mark.django_db
def test_duplicate_bsn_is_refused_by_the_service_too(world):
    with pytest.raises(ValidationError, match="Er is al een inwoner"):
        services.resident_create(actor=world["consulent"], **_resident_fields(bsn=world["jansen"].bsn))


def _resident_fields(**overrides):
    fields = {
        "bsn": "999999990",
        "first_names": "Anna",
        "family_name": "de Vries",
        "birth_date": date(1990, 1, 31),
        "street": "Kerkstraat",
        "house_number": 5,
        "postcode": "1234AB",
        "city": "Demostad",
        "district": "Centrum",
        "household_type": "alleenstaande",
    }
    fields.update(overrides)
    return fields


@pytest.mark.django_db
def test_valid_resident_is_created_and_audited(client, world):
    client.force_login(world["consulent"])
    response = client.post(reverse("residents:create"), _resident_form())
    resident = Resident.objects.get(bsn="999999990")
    assert response.status_code == 302
    assert resident.consulent == world["consulent"]
    assert resident.postcode == "1234AB"
    from naleving.audit.models import AuditEvent

    assert AuditEvent.objects.filter(code="resident.created", resident_id=resident.pk).exists()


@pytest.mark.django_db
def test_benefit_ending_before_start_is_refused_in_form(client, world):
    client.force_login(world["consulent"])
    before = Benefit.objects.count()
    response = client.post(
        reverse("residents:benefit_create", args=[world["jansen"].pk]),
        {
            "regulation": "Pw",
            "start_date": "2026-03-01",
            "end_date": "2026-02-01",
            "monthly_amount": "1401.50",
            "norm_amount": "1401.50",
            "household_type": "alleenstaande",
            "kostendelers": "1",
        },
    )
    assert "ligt vóór de ingangsdatum" in response.content.decode()
    assert Benefit.objects.count() == before


@pytest.mark.django_db
def test_benefit_ending_before_start_is_refused_by_service_and_database(world):
    with pytest.raises(ValidationError, match="vóór de ingangsdatum"):
        services.benefit_create(
            actor=world["consulent"],
            resident=world["jansen"],
            regulation="Pw",
            start_date=date(2026, 3, 1),
            end_date=date(2026, 2, 1),
            monthly_amount=Decimal("1"),
            norm_amount=Decimal("1"),
            household_type="alleenstaande",
        )
    assert not Benefit.objects.filter(start_date=date(2026, 3, 1)).exists()
