"""The data deliveries of Demostad's theme controls, derived from the demo's own residents (pure).

One timeline of the municipality, as the registers see it: BRP registrations of every resident and of the
people living with them who are not in the benefit administration (adult children, parents, young
children, students, lodgers), BAG addresses with their floor area, RDW vehicles and bank balances. On top
of it, a few episodes that a control should find, each with an onset and an end: a client who moved away or
is registered nowhere, an adult housemate not counted as kostendeler (or a child who turned 27), several
vehicles in a year, savings above the asset limit, an overcrowded or a vacant address.

The benefit administration's sex (M/V, X for a few), used only by the bias check, follows the name pool a
client's first name was drawn from. Clients are numbered in the order of their benefits (WI-000001, ...), so
the control groups drawn from them do not depend on database keys.

``delivery_files`` renders the timeline as a delivery on a reference date R: what the registers knew on R
(a registration or benefit that ends after R is still open). Files are built in memory: the delivery
service writes its own copy and deletes it after the run. No special category of personal data is ever a
column (datasets.md).
"""

import csv
import io
import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from naleving import rules
from naleving.demo.common import Ctx, add_years, age_on, money, random_date
from naleving.demo.people import NamePools
from naleving.demo.town import Town, bsn_new
from naleving.residents.choices import HouseholdType

#: share of the clients with an episode of each kind in the demo period, and what a control finds it by
EPISODES = {
    "voertuigen": 0.035,  # three or more vehicles in a year
    "vermogen": 0.04,  # savings above the asset limit
    "kostendelers": 0.045,  # an adult housemate (27+) not counted, or a child who turned 27
    "brp_adres": 0.04,  # moved away without telling, or registered nowhere
    "overbewoning": 0.012,  # (adresbezetting) more people registered than the floor area allows
    "leegstand": 0.008,  # (adresbezetting) the address is vacant in the BAG
}
CONTROL_OF_EPISODE = {"overbewoning": "adresbezetting", "leegstand": "adresbezetting"}
#: a large municipality keeps a demo-sized number of episodes per kind (hits stay reviewable by hand)
MAX_EPISODES = 150
MIN_EPISODES = 3
M2_PER_PERSON = 12
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


def _sex(ctx: Ctx, resident: ResidentRow, female: dict[str, set[str]], male: dict[str, set[str]]) -> str:
    """M or V from the pool the first name was drawn from (X for a few); a name in both pools is a coin toss."""
    if ctx.rng.random() < 0.003:
        return "X"
    first = resident.first_names.split()[0]
    is_female, is_male = (
        first in female[resident.preferred_language],
        first in male[resident.preferred_language],
    )
    if is_female != is_male:
        return "V" if is_female else "M"
    return ctx.rng.choice("MV")


class _Builder:
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
        limit = _limit(resident.household_type, year_starts[0])
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


def _limit(household_type: str, on: date) -> Decimal:
    """The asset limit in force on ``on`` (naleving.rules), or the lowest known one outside its years."""
    try:
        return rules.asset_limit(household_type, on)
    except rules.ParameterNotInForce:
        return Decimal("7770") if household_type == HouseholdType.ALLEENSTAANDE else Decimal("15540")


# the episodes a control should find


def _window(builder: _Builder, client: Client) -> tuple[date, date] | None:
    low = max(client.benefit.start_date + timedelta(days=30), builder.history_start)
    high = min(client.until, builder.last_delivery - timedelta(days=14))
    return (low, high) if low <= high else None


def _episodes(builder: _Builder, clients: list[Client], kind: str, share: float) -> dict[str, Episode]:
    rng = builder.ctx.rng
    candidates = [c for c in clients if _window(builder, c) is not None]
    wanted = min(MAX_EPISODES, max(MIN_EPISODES, round(share * len(clients))), len(candidates))
    chosen = rng.sample(candidates, wanted)
    found = {}
    for client in chosen:
        low, high = _window(builder, client)
        onset = random_date(rng, low, high)
        episode = Episode(
            CONTROL_OF_EPISODE.get(kind, kind), kind, onset, onset + timedelta(days=rng.randint(90, 420))
        )
        if _APPLY[kind](builder, client, episode):
            found[client.client_id] = episode
    return found


def _vehicles(builder: _Builder, client: Client, episode: Episode) -> bool:
    """Three to five vehicles bought and sold again within months of each other."""
    rng, start = builder.ctx.rng, episode.onset
    for _ in range(rng.randint(3, 5)):
        end = start + timedelta(days=rng.randint(15, 110))
        builder.world.vehicles.append((client.resident.bsn, builder.plate(), start, end))
        start = start + timedelta(days=rng.randint(20, 80))
    return True


