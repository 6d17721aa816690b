"""Shared state and small helpers for generating the demo municipality.

Every random choice goes through ``Ctx.rng`` (one ``random.Random(seed)``), consumed in a fixed order, so a
seed always produces the same municipality. Nothing here reads the clock: dates derive from the reference date.
"""

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from naleving.accounts.demo import DemoStaff
from naleving.accounts.models import User

TZ = ZoneInfo("Europe/Amsterdam")
CENT = Decimal("0.01")
YEARS = 2  # the demo covers this many years before the reference date
AOW_AGE = 67


@dataclass
class Ctx:
    """Everything a generator step needs: the random source, the dates and the demo staff."""

    rng: random.Random
    reference_date: date
    staff: DemoStaff
    counters: dict[str, itertools.count] = field(default_factory=dict)
    team_by_user_id: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for role in (self.staff.consulenten, self.staff.handhavers, self.staff.teamleiders):
            for team, users in role.items():
                self.team_by_user_id.update({user.pk: team for user in users})

    @property
    def period_start(self) -> date:
        return add_years(self.reference_date, -YEARS)

    def next_number(self, key: str) -> int:
        return next(self.counters.setdefault(key, itertools.count(1)))

    def team_of(self, user: User) -> str:
        return self.team_by_user_id[user.pk]

    def consulent(self, team: str) -> User:
        return self.rng.choice(self.staff.consulenten[team])

    def handhaver(self, team: str) -> User:
        return self.rng.choice(self.staff.handhavers[team])

    def teamleider(self, team: str) -> User:
        return self.rng.choice(self.staff.teamleiders[team])


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def random_date(rng: random.Random, start: date, end: date) -> date:
    """A day in [start, end] (both included); ``start`` when the range is empty."""
    span = (end - start).days
    return start if span <= 0 else start + timedelta(days=rng.randint(0, span))


def days_after(rng: random.Random, day: date, low: int, high: int) -> date:
    return day + timedelta(days=rng.randint(low, high))


def office_time(rng: random.Random, day: date) -> datetime:
    """A moment during office hours on ``day``, in Dutch time."""
    return datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=TZ)


def money(value: Decimal | float | int) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def pick(rng: random.Random, weighted: dict[str, float]) -> str:
    """One key of ``weighted``, with probability proportional to its weight."""
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


class WeightedPicker:
    """Fast repeated weighted choice over a fixed population (cumulative weights + bisect)."""

    def __init__(self, items: list, weights: list[float]):
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def __bool__(self) -> bool:
        return bool(self.items) and self.cumulative[-1] > 0

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]
