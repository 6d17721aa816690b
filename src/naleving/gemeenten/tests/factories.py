"""Municipalities for tests: Demostad by default (one shared row), others by name and code."""

import factory
from factory.django import DjangoModelFactory

from naleving.gemeenten.models import Gemeente, Organisation


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = "Gemeente Demostad"


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = "GM9999"
    name = "Demostad"
    bestuursorgaan = factory.LazyAttribute(
        lambda g: f"het college van burgemeester en wethouders van {g.name}"
    )
    objection_addressee = factory.LazyAttribute(
        lambda g: f"College van burgemeester en wethouders van {g.name}"
    )
    objection_street = "Postbus 1000"
    objection_postcode = "9999 AA"
    objection_city = factory.LazyAttribute(lambda g: g.name)
    phone = "14 0999"
    email = factory.LazyAttribute(lambda g: f"werkeninkomen@{g.name.lower().replace(' ', '')}.example")
    website = factory.LazyAttribute(lambda g: f"https://www.{g.name.lower().replace(' ', '')}.example")
    # Where residents pay claims to (issue #19): a valid NL IBAN (mod-97), BNG Bank.
    payment_iban = "NL14BNGH0285001234"
    payment_account_name = factory.LazyAttribute(lambda g: f"Gemeente {g.name}")
