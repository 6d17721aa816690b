"""The assessment of the signals Demostad's theme controls released: triage and investigation (demo).

Pure builders and bulk inserts, the way the rest of the demo builds its cases: the selected clients turn out
to have breached the inlichtingenplicht clearly more often than the control group, so the register shows a
lift. ``theme_controls`` releases the signals; this module triages them, opens or joins investigations,
closes them with findings and decides them.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Model

from naleving.claims.models import Aflossing, Vordering
from naleving.controls.models import ControlHit, ControlRun
from naleving.decisions.engine_request import HISTORY_TYPE
from naleving.decisions.models import Besluit, BesluitStatus
from naleving.demo import texts
from naleving.demo.benefits import Grant
from naleving.demo.claims import claims_build
from naleving.demo.common import TZ, Ctx, office_time, pick, random_date
from naleving.demo.decisions import Earlier, decisions_build
from naleving.demo.investigations import (
    MONTHLY_FIGURES_SHARE,
    Case,
    _benadeling,
    _log_actions,
    finding_months,
)
from naleving.investigations.choices import ActionKind, Outcome, Status
from naleving.investigations.models import FindingMonth, HoorEnWederhoor, Investigation, InvestigativeAction
from naleving.signals.choices import Route
from naleving.signals.models import Signal

SignalLink = Investigation.signals.through
Insert = Callable[[type[Model], list], None]

#: share of the closed investigations that established a breach: the selected clients of each control,
#: and the control group (drawn at random from the clients not hit)
BREACH_SHARE = {
    "voertuigen": 0.30,
    "vermogen": 0.45,
    "kostendelers": 0.40,
    "brp_adres": 0.40,
    "adresbezetting": 0.35,
}
CONTROL_GROUP_BREACH_SHARE = 0.04
#: an outcome disparity the outcome review flags (issue #23): the BRP-address filter's hits on single
#: residents (alleenstaanden) mostly turn out to be a late change of address, not a breach; the others
#: are breaches more often than the filter's share. Per control: (attribute of the benefit, {group: share}).
OUTCOME_SKEW = {"brp_adres": ("household_type", {"alleenstaande": 0.25, "": 0.95})}
CONTROL_GROUP_LOOKBACK = timedelta(days=150)  # its breaches are recent, unreported changes
LONG_SHARE = 0.2  # investigations that wait long for documents (some of the spring's are still open)
#: triage of a hit: most go to an investigation; a few are settled with a conversation or need nothing
HIT_ROUTES = {Route.ONDERZOEK: 0.88, Route.PREVENTIEF_CONTACT: 0.08, Route.GEEN_ACTIE: 0.04}
#: the control group is assessed the same way, without a home visit or observation without a reason
CONTROL_GROUP_ACTIONS = (
    ActionKind.INLICHTINGEN_VORDEREN,
    ActionKind.GESPREK,
    ActionKind.OPEN_BRONNENONDERZOEK,
)
TRIAGE_HIT = (
    "Treffer uit de themacontrole met controleerbare gegevens; onderzoek is nodig om het recht op bijstand vast "
    "te stellen. De treffer zelf is geen bewijs.",
    "De gegevens uit de run (zie de onderbouwing) wijzen op een mogelijk benadelingsbedrag; een verzoek om "
    "stukken alleen volstaat niet.",
)
TRIAGE_CONTROL_GROUP = (
    "Controlegroep: het dossier wordt op dezelfde manier beoordeeld als de treffers, met een verzoek om stukken "
    "en een gesprek; geen huisbezoek of waarneming zonder redelijke grond."
)
TRIAGE_REPEAT = {
    Outcome.SCHENDING: "Eerder onderzocht na een vorige run van dit filter: schending vastgesteld en de uitkering is "
    "herzien. De treffer bevat geen nieuwe feiten.",
    Outcome.GEEN_SCHENDING: "Eerder onderzocht na een vorige run van dit filter, zonder schending; de treffer bevat "
    "geen nieuwe feiten.",
}


@dataclass
class Released:
    """A released hit or control-group member, its signal and what the demo knows about the client."""

    run: ControlRun
    hit: ControlHit
    signal: Signal
    grant: Grant
    released_on: date
    onset: date | None  # when the episode the control found began (None for the control group)
    triaged_on: date = date.min


@dataclass
class _Busy:
    """The investigations of one resident over time: (opened, closed or None, existing pk or new Case)."""

    spans: list[tuple[date, date | None, int | Case]] = field(default_factory=list)

    def covering(self, day: date) -> int | Case | None:
        for opened, closed, target in self.spans:
            if opened <= day and (closed is None or day <= closed):
                return target
        return None

    def next_start(self, day: date) -> tuple[date, int | Case] | None:
        later = [(opened, target) for opened, _closed, target in self.spans if opened > day]
        return min(later, key=lambda item: item[0]) if later else None


@dataclass
class Assessment:
    cases: list[Case] = field(default_factory=list)
    links: list = field(default_factory=list)  # SignalLink rows to investigations that already existed
    signals: list[Signal] = field(default_factory=list)
    due: dict[tuple[str, bool], float] = field(default_factory=dict)

    def breach(self, rng: random.Random, control: str, control_group: bool, group: str = "") -> bool:
        """Systematic sampling: per control (and for the control groups together) close to its share of
        breaches in a random order, so a small demo shows the intended rates rather than the luck of a few draws.
        A control in ``OUTCOME_SKEW`` counts per group of its attribute (``group``), each with its own share."""
        share = CONTROL_GROUP_BREACH_SHARE if control_group else BREACH_SHARE.get(control, 0.35)
        key = ("", True) if control_group else (control, False)  # the controls' groups overlap: one count
        if not control_group and control in OUTCOME_SKEW:
            shares = OUTCOME_SKEW[control][1]
            group = group if group in shares else ""
            share, key = shares[group], (f"{control}:{group}", False)
        self.due[key] = self.due.get(key, rng.random()) + share
        if self.due[key] < 1:
            return False
        self.due[key] -= 1
        return True


def released_assess(ctx: Ctx, released: list[Released]) -> Assessment:
    """Triage every released signal in the order it was triaged; investigate those routed to an investigation."""
    last_day = ctx.reference_date - timedelta(days=1)
    for item in released:
        item.triaged_on = min(item.released_on + timedelta(days=ctx.rng.randint(1, 10)), last_day)
    busy = _existing(released)
    assessment = Assessment()
    investigated: dict[tuple[int, str], Case] = {}
    for item in sorted(
        released, key=lambda i: (i.triaged_on, i.hit.in_control_group, i.run.filter.name, i.hit.client_id)
    ):
        signal, grant, control = item.signal, item.grant, item.run.filter.name
        previous = investigated.get((grant.resident.pk, control))
        route = Route.ONDERZOEK if item.hit.in_control_group else pick(ctx.rng, HIT_ROUTES)
        if (
            previous is not None
            and previous.investigation.closed_on
            and previous.investigation.closed_on < item.triaged_on
        ):
            route, motivation = Route.GEEN_ACTIE, TRIAGE_REPEAT[previous.investigation.outcome]
        elif item.hit.in_control_group:
            motivation = TRIAGE_CONTROL_GROUP
        elif route == Route.ONDERZOEK:
            motivation = ctx.rng.choice(TRIAGE_HIT)
        else:
            motivation = ctx.rng.choice(texts.TRIAGE[route])
        _triage(ctx, item, route, motivation)
        assessment.signals.append(signal)
        if route != Route.ONDERZOEK:
            continue
        case = _investigate(ctx, item, busy.setdefault(grant.resident.pk, _Busy()), assessment)
        if case is not None:
            investigated[grant.resident.pk, control] = case
    return assessment


def _existing(released: list[Released]) -> dict[int, _Busy]:
    """The investigations the demo already holds for the residents concerned."""
    busy: dict[int, _Busy] = {}
    ids = {item.grant.resident.pk for item in released}
    rows = Investigation.objects.filter(resident_id__in=ids).values_list(
        "resident_id", "opened_on", "closed_on", "pk"
    )
    for resident_id, opened, closed, pk in rows.order_by("opened_on", "pk"):
        busy.setdefault(resident_id, _Busy()).spans.append((opened, closed, pk))
    return busy


def _triage(ctx: Ctx, item: Released, route: str, motivation: str) -> None:
    signal, team = item.signal, item.grant.team
    signal.route, signal.triage_motivation = route, motivation
    signal.proportionality_note, signal.subsidiarity_note = (
        texts.PROPORTIONALITY[route],
        texts.SUBSIDIARITY[route],
    )
    signal.triaged_by = ctx.handhaver(team) if ctx.rng.random() < 0.6 else ctx.teamleider(team)
    signal.triaged_at = office_time(ctx.rng, item.triaged_on)


def _join(target: int | Case, signal: Signal, assessment: Assessment) -> None:
    if isinstance(target, Case):
        target.signals.append(signal)
    else:
        assessment.links.append(SignalLink(investigation_id=target, signal_id=signal.pk))


def _investigate(ctx: Ctx, item: Released, busy: _Busy, assessment: Assessment) -> Case | None:
    """Join the resident's running investigation, or open one that ends before the next one starts."""
    last_day = ctx.reference_date - timedelta(days=1)
    opened = min(item.triaged_on + timedelta(days=ctx.rng.randint(0, 10)), last_day)
    for day in (item.triaged_on, opened):
        target = busy.covering(day)
        if target is not None:
            _join(target, item.signal, assessment)
            return target if isinstance(target, Case) else None
    days = (
        ctx.rng.randint(190, 320) if ctx.rng.random() < LONG_SHARE else int(ctx.rng.triangular(20, 150, 50))
    )
    closed: date | None = opened + timedelta(days=days)
    following = busy.next_start(opened)
    if following is not None and (closed > last_day or closed >= following[0]):
        closed = following[0] - timedelta(days=1)
        if closed < opened + timedelta(days=14):  # too close to the next one: the signal joins that
            _join(following[1], item.signal, assessment)
            return None
    closed = closed if closed <= last_day else None
    started = office_time(ctx.rng, opened)
    triager = item.signal.triaged_by
    investigation = Investigation(
        resident=item.grant.resident, assigned_to=ctx.handhaver(item.grant.team), opened_on=opened, closed_on=closed,
        created_at=started, assigned_at=started, opened_by=triager, updated_at=started, updated_by=triager,
    )  # fmt: skip
    case = Case(investigation, item.grant, [item.signal])
    busy.spans.append((opened, closed, case))
    control_group = item.hit.in_control_group
    if closed is not None:
        skew = OUTCOME_SKEW.get(item.run.filter.name)
        group = str(getattr(item.grant.benefit, skew[0], "")) if skew else ""
        _close(ctx, case, item, assessment.breach(ctx.rng, item.run.filter.name, control_group, group))
    _log_actions(ctx, case, item.signal.kind, CONTROL_GROUP_ACTIONS if control_group else None)
    assessment.cases.append(case)
    return case


