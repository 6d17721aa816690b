"""Gemeente Demostad: its wijken, streets, postcodes and addresses, and fictitious BSNs."""

import math
import random
from dataclasses import dataclass, field

from faker import Faker

from naleving.demo.users import TEAM_NOORD, TEAM_ZUID

CITY = "Demostad"

#: (wijk, share of the residents, team that serves it)
DISTRICTS: tuple[tuple[str, float, str], ...] = (
    ("Centrum", 0.10, TEAM_NOORD),
    ("Noorderpark", 0.15, TEAM_NOORD),
    ("Havenkwartier", 0.12, TEAM_NOORD),
    ("Oud-West", 0.13, TEAM_NOORD),
    ("Zuiderhout", 0.16, TEAM_ZUID),
    ("Molenveld", 0.14, TEAM_ZUID),
    ("Oosterhei", 0.11, TEAM_ZUID),
    ("De Weiden", 0.09, TEAM_ZUID),
)
TEAM_BY_DISTRICT = {name: team for name, _share, team in DISTRICTS}

# Dutch postcodes never use the letters F, I, O, Q, U and Y, nor the combinations SA, SD and SS.
_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
LETTER_PAIRS = tuple(a + b for a in _LETTERS for b in _LETTERS if a + b not in {"SA", "SD", "SS"})
_POSTCODE_FIRST = 5300  # the 4-digit area of Demostad's first wijk; each wijk gets 40 numbers
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
            "city": CITY,
            "district": self.street.district,
        }


@dataclass
class Town:
    """The streets of every wijk, and the addresses already handed out (each household has its own)."""

    streets: dict[str, list[Street]]
    taken: set[tuple[str, int, str]] = field(default_factory=set)

    def district(self, rng: random.Random) -> str:
        return rng.choices([d[0] for d in DISTRICTS], weights=[d[1] for d in DISTRICTS])[0]

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


def town_build(faker: Faker, residents: int) -> Town:
    """Enough streets per wijk that households rarely compete for an address, with unique names."""
    names: list[str] = []
    seen: set[str] = set()
    streets: dict[str, list[Street]] = {}
    for index, (district, share, _team) in enumerate(DISTRICTS):
        count = max(4, math.ceil(residents * share / 60))
        streets[district] = []
        for n in range(count):
            name = faker.street_name()
            while name in seen:
                name = faker.street_name()
            seen.add(name)
            names.append(name)
            number = _POSTCODE_FIRST + 40 * index + n // _STREETS_PER_NUMBER
            first_pair = (n % _STREETS_PER_NUMBER) * _PAIRS_PER_STREET
            streets[district].append(Street(name, district, number, first_pair))
    return Town(streets)


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
