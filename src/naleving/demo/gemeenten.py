"""The demo's organisations and their municipalities (issue #17)."""

from naleving.gemeenten.models import Gemeente, Organisation

#: Gemeente Demostad is fictional; GM9999 is not a CBS code any real municipality has.
DEMOSTAD = {
    "code": "GM9999",
    "name": "Demostad",
    "bestuursorgaan": "het college van burgemeester en wethouders van Demostad",
    "objection_addressee": "College van burgemeester en wethouders van Demostad",
    "objection_street": "Postbus 1000",
    "objection_postcode": "5300 AA",
    "objection_city": "Demostad",
    "phone": "14 0999",
    "email": "werkeninkomen@demostad.example",
    "website": "https://www.demostad.example",
    "visiting_address": "Stadhuisplein 1, Demostad",
    "policy_profile": "",
}


def demostad_ensure() -> Gemeente:
    """The organisation row and Demostad, its only municipality (idempotent)."""
    if not Organisation.objects.exists():
        Organisation.objects.create(name="Gemeente Demostad", kind=Organisation.Kind.GEMEENTE)
    gemeente, _created = Gemeente.objects.get_or_create(code=DEMOSTAD["code"], defaults=DEMOSTAD)
    return gemeente
