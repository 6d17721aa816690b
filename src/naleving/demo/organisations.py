"""The demo's organisations: Gemeente Demostad on its own, and the shared service centres Servicecentrum MER and
Baanbrekers with their municipalities (issue #17). Pure data.

Each municipality has its real name and CBS code, fictional contact details (``.example`` domains, a
"Postbus" with a postcode of the town's range), the policy profile of its verordeningen
(``naleving/rules/profiles``) and its wijken: the real kernen and wijken of the town, with a share of the
municipality's residents, the first 4-digit postcode area the demo hands out there and the caseload that
serves it. In Demostad a caseload is a team (Noord, Zuid); in a shared service centre it is the
municipality, whose consulenten and handhavers work for it alone (``demo.users``).
"""

from dataclasses import dataclass

TEAM_NOORD = "Team Noord"
TEAM_ZUID = "Team Zuid"


@dataclass(frozen=True)
class District:
    name: str
    share: float  # of the municipality's residents
    caseload: str  # the team (Demostad) or the municipality (shared service centres) that serves it
    postcode: int  # the first 4-digit postcode area of its streets


@dataclass(frozen=True)
class Municipality:
    gemeente: dict[str, str]  # the Gemeente row's fields
    share: float  # of the organisation's residents
    districts: tuple[District, ...]

    @property
    def name(self) -> str:
        return self.gemeente["name"]


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str  # gemeenten.Organisation.Kind
    email_domain: str  # of the demo users' e-mail addresses
    municipalities: tuple[Municipality, ...]


def _gemeente(
    code: str, name: str, *, street: str, postcode: str, city: str, area: str, profile: str, domain: str
) -> dict:
    return {
        "code": code,
        "name": name,
        "bestuursorgaan": f"het college van burgemeester en wethouders van {name}",
        "objection_addressee": f"College van burgemeester en wethouders van {name}",
        "objection_street": street,
        "objection_postcode": postcode,
        "objection_city": city,
        "phone": f"{area}-{'0' * (10 - len(area) - 4)} {code[2:]}",  # no subscriber number starts with 0
        "email": f"werkeninkomen@{domain}.example",
        "website": f"https://www.{domain}.example",
        "visiting_address": f"Demoplein 1, {city}",
        "policy_profile": profile,
    }


#: Gemeente Demostad is fictional; GM9999 is not a CBS code any real municipality has.
DEMOSTAD_GEMEENTE = {
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

# Demostad's wijken keep the postcodes they always had: 5300, then 40 numbers further for every wijk.
_DEMOSTAD_DISTRICTS = tuple(
    District(name, share, team, 5300 + 40 * index)
    for index, (name, share, team) in enumerate(
        (
            ("Centrum", 0.10, TEAM_NOORD),
            ("Noorderpark", 0.15, TEAM_NOORD),
            ("Havenkwartier", 0.12, TEAM_NOORD),
            ("Oud-West", 0.13, TEAM_NOORD),
            ("Zuiderhout", 0.16, TEAM_ZUID),
            ("Molenveld", 0.14, TEAM_ZUID),
            ("Oosterhei", 0.11, TEAM_ZUID),
            ("De Weiden", 0.09, TEAM_ZUID),
        )
    )
)

DEMOSTAD = DemoOrganisation(
    "demostad", "Gemeente Demostad", "gemeente", "demostad.example",
    (Municipality(DEMOSTAD_GEMEENTE, 1.0, _DEMOSTAD_DISTRICTS),),
)  # fmt: skip


def _municipality(
    gemeente: dict, share: float, districts: tuple[tuple[str, float, int], ...]
) -> Municipality:
    """A municipality of a shared service centre: its own residents form one caseload."""
    name = gemeente["name"]
    return Municipality(gemeente, share, tuple(District(d, s, name, pc) for d, s, pc in districts))


MER = DemoOrganisation(
    "mer", "Servicecentrum MER", "samenwerking", "servicecentrummer.example",
    (
        _municipality(
            _gemeente("GM0938", "Meerssen", street="Postbus 90", postcode="6230 AB", city="Meerssen", area="043",
                      profile="mer-2025", domain="meerssen"),
            0.32,
            (("Meerssen-Centrum", 0.35, 6231), ("Rothem", 0.15, 6232), ("Bunde", 0.25, 6241),
             ("Geulle", 0.10, 6243), ("Ulestraten", 0.15, 6235)),
        ),
        _municipality(
            _gemeente("GM1903", "Eijsden-Margraten", street="Postbus 10", postcode="6269 ZG", city="Margraten", area="043",
                      profile="mer-2025", domain="eijsden-margraten"),
            0.42,
            (("Eijsden", 0.30, 6245), ("Gronsveld", 0.15, 6262), ("Cadier en Keer", 0.15, 6267),
             ("Margraten", 0.20, 6269), ("Mheer", 0.10, 6261), ("Noorbeek", 0.10, 6255)),
        ),
        _municipality(
            _gemeente("GM0994", "Valkenburg aan de Geul", street="Postbus 998", postcode="6300 AZ",
                      city="Valkenburg", area="043", profile="mer-2025", domain="valkenburg"),
            0.26,
            (("Valkenburg-Centrum", 0.35, 6301), ("Broekhem", 0.20, 6302), ("Schin op Geul", 0.15, 6305),
             ("Houthem", 0.10, 6321), ("Berg en Terblijt", 0.20, 6325)),
        ),
    ),
)  # fmt: skip

BAANBREKERS = DemoOrganisation(
    "baanbrekers", "Baanbrekers", "samenwerking", "baanbrekers.example",
    (
        _municipality(
            _gemeente("GM0867", "Waalwijk", street="Postbus 10000", postcode="5140 GA", city="Waalwijk", area="0416",
                      profile="baanbrekers-2026", domain="waalwijk"),
            0.42,
            (("Waalwijk-Centrum", 0.20, 5141), ("Besoijen", 0.18, 5142), ("Landgoed Driessen", 0.10, 5143),
             ("Baardwijk", 0.17, 5144), ("Sprang-Capelle", 0.20, 5161), ("Waspik", 0.15, 5165)),
        ),
        _municipality(
            _gemeente("GM0797", "Heusden", street="Postbus 41", postcode="5250 AA", city="Vlijmen", area="073",
                      profile="baanbrekers-2026", domain="heusden"),
            0.38,
            (("Drunen", 0.40, 5151), ("Elshout", 0.04, 5154), ("Vlijmen", 0.35, 5251), ("Nieuwkuijk", 0.10, 5253),
             ("Haarsteeg", 0.07, 5254), ("Heusden-Vesting", 0.04, 5256)),
        ),
        _municipality(
            _gemeente("GM0809", "Loon op Zand", street="Postbus 7", postcode="5170 AA", city="Kaatsheuvel", area="0416",
                      profile="baanbrekers-2026", domain="loonopzand"),
            0.20,
            (("Kaatsheuvel", 0.65, 5171), ("Loon op Zand", 0.28, 5175), ("De Moer", 0.07, 5176)),
        ),
    ),
)  # fmt: skip

ORGANISATIONS = {org.key: org for org in (DEMOSTAD, MER, BAANBREKERS)}
DEFAULT_ORGANISATION = DEMOSTAD.key
