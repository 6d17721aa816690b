"""Applications at the gate and the benefits granted on them (pure: no database access).

About 58% of the benefits were already running when the two-year period began (the existing caseload,
started up to eight years earlier, without an application in the period); the others start in the period
on an application. Benefits that end, end within the period. A few residents whose benefit ended apply
again within six months and get a new benefit (``RESTART_PERCENT``): the restarts that make a termination
not durable in report indicator D1.

Monthly amounts follow the norm (``rules.norm``: Pw 20-22 incl. holiday allowance, with the kostendelersnorm
of art. 22a) in force on the benefit's last day, or the reference date while it runs, moved into the days the
engine has parameters for (``Ctx.decidable``). IOAW, IOAZ and Bbz use the same levels here, a simplification
for the demo.
"""

import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from naleving.common.bulk import unsaved
from naleving.demo.common import AOW_AGE, Ctx, add_years, age_on, money, norm_on, random_date
from naleving.demo.people import Household
from naleving.residents.choices import ApplicationOutcome, Regulation
from naleving.residents.models import Application, Benefit, Resident

GRANT_SHARE = 0.86  # of the residents who apply themselves (partners share the household's benefit)
RUNNING_SHARE = 0.58  # of the benefits: the caseload already running when the period starts (up to 8 years)
ENDED_SHARE = {"running": 0.35, "new": 0.22}  # benefits that end within the period
#: of the ended benefits (not ended by the AOW age): the resident applies again and gets a new benefit within
#: RESTART_WITHIN days (under D1's 183). Chosen by the resident's BSN, not by ``ctx.rng``: drawing from it
#: would change every later draw of the demo.
RESTART_PERCENT = 12
RESTART_WITHIN = 150


@dataclass
class Grant:
    """A benefit with the facts later steps need, so they never have to query the database."""

    resident: Resident
    benefit: Benefit
    team: str
    period_start: date
    reference_date: date
    #: a new benefit the resident got within six months after this one ended (report indicator D1)
    restart: Benefit | None = None

    @property
    def benefits(self) -> list[Benefit]:
        """The benefit and, when the resident came back, the one after it."""
        return [self.benefit] if self.restart is None else [self.benefit, self.restart]

    @property
    def is_new(self) -> bool:
        return self.benefit.start_date >= self.period_start

    @property
    def active_from(self) -> date:
        """The first day of the benefit within the demo period."""
        return max(self.benefit.start_date, self.period_start)

    @property
    def active_until(self) -> date:
        return self.benefit.end_date or self.reference_date - timedelta(days=1)

    @property
    def active_days(self) -> int:
        """Days the benefit ran within the demo period."""
        return (self.active_until - self.active_from).days + 1

    def active_on(self, day: date) -> bool:
        return self.benefit.start_date <= day <= self.active_until


def _regulation(ctx: Ctx, resident: Resident, on: date) -> str:
    age, roll = age_on(resident.birth_date, on), ctx.rng.random()
    if resident.birth_date.year < 1965 and age >= 60 and roll < 0.35:
        return Regulation.IOAW
    if age >= 55 and roll < 0.05:
        return Regulation.IOAZ
    if roll > 0.96:
        return Regulation.BBZ
    return Regulation.PW


def _end_date(ctx: Ctx, resident: Resident, start: date) -> date | None:
    last_day = ctx.reference_date - timedelta(days=1)
    aow_day = add_years(resident.birth_date, AOW_AGE)
    if start < aow_day <= last_day:
        return aow_day - timedelta(days=1)  # from the AOW age on, the SVB pays the pension
    earliest = max(start + timedelta(days=30), ctx.decidable[0], ctx.period_start)
    chance = ENDED_SHARE["new" if start >= ctx.period_start else "running"]
    if ctx.rng.random() < chance and earliest <= last_day:
        return random_date(ctx.rng, earliest, last_day)
    return None


def _benefit(ctx: Ctx, resident: Resident, regulation: str, start: date) -> Benefit:
    end = _end_date(ctx, resident, start)
    norm = norm_on(ctx, resident, end or ctx.reference_date)
    amount = norm
    if ctx.rng.random() < (0.6 if regulation == Regulation.BBZ else 0.2):  # part-time income is deducted
        amount = money(norm * Decimal(str(round(1 - ctx.rng.uniform(0.1, 0.7), 3))))
    return unsaved(Benefit,
        resident=resident, regulation=regulation, start_date=start, end_date=end, monthly_amount=amount,
        norm_amount=norm, household_type=resident.household_type, kostendelers=resident.kostendelers,
    )  # fmt: skip


def _application(resident: Resident, regulation: str, received: date, decided: date | None, outcome: str):
    return unsaved(Application,
        resident=resident, regulation=regulation, received_on=received, decided_on=decided,
        outcome=outcome, handled_by=resident.consulent,
    )  # fmt: skip


