"""The episodes a theme control should find, written into Demostad's registers (pure).

Each episode has an onset and an end: a client who moved away or is registered nowhere, an adult housemate
not counted as kostendeler (or a child who turned 27), several vehicles in a year, savings above the asset
limit, an overcrowded or a vacant address.
"""

from datetime import date, timedelta

from naleving.demo.common import add_years, age_on, money, random_date
from naleving.demo.theme_control_registers import (
    Client,
    Episode,
    RegisterBuilder,
    Registration,
    asset_limit_on,
    january_firsts,
)
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


def _window(builder: RegisterBuilder, client: Client) -> tuple[date, date] | None:
    low = max(client.benefit.start_date + timedelta(days=30), builder.history_start)
    high = min(client.until, builder.last_delivery - timedelta(days=14))
    return (low, high) if low <= high else None


def _episodes(builder: RegisterBuilder, clients: list[Client], kind: str, share: float) -> dict[str, Episode]:
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


def _vehicles(builder: RegisterBuilder, client: Client, episode: Episode) -> bool:
    """Three to five vehicles bought and sold again within months of each other."""
    rng, start = builder.ctx.rng, episode.onset
    for _ in range(rng.randint(3, 5)):
        end = start + timedelta(days=rng.randint(15, 110))
        builder.world.vehicles.append((client.resident.bsn, builder.plate(), start, end))
        start = start + timedelta(days=rng.randint(20, 80))
    return True


def _savings(builder: RegisterBuilder, client: Client, episode: Episode) -> bool:
    """A savings account appears (an inheritance, a back payment) above the asset limit, later spent."""
    rng, household, onset, until = (
        builder.ctx.rng,
        client.resident.household_type,
        episode.onset,
        episode.until,
    )
    limit = max(asset_limit_on(household, onset), asset_limit_on(household, until))
    account_id = builder.account(client.resident.bsn)
    extra = money(float(limit) + rng.uniform(900, 9000))
    builder.world.balances[account_id, onset] = extra
    for day in january_firsts(onset + timedelta(days=1), until - timedelta(days=1)):
        builder.world.balances[account_id, day] = money(float(extra) + rng.uniform(-300, 300))
    builder.world.balances[account_id, until] = money(rng.uniform(50, 900))
    return True


def _housemate(builder: RegisterBuilder, client: Client, episode: Episode) -> bool:
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


def _moved(builder: RegisterBuilder, client: Client, episode: Episode) -> bool:
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


def _crowded(builder: RegisterBuilder, client: Client, episode: Episode) -> bool:
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


def _vacant(builder: RegisterBuilder, client: Client, episode: Episode) -> bool:
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


def episodes_plant(builder: RegisterBuilder, clients: list[Client]) -> None:
    """Write the episodes of every kind into the registers and note them in ``builder.world.episodes``."""
    for kind, share in EPISODES.items():
        found = _episodes(builder, clients, kind, share)
        builder.world.episodes.setdefault(CONTROL_OF_EPISODE.get(kind, kind), {}).update(found)
