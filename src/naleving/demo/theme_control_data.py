"""The data deliveries of Demostad's theme controls, derived from the demo's own residents (pure).

``world_build`` makes one timeline of the municipality, as the registers see it (``theme_control_registers``):
BRP registrations of every resident and of the people living with them who are not in the benefit
administration (adult children, parents, young children, students, lodgers), BAG addresses with their floor
area, RDW vehicles and bank balances. On top of it, a few episodes that a control should find
(``theme_control_episodes``), each with an onset and an end: a client who moved away or is registered
nowhere, an adult housemate not counted as kostendeler (or a child who turned 27), several vehicles in a
year, savings above the asset limit, an overcrowded or a vacant address.

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
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from naleving.demo.common import Ctx
from naleving.demo.people import NamePools
from naleving.demo.theme_control_episodes import episodes_plant
from naleving.demo.theme_control_registers import (
    HISTORY_DAYS,
    BenefitRow,
    Client,
    RegisterBuilder,
    ResidentRow,
    World,
    address_id,
    january_firsts,
)
from naleving.demo.town import Town

M2_PER_PERSON = 12


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


def _floor_areas(builder: RegisterBuilder) -> None:
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
    builder = RegisterBuilder(ctx, town, min(deliveries), max(deliveries))
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
    year_starts = january_firsts(builder.history_start, builder.last_delivery) or [builder.history_start]
    for client in clients:
        builder.ordinary_vehicles(client)
        builder.ordinary_balances(client, year_starts)
    episodes_plant(builder, clients)
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
