"""What a letter or PDF to a resident says about the municipality that sends it (issue #17, ADR 0021): the
letterhead with the logo, the contact details, and for a besluit the bestuursorgaan and where an objection
goes (Awb 6:4). The templates in ``gemeenten/letter/`` show them; each document passes ``sender(gemeente)``.
"""

from dataclasses import dataclass

from naleving.common.pdf import stored_file_url
from naleving.gemeenten.models import Gemeente


@dataclass(frozen=True)
class Sender:
    gemeente: Gemeente
    letterhead: str
    #: the logo as a URL the PDF fetcher reads from the storage (never the network); empty without a logo
    logo_url: str
    #: who decides, e.g. "het college van burgemeester en wethouders van Waalwijk"
    bestuursorgaan: str
    #: "addressee, street, postcode city", the filled-in parts only
    objection_address: str
    #: the contact details that are filled in: visiting address, phone, e-mail, website
    contact: tuple[str, ...]


def sender(gemeente: Gemeente) -> Sender:
    lines = [line.strip() for line in gemeente.objection_address_lines if line.strip()]
    contact = (gemeente.visiting_address, gemeente.phone, gemeente.email, gemeente.website)
    return Sender(
        gemeente=gemeente,
        letterhead=gemeente.letterhead,
        logo_url=stored_file_url(str(gemeente.logo.name)) if gemeente.logo else "",
        bestuursorgaan=gemeente.bestuursorgaan,
        objection_address=", ".join(lines) or gemeente.bestuursorgaan,
        contact=tuple(item for item in contact if item),
    )


#: Fields without which a letter cannot say where an objection goes or how to reach the municipality.
OBJECTION_FIELDS = ("objection_addressee", "objection_street", "objection_postcode", "objection_city")
CONTACT_FIELDS = ("phone", "email", "website")


def missing_letter_fields(gemeente: Gemeente) -> list[str]:
    """The Dutch labels of the objection address and contact fields ``gemeente`` leaves empty."""
    return [
        str(getattr(Gemeente._meta.get_field(name), "verbose_name", name))
        for name in OBJECTION_FIELDS + CONTACT_FIELDS
        if not str(getattr(gemeente, name)).strip()
    ]
