"""Shared state and small helpers for generating the demo municipality.

Every random choice goes through ``Ctx.rng`` (one ``random.Random(seed)``), consumed in a fixed order, so a
seed always produces the same municipality. Nothing here reads the clock: dates derive from the reference date.
Amounts of law and policy (norms, sanctions, four-eyes thresholds) come from ``naleving.rules``, never from
the demo: ``Ctx.decidable`` are the days of the demo period on which the shipped parameters decide.
"""

import bisect
import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from naleving import rules
from naleving.accounts.models import User
from naleving.decisions.engine_request import age_band
from naleving.demo.town import Town
from naleving.demo.users import DemoStaff

TZ = ZoneInfo("Europe/Amsterdam")
CENT = Decimal("0.01")
YEARS = 2  # the demo covers this many years before the reference date
AOW_AGE = 67
ONE_DAY = timedelta(days=1)


class DemoPeriodError(RuntimeError):
    """The decision engine has no parameters for any day of the demo period."""


@dataclass
class Ctx:
    """Everything a generator step needs: the random source, the dates and the demo staff."""

    rng: random.Random
    reference_date: date
    staff: DemoStaff
    #: the engine's parameter source, as ``ruleset.selectors.source()`` gives it to the real flow: the seq of
    #: the last approved parameter set (None: the shipped files only) and the registry with the sets up to it
    parameter_set_seq: int | None = None
    registry: rules.Registry = field(default_factory=rules.default_registry)
    counters: dict[str, itertools.count] = field(default_factory=dict)
    team_by_user_id: dict[int, str] = field(default_factory=dict)
    #: look-ups of the engine that many decisions share (the four-eyes policy per profile and date)
    engine_cache: dict[tuple, object] = field(default_factory=dict, repr=False)
    #: the organisation's wijken and who serves them (``town.Town``)
    town: Town | None = field(default=None, repr=False)
    #: the policy profile of each municipality (by primary key) that names one; the others use the default
    profiles: dict[int, str] = field(default_factory=dict)
    _decidable: tuple[date, date] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for role in (self.staff.consulenten, self.staff.handhavers, self.staff.teamleiders):
            for team, users in role.items():
                self.team_by_user_id.update({user.pk: team for user in users})

    @property
    def period_start(self) -> date:
        return add_years(self.reference_date, -YEARS)

    @property
    def decidable(self) -> tuple[date, date]:
        """The first and last day of the demo period on which the engine can decide (``decidable_window``) for
        every profile the organisation's municipalities use; decision dates and the norms of benefits are kept
        within them."""
        if self._decidable is None:
            last = self.reference_date - ONE_DAY
            windows = [
                decidable_window(profile, self.period_start, last, self.registry)
                for profile in sorted({settings.NALEVING_DEFAULT_PROFILE, *self.profiles.values()})
            ]
            window = None
            if all(windows):
                first, until = max(w[0] for w in windows if w), min(w[1] for w in windows if w)
                window = (first, until) if first <= until else None
            if window is None:
                raise DemoPeriodError(
                    f"De beslisregels hebben geen bedragen voor de periode {self.period_start:%d-%m-%Y} tot en "
                    f"met {last:%d-%m-%Y}; kies een peildatum waarvoor de normen bekend zijn (naleving rules show)."
                )
            self._decidable = window
        return self._decidable

    def decidable_for(self, resident) -> tuple[date, date]:
        """``decidable``, within the period the policy profile of the resident's municipality is in force (the
        engine refuses a decision under a profile on a day outside it)."""
        first, last = self.decidable
        profile = self.registry.profile(self.profile_of(resident))
        return max(first, profile.valid_from), min(last, profile.valid_to or last)

    def profile_of(self, resident) -> str:
        """The policy profile of the resident's municipality, as ``decisions.engine_request`` chooses it."""
        return self.profiles.get(resident.gemeente_id) or settings.NALEVING_DEFAULT_PROFILE

    def caseload_of(self, district: str) -> str:
        """The team or municipality whose staff serve the wijk (``Town.caseload``)."""
        assert self.town is not None, "the demo's Ctx is made with its town"
        return self.town.caseload(district)

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


def decidable_window(
    profile: str, start: date, end: date, registry: rules.Registry | None = None
) -> tuple[date, date] | None:
    """The first run of days in [start, end] on which every parameter of ``profile`` has a value, as
    ``rules.parameter_gaps`` reports them; None when there is no such day.

    Derived from the shipped parameters rather than written down, so the demo follows them: with the norms
    of 2025-01-01 .. 2026-12-31 and the default reference date 2026-11-01 it is 2025-01-01 .. 2026-10-31; a
    reference date after 2026 ends the window on 2026-12-31 until the next norms are added."""
    day = start
    while day <= end:
        gaps = rules.parameter_gaps(profile, day, (end - day).days, registry)
        if not any(gap["status"] == "missing" for gap in gaps):
            ends = [date.fromisoformat(str(gap["gap_from"])) - ONE_DAY for gap in gaps]
            return day, min([end, *ends])
        day += ONE_DAY
    return None


def norm_on(ctx: Ctx, resident, day: date) -> Decimal:
    """The monthly norm (``rules.norm``) for the resident's household on ``day``, moved into the days the
    engine has parameters for (``Ctx.decidable``)."""
    first, last = ctx.decidable
    on = min(max(day, first), last)
    band = age_band(resident.birth_date, on)
    return rules.norm(resident.household_type, band, resident.kostendelers, on, ctx.registry)


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