def _close(ctx: Ctx, case: Case, item: Released, breach: bool) -> None:
    """Findings as in investigations._close; a hit's breach starts when the episode the control found began."""
    inv, kind = case.investigation, item.signal.kind
    inv.status = Status.AFGEROND
    inv.findings_recorded_at = datetime.combine(inv.closed_on, time(15, ctx.rng.randint(0, 29)), tzinfo=TZ)
    inv.closed_at = inv.updated_at = inv.findings_recorded_at + timedelta(minutes=ctx.rng.randint(5, 30))
    inv.findings_recorded_by = inv.closed_by = inv.updated_by = inv.assigned_to
    inv.outcome = Outcome.SCHENDING if breach else Outcome.GEEN_SCHENDING
    inv.conclusion = texts.CONCLUSION[inv.outcome]
    if not breach:
        return
    inv.violation_kind = kind
    benefit = case.grant.benefit
    end_high = min(inv.opened_on - timedelta(days=1), case.grant.active_until)
    inv.period_end = random_date(ctx.rng, max(benefit.start_date, end_high - timedelta(days=60)), end_high)
    if item.onset is not None:  # from the day the situation the control found began
        inv.period_start = min(max(benefit.start_date, item.onset), inv.period_end)
    else:  # the control group: a recent change nobody reported, found by reading the dossier
        earliest = max(benefit.start_date, inv.period_end - CONTROL_GROUP_LOOKBACK)
        inv.period_start = random_date(ctx.rng, earliest, inv.period_end)
    inv.benadelingsbedrag = _benadeling(ctx, case, kind)
    inv.verwijtbaarheid = pick(ctx.rng, texts.CULPABILITY)
    inv.verwijtbaarheid_motivation = texts.CULPABILITY_MOTIVATION[inv.verwijtbaarheid]
    if ctx.rng.random() < MONTHLY_FIGURES_SHARE:
        case.months = finding_months(inv, benefit.monthly_amount)


