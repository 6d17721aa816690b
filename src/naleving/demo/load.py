"""Loading the demo organisation: generate in chunks of residents, insert each chunk with COPY (``bulk.py``).

The organisation is Gemeente Demostad (the default) or a shared service centre with its municipalities
(``demo.organisations``): the residents are spread over their wijken, each in its own municipality.

The generators are pure and consume one seeded random source in a fixed order, so a seed always gives the
same municipality. Rows are inserted in batches without per-row save() or audit events; one ``demo.loaded``
event records the counts. Then the theme controls get a year of history through their own services (which
record their audit events), see ``theme_controls.py``. The whole load runs in one transaction: it lands completely
or not at all.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Model, OuterRef, Subquery
from faker import Faker

from naleving.audit.services import audit_record
from naleving.claims.models import Aflossing, Vordering
from naleving.common.bulk import (
    copy_insert,
    foreign_keys_checked_at_the_end,
    foreign_keys_checked_per_statement,
)
from naleving.controls.models import ControlHit, ControlRun, Delivery
from naleving.decisions.models import Besluit
from naleving.demo.benefits import benefits_build
from naleving.demo.claims import claims_build
from naleving.demo.collection import collection_load
from naleving.demo.common import YEARS, Ctx
from naleving.demo.decisions import decisions_build
from naleving.demo.gemeenten import organisation_check, organisation_ensure
from naleving.demo.investigations import investigations_build
from naleving.demo.maatregelen import maatregelen_load
from naleving.demo.objections import objections_load
from naleving.demo.organisations import DEFAULT_ORGANISATION, ORGANISATIONS
from naleving.demo.people import Household, NamePools, households_build, name_pools
from naleving.demo.prevention import prevention_build
from naleving.demo.signals import signals_build
from naleving.demo.theme_controls import theme_controls_load
from naleving.demo.town import Town, town_build
from naleving.demo.users import demo_users_ensure
from naleving.investigations.access import access_final_on_refresh
from naleving.investigations.models import FindingMonth, HoorEnWederhoor, Investigation, InvestigativeAction
from naleving.prevention.models import PreventiveIntervention, Referral
from naleving.residents.models import Application, Benefit, Resident
from naleving.retention.services import destruction_list_propose
from naleving.ruleset.selectors import source as ruleset_source
from naleving.signals.models import Signal

DEFAULT_REFERENCE_DATE = date(2026, 11, 1)
SIGNALS_PER_RESIDENT_YEAR = 0.3
CHUNK_RESIDENTS = 5000
BATCH_SIZE = 2000
SignalLink = Investigation.signals.through
#: every table the demo fills, in insertion order
MODELS: tuple[type[Model], ...] = (
    Resident, Application, Benefit, Signal, Investigation, SignalLink, InvestigativeAction, HoorEnWederhoor,
    FindingMonth, Besluit, Vordering, Aflossing, PreventiveIntervention, Referral,
    Delivery, ControlRun, ControlHit,
)  # fmt: skip


class DemoNotEmptyError(RuntimeError):
    """The database already holds residents: the demo's BSNs and references would collide."""


@dataclass
class DemoResult:
    loaded: bool
    residents_before: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Run:
    seed: int
    ctx: Ctx
    pools: NamePools
    town: Town
    bsns: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: {m._meta.label: 0 for m in MODELS})

    def insert(self, model: type[Model], objs: list) -> None:
        copy_insert(model, objs)
        self.counts[model._meta.label] += len(objs)


def _insert_residents(run: _Run, households: list[Household]) -> None:
    """Insert the residents, then each couple's second partner, then link the first partner back."""
    run.insert(Resident, [member for household in households for member in household.members])
    couples = [household for household in households if household.partner is not None]
    for household in couples:
        household.partner.partner = household.members[0]
    run.insert(Resident, [household.partner for household in couples])
    first_ids = [household.members[0].pk for household in couples]
    partner_of = Resident.objects.filter(partner=OuterRef("pk")).values("pk")[:1]
    for start in range(0, len(first_ids), BATCH_SIZE):
        Resident.objects.filter(pk__in=first_ids[start : start + BATCH_SIZE]).update(
            partner=Subquery(partner_of)
        )
    for household in couples:
        household.members[0].partner = household.partner


def _load_chunk(run: _Run, size: int) -> None:
    ctx = run.ctx
    households = households_build(ctx, run.pools, run.town, run.bsns, size)
    _insert_residents(run, households)
    applications, grants = benefits_build(ctx, households)
    run.insert(Application, applications)
    run.insert(Benefit, [grant.benefit for grant in grants])
    run.insert(Benefit, [grant.restart for grant in grants if grant.restart is not None])  # after the rest
    signal_cases = signals_build(ctx, grants, round(size * SIGNALS_PER_RESIDENT_YEAR * YEARS))
    run.insert(Signal, [case.signal for case in signal_cases])
    cases = investigations_build(ctx, signal_cases)
    run.insert(Investigation, [case.investigation for case in cases])
    links = [
        SignalLink(investigation_id=c.investigation.pk, signal_id=s.pk) for c in cases for s in c.signals
    ]
    run.insert(SignalLink, links)
    run.insert(InvestigativeAction, [action for case in cases for action in case.actions])
    run.insert(HoorEnWederhoor, [hearing for case in cases for hearing in case.hearings])
    run.insert(FindingMonth, [month for case in cases for month in case.months])
    decisions = decisions_build(ctx, cases)
    run.insert(Besluit, [decision.besluit for decision in decisions])
    claims_build(ctx, decisions)
    run.insert(Vordering, [claim for decision in decisions for claim, _payments in decision.claims])
    run.insert(
        Aflossing, [p for decision in decisions for _claim, payments in decision.claims for p in payments]
    )
    interventions, referrals = prevention_build(ctx, grants, signal_cases, decisions)
    run.insert(PreventiveIntervention, interventions)
    run.insert(Referral, referrals)


