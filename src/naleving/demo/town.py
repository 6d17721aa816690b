"""The demo organisation's towns: their wijken, streets, postcodes and addresses, and fictitious BSNs.

One ``Town`` holds every wijk of the organisation's municipalities (``demo.organisations``): a household
draws its wijk with the weight of the municipality's share times the wijk's share, and its address carries
the municipality as its city and gemeente.
"""

import math
import random
from dataclasses import dataclass, field

from faker import Faker

from naleving.demo.organisations import DEMOSTAD, DemoOrganisation

# Dutch postcodes never use the letters F, I, O, Q, U and Y, nor the combinations SA, SD and SS.
_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
LETTER_PAIRS = tuple(a + b for a in _LETTERS for b in _LETTERS if a + b not in {"SA", "SD", "SS"})
_NUMBERS_PER_LETTERS = 24  # house numbers per postcode letter pair, split by odd and even
_MAX_HOUSE_NUMBER = 180
_PAIRS_PER_STREET = 2 * math.ceil(_MAX_HOUSE_NUMBER / _NUMBERS_PER_LETTERS)
_STREETS_PER_NUMBER = len(LETTER_PAIRS) // _PAIRS_PER_STREET
_SUFFIXES = {"": 0.82, "A": 0.06, "B": 0.04, "-1": 0.03, "-2": 0.03, "-3": 0.02}


@dataclass(frozen=True)
class Street:
    name: str
    district: str
    postcode_number: int
    first_pair: int
    city: str  # the municipality's name
    gemeente_id: int | None = None

    def postcode(self, house_number: int) -> str:
        """Postcode of a house on this street: one letter pair per block of numbers, per side of the street."""
        block = (house_number - 1) // _NUMBERS_PER_LETTERS
        pair = LETTER_PAIRS[self.first_pair + 2 * block + house_number % 2]
        return f"{self.postcode_number} {pair}"


@dataclass(frozen=True)
class Address:
    street: Street
    house_number: int
    suffix: str

    def fields(self) -> dict:
        return {
            "street": self.street.name,
            "house_number": self.house_number,
            "house_number_suffix": self.suffix,
            "postcode": self.street.postcode(self.house_number),
            "city": self.street.city,
            "district": self.street.district,
            "gemeente_id": self.street.gemeente_id,
        }


@dataclass
class Town:
    """The streets of every wijk, and the addresses already handed out (each household has its own)."""

    streets: dict[str, list[Street]]
    #: wijk: (weight among all wijken, the caseload that serves it)
    districts: dict[str, tuple[float, str]]
    taken: set[tuple[str, int, str]] = field(default_factory=set)

    def district(self, rng: random.Random) -> str:
        return rng.choices(list(self.districts), weights=[w for w, _caseload in self.districts.values()])[0]

    def caseload(self, district: str) -> str:
        """The team (Demostad) or municipality (a shared service centre) whose staff serve the wijk."""
        return self.districts[district][1]

    def new_address(self, rng: random.Random, district: str) -> Address:
        streets = self.streets[district]
        suffixes, weights = list(_SUFFIXES), list(_SUFFIXES.values())
        while True:
            street = rng.choice(streets)
            number = rng.randint(1, _MAX_HOUSE_NUMBER)
            suffix = rng.choices(suffixes, weights=weights)[0]
            if (street.name, number, suffix) not in self.taken:
                self.taken.add((street.name, number, suffix))
                return Address(street, number, suffix)


def town_build(
    faker: Faker,
    residents: int,
    organisation: DemoOrganisation = DEMOSTAD,
    gemeente_ids: dict[str, int] | None = None,
) -> Town:
    """Enough streets per wijk that households rarely compete for an address, with unique names.

    ``gemeente_ids`` (municipality name to primary key) puts the gemeente on every address."""
    seen: set[str] = set()
    streets: dict[str, list[Street]] = {}
    districts: dict[str, tuple[float, str]] = {}
    for municipality in organisation.municipalities:
        gemeente_id = (gemeente_ids or {}).get(municipality.name)
        for district in municipality.districts:
            share = municipality.share * district.share
            districts[district.name] = (share, district.caseload)
            streets[district.name] = []
            for n in range(max(4, math.ceil(residents * share / 60))):
                name = faker.street_name()
                while name in seen:
                    name = faker.street_name()
                seen.add(name)
                number = district.postcode + n // _STREETS_PER_NUMBER
                first_pair = (n % _STREETS_PER_NUMBER) * _PAIRS_PER_STREET
                streets[district.name].append(
                    Street(name, district.name, number, first_pair, municipality.name, gemeente_id)
                )
    if len(districts) != sum(len(m.districts) for m in organisation.municipalities):
        raise ValueError(f"{organisation.name}: every wijk needs a name of its own")
    return Town(streets, districts)


def bsn_complete(prefix: str) -> str | None:
    """The BSN that starts with these 8 digits and passes the elfproef, or None when there is none."""
    total = sum(int(d) * w for d, w in zip(prefix, range(9, 1, -1), strict=True))
    check = total % 11
    return None if check == 10 else prefix + str(check)


def bsn_new(rng: random.Random, taken: set[str]) -> str:
    """A random, valid BSN not handed out before in this run."""
    while True:
        bsn = bsn_complete(str(rng.randint(10_000_000, 99_999_999)))
        if bsn is not None and bsn not in taken:
            taken.add(bsn)
            return bsn