def _earlier_sanctions(cases: list[Case]) -> dict[int, list[Earlier]]:
    """The warnings, fines and reports the rest of the demo already decided for these residents, oldest
    first: the history their new decisions are taken with (one query)."""
    earlier: dict[int, list[Earlier]] = {}
    rows = Besluit.objects.filter(
        resident_id__in={case.grant.resident.pk for case in cases if case.is_breach},
        status=BesluitStatus.VASTGESTELD,
        sanction_type__in=list(HISTORY_TYPE),
    ).order_by("decision_date", "pk")
    for resident_id, *item in rows.values_list(
        "resident_id", "decision_date", "sanction_type", "investigation__violation_kind"
    ):
        earlier.setdefault(resident_id, []).append(tuple(item))
    return earlier


def assessment_insert(ctx: Ctx, assessment: Assessment, insert: Insert) -> None:
    """Store the triage, the investigations with their actions and findings, the besluiten and the claims."""
    for signal in assessment.signals:  # one plain UPDATE each: much faster than bulk_update's CASE per field
        Signal.objects.filter(pk=signal.pk).update(
            received_on=signal.received_on, route=signal.route, triage_motivation=signal.triage_motivation,
            proportionality_note=signal.proportionality_note, subsidiarity_note=signal.subsidiarity_note,
            triaged_at=signal.triaged_at, triaged_by=signal.triaged_by,
        )  # fmt: skip
    cases = assessment.cases
    insert(Investigation, [case.investigation for case in cases])
    links = [
        SignalLink(investigation_id=c.investigation.pk, signal_id=s.pk) for c in cases for s in c.signals
    ]
    insert(SignalLink, links + assessment.links)
    insert(InvestigativeAction, [action for case in cases for action in case.actions])
    insert(HoorEnWederhoor, [hearing for case in cases for hearing in case.hearings])
    insert(FindingMonth, [month for case in cases for month in case.months])
    decisions = decisions_build(ctx, cases, _earlier_sanctions(cases))
    insert(Besluit, [decision.besluit for decision in decisions])
    claims_build(ctx, decisions)
    insert(Vordering, [claim for decision in decisions for claim, _payments in decision.claims])
    insert(Aflossing, [p for decision in decisions for _claim, payments in decision.claims for p in payments])