def _load_theme_controls(run: _Run) -> None:
    """The filter register and a year of theme control runs, after the rest of the municipality."""
    created = theme_controls_load(
        seed=run.seed, base=run.ctx, pools=run.pools, town=run.town, insert=run.insert
    )
    for model, count in created.items():
        run.counts[model._meta.label] += count


def _load(
    run: _Run, residents: int, reference_date: date, progress: Callable[[int, int], None] | None
) -> None:
    """The residents in chunks, the theme controls, and what follows from the rest: objections, collection,
    maatregelen, the access of handhavers, the concept destruction list."""
    for done in range(0, residents, CHUNK_RESIDENTS):
        _load_chunk(run, min(CHUNK_RESIDENTS, residents - done))
        if progress is not None:
            progress(min(done + CHUNK_RESIDENTS, residents), residents)
    _load_theme_controls(run)
    run.counts["decisions.Bezwaar"] = objections_load(reference_date=reference_date)
    # Collection after the objections (it skips besluiten under objection): terms, aanmaning, dwangbevel.
    run.counts["claims.Invordering"] = collection_load(reference_date)
    # The demo municipalities' afstemmingsverordening figures (labelled demo) and a few maatregelen.
    run.counts["decisions.Verzuim"] = maatregelen_load(reference_date)
    # The day each case became final for its handhaver's access, from all of the above (ADR 0030).
    access_final_on_refresh()
    # Two years of work hold signals and investigations past their retention term: the month's concept
    # destruction list waits for the FG and the archivaris under Beheer › Bewaartermijnen.
    destruction_list_propose(None, on=reference_date)


def _run_new(seed: int, residents: int, reference_date: date, organisation: str) -> _Run:
    gemeenten = organisation_ensure(organisation)
    staff = demo_users_ensure(organisation)
    faker = Faker("nl_NL")
    faker.seed_instance(seed)
    town = town_build(
        faker, residents, ORGANISATIONS[organisation], {name: g.pk for name, g in gemeenten.items()}
    )
    parameter_set_seq, registry = ruleset_source()  # the engine's parameters, as the real flow reads them
    profiles = {g.pk: g.policy_profile for g in gemeenten.values() if g.policy_profile}
    ctx = Ctx(
        random.Random(seed), reference_date, staff, parameter_set_seq, registry, town=town, profiles=profiles
    )
    return _Run(seed, ctx, name_pools(seed), town)


def demo_municipality_load(
    *,
    residents: int,
    seed: int,
    reference_date: date = DEFAULT_REFERENCE_DATE,
    if_empty: bool = False,
    progress: Callable[[int, int], None] | None = None,
    organisation: str = DEFAULT_ORGANISATION,
) -> DemoResult:
    """Generate the demo ``organisation`` (Gemeente Demostad unless told otherwise): ``residents`` residents
    spread over its municipalities and two years of work up to ``reference_date``.

    Creates the organisation, its municipalities and the demo users first (the caseload is spread over them).
    With ``if_empty`` a database that already holds residents is left alone; without it, such a database
    raises ``DemoNotEmptyError``. A database of another organisation raises ``DemoOrganisationError``.
    """
    name = ORGANISATIONS[organisation].name
    started = time.perf_counter()
    with transaction.atomic():
        foreign_keys_checked_per_statement()
        organisation_check(organisation)  # also with if_empty: the database must be this organisation's
        before = Resident.objects.count()
        if before and if_empty:
            return DemoResult(loaded=False, residents_before=before)
        if before:
            raise DemoNotEmptyError(f"De database bevat al {before} inwoners.")
        run = _run_new(seed, residents, reference_date, organisation)
        # the keys of the tables the load fills are checked once, at its end (16 s of 139 at 100,000)
        with foreign_keys_checked_at_the_end(MODELS):
            _load(run, residents, reference_date, progress)
        after = {"seed": seed, "residents": residents, "reference_date": reference_date, "counts": run.counts}
        purpose = "Demogemeente Demostad geladen"
        if organisation != DEFAULT_ORGANISATION:
            after["organisation"] = name
            purpose = f"Demo-organisatie {name} geladen"
        audit_record(actor=None, code="demo.loaded", after=after, purpose=purpose)
    return DemoResult(loaded=True, counts=run.counts, seconds=time.perf_counter() - started)