def _savings(builder: _Builder, client: Client, episode: Episode) -> bool:
    """A savings account appears (an inheritance, a back payment) above the asset limit, later spent."""
    rng, household, onset, until = (
        builder.ctx.rng,
        client.resident.household_type,
        episode.onset,
        episode.until,
    )
    limit = max(_limit(household, onset), _limit(household, until))
    account_id = builder.account(client.resident.bsn)
    extra = money(float(limit) + rng.uniform(900, 9000))
    builder.world.balances[account_id, onset] = extra
    for day in _year_starts(onset + timedelta(days=1), until - timedelta(days=1)):
        builder.world.balances[account_id, day] = money(float(extra) + rng.uniform(-300, 300))
    builder.world.balances[account_id, until] = money(rng.uniform(50, 900))
    return True


def _housemate(builder: _Builder, client: Client, episode: Episode) -> bool:
    """An adult moves in and is not reported; or, for a single of 47 or more, a child at home turns 27."""
    rng, resident, onset = builder.ctx.rng, client.resident, episode.onset
    older = (
        age_on(resident.birth_date, onset) >= 47 and resident.household_type == HouseholdType.ALLEENSTAANDE
    )
    if older and rng.random() < 0.5:
        child = add_years(onset, -27)
        since = builder.people[resident.bsn].registrations[0].start
        builder.housemate(child, Registration(client.address_id, max(since, child), episode.until))
    else:
        born = builder.birth_between(27, 58, onset)
        builder.housemate(born, Registration(client.address_id, onset, episode.until))
    return True


def _moved(builder: _Builder, client: Client, episode: Episode) -> bool:
    """The client leaves the benefit address: to another address in Demostad, or registered nowhere."""
    rng, onset, until = builder.ctx.rng, episode.onset, episode.until
    registrations = builder.people[client.resident.bsn].registrations
    home = registrations[-1]
    if home.end is not None or home.start >= onset:
        return False
    home.end = onset
    if rng.random() < 0.65:
        elsewhere = builder.new_place(rng.choice(list(builder.town.streets)))
        registrations.append(Registration(elsewhere, onset, until))
    registrations.append(Registration(home.address_id, until))  # back (or registered again) later
    return True


def _crowded(builder: _Builder, client: Client, episode: Episode) -> bool:
    """Four to seven people register at the address, most of them lodgers paying a commercial rent."""
    rng, place = builder.ctx.rng, builder.places[client.address_id]
    if place.crowded_by:
        return False
    place.crowded_by = rng.randint(4, 7)
    for _ in range(place.crowded_by):
        lodger = rng.random() < 0.8  # the others count as kostendeler too
        born = builder.birth_between(20, 48, episode.onset)
        registration = Registration(client.address_id, episode.onset, episode.until, commercial_tenant=lodger)
        builder.housemate(born, registration)
    return True


def _vacant(builder: _Builder, client: Client, episode: Episode) -> bool:
    """The BAG reports the address vacant while the client is registered there."""
    place = builder.places[client.address_id]
    if place.vacant:
        return False
    place.vacant.append((episode.onset, episode.until))
    return True


#: writes an episode into the registers; False when it does not fit the client
_APPLY = {
    "voertuigen": _vehicles,
    "vermogen": _savings,
    "kostendelers": _housemate,
    "brp_adres": _moved,
    "overbewoning": _crowded,
    "leegstand": _vacant,
}


def _year_starts(first: date, last: date) -> list[date]:
    return [
        date(year, 1, 1) for year in range(first.year, last.year + 1) if first <= date(year, 1, 1) <= last
    ]


def _floor_areas(builder: _Builder) -> None:
    """Room for everyone who ever lives there (12 m² each and more), except at an overcrowded address."""
    rng = builder.ctx.rng
    ever: dict[str, set[str]] = {}
    for person in builder.people.values():
        for registration in person.registrations:
            ever.setdefault(registration.address_id, set()).add(person.bsn)
    for key, place in builder.places.items():
        residents = len(ever.get(key, ())) - place.crowded_by
        if place.crowded_by:  # a small flat: the lodgers do not fit, the household itself does
            area = max(M2_PER_PERSON * residents + rng.randint(2, 11), rng.randint(24, 40))
            place.floor_area = Decimal(area)
        else:
            area = max(rng.randint(38, 105), M2_PER_PERSON * residents + rng.randint(6, 40))
            place.floor_area = Decimal(area)


