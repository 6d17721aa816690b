"""The registers of Demostad's theme controls as one timeline (pure): who lives where, which vehicles and bank
balances they have, as the BRP, the BAG, the RDW and the banks would deliver them.

``RegisterBuilder`` writes the ordinary life of every client into it; ``theme_control_episodes`` adds the
episodes a control should find; ``theme_control_data.world_build`` puts the two together.
"""

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from naleving import rules
from naleving.demo.common import Ctx, add_years, age_on, money, random_date
from naleving.demo.town import Town, bsn_new
from naleving.residents.choices import HouseholdType

#: BRP, vehicle and bank data go back this far before the first delivery's reference date
HISTORY_DAYS = 365
_PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"


@dataclass
class Registration:
    """One BRP registration: the person lives at ``address_id`` from ``start`` until ``end`` (exclusive)."""

    address_id: str
    start: date
    end: date | None = None
    study_finance: bool = False
    commercial_tenant: bool = False


@dataclass
class Person:
    bsn: str
    birth_date: date
    registrations: list[Registration] = field(default_factory=list)


@dataclass
class Place:
    address_id: str
    postcode: str
    house_number: str
    district: str
    floor_area: Decimal = Decimal("0")
    vacant: list[tuple[date, date]] = field(default_factory=list)
    crowded_by: int = 0  # people of an overcrowding episode, left out of the floor area

    def is_vacant(self, on: date) -> bool:
        return any(start <= on < end for start, end in self.vacant)


@dataclass(frozen=True)
class ResidentRow:
    """What the registers need of a resident (read as plain values: a large demo has many)."""

    id: int
    bsn: str
    birth_date: date
    first_names: str
    preferred_language: str
    postcode: str
    house_number: int
    house_number_suffix: str
    district: str
    household_type: str
    kostendelers: int
    partner_bsn: str | None

    FIELDS = ("id", "bsn", "birth_date", "first_names", "preferred_language", "postcode", "house_number",
              "house_number_suffix", "district", "household_type", "kostendelers", "partner__bsn")  # fmt: skip


@dataclass(frozen=True)
class BenefitRow:
    id: int
    resident_id: int
    start_date: date
    end_date: date | None
    household_type: str
    kostendelers: int
    regulation: str

    FIELDS = ("id", "resident_id", "start_date", "end_date", "household_type", "kostendelers", "regulation")


@dataclass
class Client:
    """A resident with a benefit, as the benefit administration knows them."""

    client_id: str
    resident: ResidentRow
    benefit: BenefitRow
    sex: str
    address_id: str
    until: date  # the last day of the benefit within the demo

    @property
    def partner_bsn(self) -> str:
        return self.resident.partner_bsn or ""


@dataclass(frozen=True)
class Episode:
    """Something a control should find, from ``onset`` until ``until`` (exclusive)."""

    control: str
    kind: str
    onset: date
    until: date


@dataclass
class World:
    clients: list[Client]
    people: dict[str, Person]
    places: dict[str, Place]
    vehicles: list[tuple[str, str, date, date | None]] = field(default_factory=list)
    balances: dict[tuple[str, date], Decimal] = field(default_factory=dict)
    holders: dict[str, list[str]] = field(default_factory=dict)
    episodes: dict[str, dict[str, Episode]] = field(default_factory=dict)  # control → client_id → episode

    def episode(self, control: str, client_id: str) -> Episode | None:
        return self.episodes.get(control, {}).get(client_id)


def address_id(resident: ResidentRow) -> str:
    return f"{resident.postcode.replace(' ', '')}-{resident.house_number}{resident.house_number_suffix}"