def _refused(ctx: Ctx, resident: Resident, received: date) -> Application:
    decided = received + timedelta(days=ctx.rng.randint(5, 56))
    outcome = ApplicationOutcome.AFGEWEZEN if ctx.rng.random() < 0.65 else ApplicationOutcome.INGETROKKEN
    if decided >= ctx.reference_date:
        decided, outcome = None, ApplicationOutcome.IN_BEHANDELING
    return _application(resident, Regulation.PW, received, decided, outcome)


def _grant(ctx: Ctx, resident: Resident, regulation: str, start: date) -> Grant:
    benefit = _benefit(ctx, resident, regulation, start)
    return Grant(resident, benefit, ctx.caseload_of(resident.district), ctx.period_start, ctx.reference_date)


def _running_since(ctx: Ctx, resident: Resident) -> date | None:
    """Start of a benefit already running when the period began (from age 21, up to 8 years before)."""
    earliest = max(add_years(resident.birth_date, 21), add_years(ctx.period_start, -8))
    latest = min(ctx.period_start, add_years(resident.birth_date, AOW_AGE)) - timedelta(days=60)
    return random_date(ctx.rng, earliest, latest) if earliest <= latest else None


def apply_for(ctx: Ctx, resident: Resident) -> tuple[list[Application], Grant | None]:
    """The applications of one resident within the period and the benefit, running or granted on one."""
    granted = ctx.rng.random() < GRANT_SHARE
    if granted and ctx.rng.random() < RUNNING_SHARE and (start := _running_since(ctx, resident)) is not None:
        return [], _grant(ctx, resident, _regulation(ctx, resident, start), start)
    received = random_date(ctx.rng, ctx.period_start, ctx.reference_date - timedelta(days=1))
    age = age_on(resident.birth_date, received)
    if not granted or age < 21 or age >= AOW_AGE:
        return [_refused(ctx, resident, received)], None
    regulation = _regulation(ctx, resident, received)
    decided = received + timedelta(days=ctx.rng.randint(10, 56))  # the legal term is 8 weeks
    if decided >= ctx.reference_date:
        return [_application(resident, regulation, received, None, ApplicationOutcome.IN_BEHANDELING)], None
    applications = [_application(resident, regulation, received, decided, ApplicationOutcome.TOEGEKEND)]
    if ctx.rng.random() < 0.1 and received - timedelta(days=90) > ctx.period_start:  # an earlier attempt
        earlier = random_date(ctx.rng, ctx.period_start, received - timedelta(days=90))
        applications.insert(0, _refused(ctx, resident, earlier))
    return applications, _grant(ctx, resident, regulation, received)


def restart_for(ctx: Ctx, grant: Grant) -> tuple[Application, Benefit] | None:
    """For a few ended benefits: the resident's new application within ``RESTART_WITHIN`` days after the end,
    granted, and the benefit on it (running at the reference date). Decided by a hash of the BSN, so it is
    deterministic and leaves ``ctx.rng`` alone."""
    ended, resident = grant.benefit, grant.resident
    if ended.end_date is None:
        return None
    roll = zlib.crc32(f"herstart {resident.bsn}".encode())
    start = ended.end_date + timedelta(days=1 + (roll // 100) % RESTART_WITHIN)
    decided = start + timedelta(days=10 + (roll // 100_000) % 40)
    aow_day = add_years(resident.birth_date, AOW_AGE)
    if roll % 100 >= RESTART_PERCENT or decided >= ctx.reference_date or start >= aow_day - timedelta(days=1):
        return None
    application = _application(resident, ended.regulation, start, decided, ApplicationOutcome.TOEGEKEND)
    norm = norm_on(ctx, resident, ctx.reference_date)  # it runs: the norm of the reference date
    share = ended.monthly_amount / ended.norm_amount  # the same part-time income deducted as before
    benefit = unsaved(Benefit,
        resident=resident, regulation=ended.regulation, start_date=start, end_date=None,
        monthly_amount=min(money(norm * share), norm), norm_amount=norm,
        household_type=resident.household_type, kostendelers=resident.kostendelers,
    )  # fmt: skip
    return application, benefit


def benefits_build(ctx: Ctx, households: list[Household]) -> tuple[list[Application], list[Grant]]:
    """Every resident who is not somebody's partner applies once; partners share the household's benefit.
    A few come back after their benefit ended (``restart_for``; ``Grant.benefits`` holds both)."""
    applications: list[Application] = []
    grants: list[Grant] = []
    for household in households:
        for resident in household.members:
            apps, grant = apply_for(ctx, resident)
            applications.extend(apps)
            if grant is not None:
                grants.append(grant)
    for grant in grants:
        if (restart := restart_for(ctx, grant)) is not None:
            application, grant.restart = restart
            applications.append(application)
    return applications, grants
