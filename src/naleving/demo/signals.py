"""Signals from every origin and of every kind, most of them triaged (pure: no database access)."""

from dataclasses import dataclass
from datetime import date, timedelta

from naleving.common.bulk import unsaved
from naleving.demo import texts
from naleving.demo.benefits import Grant
from naleving.demo.common import Ctx, WeightedPicker, office_time, pick, random_date
from naleving.signals.choices import Origin, Route
from naleving.signals.models import Signal

ROUTES = {Route.GEEN_ACTIE: 0.34, Route.PREVENTIEF_CONTACT: 0.33, Route.ONDERZOEK: 0.33}
UNTRACEABLE_ANONYMOUS = 0.35  # share of anonymous reports that point to nobody the municipality can trace
RECENT_DAYS = 21  # signals younger than this are mostly still waiting for triage


@dataclass
class SignalCase:
    signal: Signal
    grant: Grant | None
    team: str
    triaged_on: date | None = None


def _reference(ctx: Ctx, origin: str, kind: str, received: date) -> str:
    if origin == Origin.INLICHTINGENBUREAU:
        return f"IB-{received.year}-{ctx.next_number('ib'):07d}"
    if origin == Origin.BRP_LAA:
        return f"LAA-{received.year}-{ctx.next_number('laa'):06d}"
    if origin == Origin.THEMACONTROLE:
        return f"TC-{texts.THEME_CONTROLS[kind]}-{received.year}-{ctx.next_number('tc'):06d}"
    if origin == Origin.KETENPARTNER and ctx.rng.random() < 0.5:
        return f"KP-{ctx.next_number('kp'):06d}"
    return ""


def _description(ctx: Ctx, origin: str, kind: str, fact_date: date, district: str) -> str:
    prefix = texts.ORIGIN_PREFIX[origin].format(
        product=texts.IB_PRODUCTS.get(kind, ""),
        partner=ctx.rng.choice(texts.CHAIN_PARTNERS),
        control=texts.THEME_CONTROLS.get(kind, ""),
    )
    body = ctx.rng.choice(texts.KIND_DESCRIPTIONS[kind]).format(
        date=f"{fact_date:%d-%m-%Y}", district=district
    )
    return f"{prefix} {body}"


def _origin_and_kind(ctx: Ctx) -> tuple[str, str]:
    origin = pick(ctx.rng, texts.ORIGINS)
    kinds = texts.KINDS_BY_ORIGIN[origin]
    if origin == Origin.THEMACONTROLE:
        kinds = {k: w for k, w in kinds.items() if k in texts.THEME_CONTROLS}
    return origin, pick(ctx.rng, kinds)


def _registrar(ctx: Ctx, origin: str, grant: Grant | None, team: str):
    if origin == Origin.ANONIEME_MELDING:
        return None  # filed by a resident through the public form
    if origin in (Origin.COLLEGA, Origin.ZELFMELDING) and grant is not None:
        return grant.resident.consulent
    return ctx.handhaver(team)


def signal_build(ctx: Ctx, grant: Grant | None) -> SignalCase:
    """One signal about the resident of ``grant`` (or, when None, an anonymous report about nobody traceable)."""
    if grant is None:
        origin = Origin.ANONIEME_MELDING
        kind = pick(ctx.rng, texts.KINDS_BY_ORIGIN[origin])
        received = random_date(ctx.rng, ctx.period_start, ctx.reference_date - timedelta(days=1))
        assert ctx.town is not None
        district = ctx.rng.choice(list(ctx.town.districts))
        team = ctx.caseload_of(district)
        gemeente_id = ctx.town.streets[district][0].gemeente_id
    else:
        origin, kind = _origin_and_kind(ctx)
        received = random_date(ctx.rng, grant.active_from, grant.active_until)
        team, district = grant.team, grant.resident.district
        gemeente_id = grant.resident.gemeente_id
    fact_date = max(
        received - timedelta(days=ctx.rng.randint(10, 120)), grant.benefit.start_date if grant else received
    )
    signal = unsaved(Signal,
        resident=grant.resident if grant else None, origin=origin, kind=kind, received_on=received,
        description=_description(ctx, origin, kind, fact_date, district),
        external_reference=_reference(ctx, origin, kind, received), registered_by=_registrar(ctx, origin, grant, team),
    )  # fmt: skip
    signal.gemeente_id = (
        gemeente_id  # ADR 0021: the resident's municipality, or the wijk's for nobody traceable
    )
    if grant is None:
        signal.subject_address = f"wijk {district} (adres niet volledig opgegeven)"
    case = SignalCase(signal, grant, team)
    _triage(ctx, case)
    return case


def _triage(ctx: Ctx, case: SignalCase) -> None:
    signal, last_day = case.signal, ctx.reference_date - timedelta(days=1)
    recent = signal.received_on > ctx.reference_date - timedelta(days=RECENT_DAYS)
    triaged_on = signal.received_on + timedelta(days=ctx.rng.randint(1, 12))
    if ctx.rng.random() < (0.8 if recent else 0.02) or triaged_on > last_day:
        return  # still waiting for triage
    if case.grant is None:
        route, motivation = Route.GEEN_ACTIE, texts.TRIAGE_ANONYMOUS
    else:
        route = pick(ctx.rng, ROUTES)
        motivation = ctx.rng.choice(texts.TRIAGE[route])
    triager = ctx.handhaver(case.team) if ctx.rng.random() < 0.6 else ctx.teamleider(case.team)
    signal.route, signal.triage_motivation, signal.triaged_by = route, motivation, triager
    signal.proportionality_note, signal.subsidiarity_note = (
        texts.PROPORTIONALITY[route],
        texts.SUBSIDIARITY[route],
    )
    signal.triaged_at = office_time(ctx.rng, triaged_on)
    case.triaged_on = triaged_on


def signals_build(ctx: Ctx, grants: list[Grant], count: int) -> list[SignalCase]:
    """``count`` signals, spread over the benefits in proportion to how long each ran."""
    picker = WeightedPicker(grants, [grant.active_days for grant in grants])
    cases = []
    for _ in range(count):
        anonymous_untraceable = (
            ctx.rng.random() < texts.ORIGINS[Origin.ANONIEME_MELDING] * UNTRACEABLE_ANONYMOUS
        )
        grant = None if anonymous_untraceable or not picker else picker(ctx.rng)
        cases.append(signal_build(ctx, grant))
    return cases