class RegisterBuilder:
    def __init__(self, ctx: Ctx, town: Town, first_delivery: date, last_delivery: date):
        self.ctx, self.town = ctx, town
        self.first_delivery, self.last_delivery = first_delivery, last_delivery
        self.history_start = first_delivery - timedelta(days=HISTORY_DAYS)
        self.taken_bsns: set[str] = set()
        self.plates: set[str] = set()
        self.accounts = itertools.count(1)
        self.people: dict[str, Person] = {}
        self.places: dict[str, Place] = {}
        self.world: World

    # people and places

    def place_of(self, resident: ResidentRow) -> str:
        key = address_id(resident)
        if key not in self.places:
            self.places[key] = Place(
                key,
                resident.postcode,
                f"{resident.house_number}{resident.house_number_suffix}",
                resident.district,
            )
        return key

    def new_place(self, district: str) -> str:
        fields = self.town.new_address(self.ctx.rng, district).fields()
        key = f"{fields['postcode'].replace(' ', '')}-{fields['house_number']}{fields['house_number_suffix']}"
        self.places[key] = Place(
            key, fields["postcode"], f"{fields['house_number']}{fields['house_number_suffix']}", district
        )
        return key

    def person(self, bsn: str, birth_date: date) -> Person:
        person = self.people.setdefault(bsn, Person(bsn, birth_date))
        return person

    def housemate(self, birth_date: date, registration: Registration) -> Person:
        person = self.person(bsn_new(self.ctx.rng, self.taken_bsns), birth_date)
        person.registrations.append(registration)
        return person

    def birth_between(self, oldest: int, youngest: int, on: date) -> date:
        """A birth date making someone ``youngest`` to ``oldest`` years old on ``on``."""
        youngest, oldest = min(youngest, oldest), max(youngest, oldest)
        return random_date(
            self.ctx.rng, add_years(on, -oldest - 1) + timedelta(days=1), add_years(on, -youngest)
        )

    # the households

    def households(self, residents: list[ResidentRow], starts: dict[int, date]) -> None:
        by_address: dict[str, list[ResidentRow]] = {}
        for resident in residents:
            by_address.setdefault(self.place_of(resident), []).append(resident)
        for key, members in by_address.items():
            self._household(key, members, [starts[m.id] for m in members if m.id in starts])

    def _household(self, key: str, members: list[ResidentRow], starts: list[date]) -> None:
        """Everyone at the address registered there, and the people living with them who are not residents."""
        latest = min([*starts, self.history_start]) - timedelta(days=30)
        shared = members[0].household_type == HouseholdType.ALLEENSTAANDE and len(members) > 1
        since = None
        for member in members:
            if since is None or shared:  # a couple moved in together; a shared house's members one by one
                adult = max(date(2004, 1, 1), add_years(member.birth_date, 18))
                since = random_date(self.ctx.rng, min(adult, latest), latest)
            self.person(member.bsn, member.birth_date).registrations.append(Registration(key, since))
        if not shared:
            self._family(key, members[0], since)

    def _family(self, key: str, first: ResidentRow, since: date) -> None:
        rng, age = self.ctx.rng, age_on(first.birth_date, self.ctx.reference_date)
        if first.household_type == HouseholdType.GEHUWDEN and first.kostendelers >= 3:
            # an adult child with own income still lives at home
            child = self.birth_between(28, max(28, age - 20), self.ctx.reference_date)
            self.housemate(child, Registration(key, max(since, child)))
        elif first.household_type == HouseholdType.GEHUWDEN and rng.random() < 0.4:
            self._children(key, first, since, rng.randint(1, 2))
        elif first.household_type == HouseholdType.ALLEENSTAANDE_OUDER:
            self._children(key, first, since, rng.choice((1, 1, 2, 2, 3)))
        elif first.household_type == HouseholdType.ALLEENSTAANDE and first.kostendelers > 1:
            for _ in range(first.kostendelers - 1):  # kostendelers outside the administration
                if age >= 50:
                    other = self.birth_between(28, age - 21, self.ctx.reference_date)
                else:
                    other = self.birth_between(age + 22, min(age + 35, 92), self.ctx.reference_date)
                self.housemate(other, Registration(key, max(since, other)))
        elif first.household_type == HouseholdType.ALLEENSTAANDE and rng.random() < 0.05:
            self._lodger(key, since)  # someone who lives there but does not count

    def _children(self, key: str, parent: ResidentRow, since: date, count: int) -> None:
        earliest = max(add_years(parent.birth_date, 18), add_years(self.history_start, -17))
        for _ in range(count):
            born = random_date(self.ctx.rng, earliest, self.ctx.reference_date - timedelta(days=200))
            self.housemate(born, Registration(key, max(since, born)))

    def _lodger(self, key: str, since: date) -> None:
        rng, on = self.ctx.rng, self.ctx.reference_date
        roll = rng.random()
        if roll < 0.35:  # a student of 27 to 29 with study finance
            self.housemate(self.birth_between(27, 29, on), Registration(key, since, study_finance=True))
        elif roll < 0.7:  # a lodger paying a commercial rent
            born = self.birth_between(24, 60, on)
            self.housemate(born, Registration(key, since, commercial_tenant=True))
        else:  # a younger brother or sister
            self.housemate(self.birth_between(19, 24, on), Registration(key, since))

    # vehicles and bank accounts that select nobody

    def plate(self) -> str:
        rng, letters = self.ctx.rng, _PLATE_LETTERS
        while True:
            style = rng.randrange(3)
            if style == 0:
                plate = f"{rng.choice(letters)}{rng.choice(letters)}-{rng.randint(100, 999)}-{rng.choice(letters)}"
            elif style == 1:
                plate = f"{rng.randint(1, 9)}-{''.join(rng.choices(letters, k=3))}-{rng.randint(10, 99)}"
            else:
                plate = f"{''.join(rng.choices(letters, k=3))}-{rng.randint(10, 99)}-{rng.choice(letters)}"
            if plate not in self.plates:
                self.plates.add(plate)
                return plate

    def ordinary_vehicles(self, client: Client) -> None:
        rng = self.ctx.rng
        if rng.random() >= 0.22:
            return
        bsn, bought = client.resident.bsn, random_date(rng, date(2014, 1, 1), self.history_start)
        if rng.random() < 0.2:  # replaced within the period: two plates in a year, still no hit
            replaced = random_date(rng, self.history_start, self.last_delivery)
            self.world.vehicles.append((bsn, self.plate(), bought, replaced))
            self.world.vehicles.append((bsn, self.plate(), replaced, None))
        elif rng.random() < 0.15:  # sold
            self.world.vehicles.append(
                (bsn, self.plate(), bought, random_date(rng, self.history_start, self.last_delivery))
            )
        else:
            self.world.vehicles.append((bsn, self.plate(), bought, None))

    def account(self, *bsns: str) -> str:
        number = next(self.accounts)
        account_id = f"NL{10 + number * 7 % 89:02d}DEMO{number:010d}"
        self.world.holders[account_id] = list(bsns)
        return account_id

    def ordinary_balances(self, client: Client, year_starts: list[date]) -> None:
        rng, resident = self.ctx.rng, client.resident
        limit = asset_limit_on(resident.household_type, year_starts[0])
        members = [resident.bsn, *([client.partner_bsn] if client.partner_bsn else [])]
        accounts = [(self.account(*members), "payment")]
        if rng.random() < 0.4:
            accounts.append((self.account(resident.bsn), "savings"))
        if client.partner_bsn and rng.random() < 0.2:
            accounts.append((self.account(client.partner_bsn), "savings"))
        for account_id, kind in accounts:
            for day in year_starts:
                if kind == "payment":
                    amount = money(rng.uniform(-350, 1600))
                else:
                    amount = money(rng.uniform(20, float(limit) * (0.45 if len(accounts) < 3 else 0.25)))
                self.world.balances[account_id, day] = amount


def asset_limit_on(household_type: str, on: date) -> Decimal:
    """The asset limit in force on ``on`` (naleving.rules), or the lowest known one outside its years."""
    try:
        return rules.asset_limit(household_type, on)
    except rules.ParameterNotInForce:
        return Decimal("7770") if household_type == HouseholdType.ALLEENSTAANDE else Decimal("15540")


def january_firsts(first: date, last: date) -> list[date]:
    return [
        date(year, 1, 1) for year in range(first.year, last.year + 1) if first <= date(year, 1, 1) <= last
    ]