def world_build(
    ctx: Ctx,
    residents: list[ResidentRow],
    benefits: list[BenefitRow],
    pools: NamePools,
    town: Town,
    deliveries: list[date],
) -> World:
    """The registers of Demostad from before the first delivery to the last, with the episodes in them."""
    builder = _Builder(ctx, town, min(deliveries), max(deliveries))
    builder.taken_bsns = {resident.bsn for resident in residents}
    builder.households(residents, {benefit.resident_id: benefit.start_date for benefit in benefits})
    female = {lang: set(names) for (lang, sex), names in pools.first.items() if sex == "f"}
    male = {lang: set(names) for (lang, sex), names in pools.first.items() if sex == "m"}
    resident_of = {resident.id: resident for resident in residents}
    last_day = ctx.reference_date - timedelta(days=1)
    clients = []
    for number, benefit in enumerate(benefits, start=1):
        resident = resident_of[benefit.resident_id]
        sex = _sex(ctx, resident, female, male)
        until = benefit.end_date or last_day
        clients.append(Client(f"WI-{number:06d}", resident, benefit, sex, address_id(resident), until))
    builder.world = World(clients, builder.people, builder.places)
    year_starts = _year_starts(builder.history_start, builder.last_delivery) or [builder.history_start]
    for client in clients:
        builder.ordinary_vehicles(client)
        builder.ordinary_balances(client, year_starts)
    for kind, share in EPISODES.items():
        found = _episodes(builder, clients, kind, share)
        builder.world.episodes.setdefault(CONTROL_OF_EPISODE.get(kind, kind), {}).update(found)
    _floor_areas(builder)
    return builder.world


# rendering a delivery


def _csv(name: str, header: tuple[str, ...], rows) -> ContentFile:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ContentFile(out.getvalue().encode("utf-8"), name=f"{name}.csv")


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _known(end: date | None, on: date) -> date | None:
    """An end date as the register shows it on ``on``: one still in the future is not known yet."""
    return end if end is not None and end <= on else None


def _bool(value: bool) -> str:
    return "true" if value else "false"


def delivery_files(world: World, on: date) -> dict[str, ContentFile]:
    """The five files of datasets.md as the registers show them on ``on`` (the reference date)."""
    since = on - timedelta(days=HISTORY_DAYS)
    clients = []
    for client in world.clients:
        benefit, resident = client.benefit, client.resident
        if benefit.start_date > on or (benefit.end_date is not None and benefit.end_date < since):
            continue
        end = benefit.end_date if benefit.end_date is not None and benefit.end_date < on else None
        clients.append((
            client.client_id, resident.bsn, resident.birth_date.isoformat(), client.sex, benefit.household_type,
            client.partner_bsn, benefit.kostendelers, client.address_id, resident.district, benefit.regulation,
            benefit.start_date.isoformat(), _day(end),
        ))  # fmt: skip
    brp = [
        (person.bsn, person.birth_date.isoformat(), reg.address_id, reg.start.isoformat(),
         _day(_known(reg.end, on)), _bool(reg.study_finance), _bool(reg.commercial_tenant))
        for person in world.people.values()
        for reg in person.registrations
        if reg.start <= on and (reg.end is None or reg.end >= since)
    ]  # fmt: skip
    used = {row[2] for row in brp} | {row[7] for row in clients}
    addresses = [
        (p.address_id, p.postcode, p.house_number, p.district, f"{p.floor_area:.2f}", _bool(p.is_vacant(on)))
        for key, p in world.places.items()
        if key in used
    ]
    vehicles = [
        (bsn, plate, start.isoformat(), _day(_known(end, on)))
        for bsn, plate, start, end in world.vehicles
        if start <= on and (end is None or end >= since - timedelta(days=HISTORY_DAYS))
    ]
    balances = [
        (bsn, account_id, day.isoformat(), f"{amount:.2f}")
        for (account_id, day), amount in world.balances.items()
        if day <= on
        for bsn in world.holders[account_id]
    ]
    return {
        "clients": _csv("clients", ("client_id", "bsn", "birth_date", "sex", "household_type", "partner_bsn",
                                    "kostendelers_applied", "address_id", "district", "regulation",
                                    "benefit_start", "benefit_end"), clients),
        "brp": _csv("brp", ("bsn", "birth_date", "address_id", "registered_from", "registered_to",
                            "study_finance", "commercial_tenant"), brp),
        "addresses": _csv("addresses", ("address_id", "postcode", "house_number", "district", "floor_area_m2",
                                        "vacant"), addresses),
        "vehicles": _csv("vehicles", ("bsn", "plate", "registered_from", "registered_to"), vehicles),
        "balances": _csv("balances", ("bsn", "account_id", "reference_date", "balance"), balances),
    }  # fmt: skip
