"""Investigations of the signals routed to onderzoek, with Awb 5.2 actions and hoor en wederhoor (pure)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from naleving.common.bulk import unsaved
from naleving.demo import texts
from naleving.demo.benefits import Grant
from naleving.demo.common import TZ, Ctx, money, office_time, pick, random_date
from naleving.demo.signals import SignalCase
from naleving.investigations.choices import ActionKind, HearingMethod, Outcome, Status
from naleving.investigations.models import FindingMonth, HoorEnWederhoor, Investigation, InvestigativeAction
from naleving.signals.choices import Route, ViolationKind
from naleving.signals.models import Signal

BREACH_SHARE = 0.65
SMALL_BREACH_SHARE = 0.10  # late reports with little or no financial effect (benadelingsbedrag up to €150)
MONTHLY_FIGURES_SHARE = 0.7  # breaches whose benadelingsbedrag is recorded month by month (paid vs entitled)
K = ViolationKind
#: share of the monthly benefit paid too much while the fact went unreported, as (low, high)
OVERPAID_SHARE = {
    K.INCOME: (0.10, 0.50), K.COHABITATION: (0.60, 1.00), K.ADDRESS: (0.30, 1.00), K.HOUSEHOLD: (0.15, 0.45),
    K.ASSETS: (0.50, 1.00), K.VEHICLE: (0.30, 1.00), K.ABROAD: (0.50, 1.00), K.DETENTION: (1.00, 1.00),
    K.STUDY: (0.80, 1.00), K.OTHER: (0.05, 0.30),
}  # fmt: skip
#: how far back an unreported fact may go before it is found; a hidden partner can go unnoticed for years
LOOKBACK_DAYS = {K.COHABITATION: 1100, K.HOUSEHOLD: 720, K.ASSETS: 720}
DEFAULT_LOOKBACK_DAYS = 540


@dataclass
class Case:
    investigation: Investigation
    grant: Grant
    signals: list[Signal]
    actions: list[InvestigativeAction] = field(default_factory=list)
    hearings: list[HoorEnWederhoor] = field(default_factory=list)
    months: list[FindingMonth] = field(default_factory=list)

    @property
    def is_breach(self) -> bool:
        return self.investigation.outcome == Outcome.SCHENDING

    def covers(self, day: date) -> bool:
        """A signal triaged while this investigation runs joins it (one open investigation per resident)."""
        inv = self.investigation
        return inv.closed_on is None or day <= inv.closed_on


def _open(ctx: Ctx, signal_case: SignalCase) -> Case:
    last_day = ctx.reference_date - timedelta(days=1)
    opened = min(signal_case.triaged_on + timedelta(days=ctx.rng.randint(0, 10)), last_day)
    closed = opened + timedelta(days=int(ctx.rng.triangular(20, 180, 60)))
    started = office_time(ctx.rng, opened)
    investigation = unsaved(Investigation,
        resident=signal_case.grant.resident, assigned_to=ctx.handhaver(signal_case.team), opened_on=opened,
        closed_on=closed if closed <= last_day else None, created_at=started, assigned_at=started,
        opened_by=signal_case.signal.triaged_by, updated_at=started, updated_by=signal_case.signal.triaged_by,
    )  # fmt: skip
    case = Case(investigation, signal_case.grant, [signal_case.signal])
    if investigation.closed_on is not None:
        _close(ctx, case, signal_case.signal.kind)
    _log_actions(ctx, case, signal_case.signal.kind)
    return case


def _close(ctx: Ctx, case: Case, kind: str) -> None:
    inv = case.investigation
    inv.status = Status.AFGEROND
    inv.findings_recorded_at = datetime.combine(inv.closed_on, time(15, ctx.rng.randint(0, 29)), tzinfo=TZ)
    inv.closed_at = inv.updated_at = inv.findings_recorded_at + timedelta(minutes=ctx.rng.randint(5, 30))
    inv.findings_recorded_by = inv.closed_by = inv.updated_by = inv.assigned_to
    if ctx.rng.random() >= BREACH_SHARE:
        inv.outcome = Outcome.GEEN_SCHENDING
        inv.conclusion = texts.CONCLUSION[inv.outcome]
        return
    inv.outcome, inv.violation_kind = Outcome.SCHENDING, kind
    inv.conclusion = texts.CONCLUSION[inv.outcome]
    benefit = case.grant.benefit
    end_high = min(inv.opened_on - timedelta(days=1), case.grant.active_until)
    inv.period_end = random_date(ctx.rng, max(benefit.start_date, end_high - timedelta(days=120)), end_high)
    lookback = timedelta(days=LOOKBACK_DAYS.get(kind, DEFAULT_LOOKBACK_DAYS))
    inv.period_start = random_date(
        ctx.rng, max(benefit.start_date, inv.period_end - lookback), inv.period_end
    )
    inv.benadelingsbedrag = _benadeling(ctx, case, kind)
    inv.verwijtbaarheid = pick(ctx.rng, texts.CULPABILITY)
    inv.verwijtbaarheid_motivation = texts.CULPABILITY_MOTIVATION[inv.verwijtbaarheid]
    if ctx.rng.random() < MONTHLY_FIGURES_SHARE:
        case.months = finding_months(inv, case.grant.benefit.monthly_amount)


def _benadeling(ctx: Ctx, case: Case, kind: str) -> Decimal:
    if ctx.rng.random() < SMALL_BREACH_SHARE:
        return money(ctx.rng.uniform(20, 150))
    inv = case.investigation
    months = Decimal((inv.period_end - inv.period_start).days + 1) / Decimal("30.44")
    share = Decimal(str(round(ctx.rng.uniform(*OVERPAID_SHARE[kind]), 3)))
    return max(money(months * case.grant.benefit.monthly_amount * share), Decimal("151.00"))


def finding_months(inv: Investigation, paid: Decimal) -> list[FindingMonth]:
    """The benadelingsbedrag spread evenly over the calendar months of the period: Σ (paid − entitled)
    equals it to the cent, and no month is paid back more than was paid in it."""
    firsts = []
    month = inv.period_start.replace(day=1)
    while month <= inv.period_end:
        firsts.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    share = money(inv.benadelingsbedrag / len(firsts))
    overpaid = [share] * (len(firsts) - 1) + [inv.benadelingsbedrag - share * (len(firsts) - 1)]
    if max(overpaid) > paid or min(overpaid) < 0:
        return []  # the amount does not fit the benefit month by month; keep the entered total only
    return [
        unsaved(FindingMonth, investigation=inv, month=m, paid=paid, entitled=paid - o)
        for m, o in zip(firsts, overpaid, strict=True)
    ]


def _action(ctx: Ctx, inv: Investigation, kind: str, day: date) -> InvestigativeAction:
    return unsaved(InvestigativeAction,
        investigation=inv, kind=kind, reason=texts.ACTION_REASONS[kind], performed_on=day,
        performed_by=inv.assigned_to, notes=ctx.rng.choice(texts.ACTION_NOTES),
        less_intrusive_insufficient=texts.LESS_INTRUSIVE.get(kind, ""),
        consent_given=True if kind == ActionKind.HUISBEZOEK else None, recorded_at=office_time(ctx.rng, day),
    )  # fmt: skip


def _hearing(ctx: Ctx, case: Case, day: date) -> HoorEnWederhoor:
    method = pick(ctx.rng, texts.HEARING_METHODS)
    if method == HearingMethod.GEEN_REACTIE:
        summary = texts.HOOR_NO_REACTION
    else:
        summary = ctx.rng.choice(texts.HOOR_BREACH if case.is_breach else texts.HOOR_NO_BREACH)
    inv = case.investigation
    return unsaved(HoorEnWederhoor,
        investigation=inv, held_on=day, method=method, summary=summary, recorded_by=inv.assigned_to,
        recorded_at=office_time(ctx.rng, day),
    )  # fmt: skip


def _log_actions(ctx: Ctx, case: Case, kind: str, allowed: tuple | None = None) -> None:
    """Actions first, then hoor en wederhoor (always before a finding of breach), by the assigned handhaver.

    ``allowed`` limits the kinds of action (a control group gets no home visit and no observation); when
    none of the kind's actions is allowed, the first allowed one is used."""
    inv = case.investigation
    end = (inv.closed_on or ctx.reference_date) - timedelta(days=1)
    hear = case.is_breach or ctx.rng.random() < (0.4 if inv.closed_on else 0.2)
    hearing_day = random_date(ctx.rng, min(inv.opened_on + timedelta(days=7), end), end) if hear else None
    options = texts.ACTIONS_BY_KIND[kind]
    if allowed is not None:
        options = tuple(a for a in options if a in allowed) or allowed[:1]
    for action_kind in ctx.rng.sample(options, k=ctx.rng.randint(1, len(options))):
        case.actions.append(
            _action(ctx, inv, action_kind, random_date(ctx.rng, inv.opened_on, hearing_day or end))
        )
    if hearing_day is not None:
        case.hearings.append(_hearing(ctx, case, hearing_day))
    if inv.closed_on is None and case.actions:
        inv.updated_at = max(action.recorded_at for action in case.actions)
        inv.updated_by = inv.assigned_to


def investigations_build(ctx: Ctx, signal_cases: list[SignalCase]) -> list[Case]:
    """One investigation per signal routed to onderzoek, unless the resident's running one already covers it."""
    running: dict[str, Case] = {}
    cases: list[Case] = []
    routed = [c for c in signal_cases if c.signal.route == Route.ONDERZOEK and c.grant is not None]
    for signal_case in sorted(routed, key=lambda c: c.triaged_on):
        current = running.get(signal_case.grant.resident.bsn)
        if current is not None and current.covers(signal_case.triaged_on):
            current.signals.append(signal_case.signal)
            continue
        case = _open(ctx, signal_case)
        running[signal_case.grant.resident.bsn] = case
        cases.append(case)
    return cases
