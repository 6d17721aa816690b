"""Demostad's theme controls: the filter register, a year of runs and what the assessment of their signals found.

Everything goes through the controls services, as an analyst and the FG would: the FG assesses the five
filters (one rejected first), the analyst gives each an owner and puts four in use; three deliveries, a
year apart at most, run all five controls with a control group; flagged runs get an explanation and the
FG's approval; the runs of filters in use are released as signals, except the newest delivery's (left for
the analyst to release in the demo). The services stamp the real time, so the dates of the register,
deliveries, runs and released signals are set back afterwards to the demo's timeline; the audit trail keeps
the real moments (it is append-only).

The released signals are then triaged and investigated (``theme_control_casework``) the way the rest of the
demo is (pure builders, bulk inserts): the selected clients turn out to have breached the inlichtingenplicht
clearly more often than the control group, so the register shows a lift. A random source of its own, seeded from the demo seed,
keeps this independent of how many random numbers the rest of the demo drew.
"""

import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db.models import Model

from naleving import analytics, rules
from naleving.controls.deliveries import delivery_submit
from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import (
    ControlHit,
    ControlRun,
    Delivery,
    Filter,
    FilterApproval,
    FilterChange,
    FilterStatus,
    OutcomeReview,
    Verdict,
)
from naleving.controls.outcomes import outcome_review_record
from naleving.controls.processing import delivery_process
from naleving.controls.runs import (
    control_run_explain,
    control_run_fg_approve,
    control_run_release,
    release_blocker,
)
from naleving.demo.benefits import Grant
from naleving.demo.common import Ctx, office_time
from naleving.demo.people import NamePools
from naleving.demo.theme_control_casework import Insert, Released, assessment_insert, released_assess
from naleving.demo.theme_control_data import delivery_files, world_build
from naleving.demo.theme_control_registers import BenefitRow, ResidentRow, World
from naleving.demo.town import Town
from naleving.residents.models import Benefit, Resident
from naleving.signals.models import Signal

#: months before the demo's reference date: the deliveries' reference dates (2025-11-01, 2026-04-01,
#: 2026-10-01 for the default reference date) and the day the filters were registered
DELIVERY_MONTHS_BEFORE = (12, 7, 1)
REGISTER_MONTHS_BEFORE = 17
SOURCE = "Inlichtingenbureau (BRP, RDW, Belastingdienst) en BAG"
LEGAL_BASIS = (
    "Participatiewet art. 64 en 67; Wet BRP art. 3.3; Wet basisregistratie adressen en gebouwen art. 21"
)
NOT_IN_USE = "adresbezetting"
#: the control group per run: one per hundred clients (14 for 2,000 residents), within these bounds
CONTROL_SAMPLE = (5, 20)
OWNERS = {
    "voertuigen": "teamleider",
    "vermogen": "teamleider2",
    "kostendelers": "teamleider",
    "brp_adres": "teamleider2",
    "adresbezetting": "analist",
}
APPROVALS = (  # (days after registering, filter, decision, the FG's note)
    (56, "voertuigen", FilterApproval.Decision.REJECTED,
     "Afgewezen: met twee voertuigen per jaar selecteert het filter vooral wie één keer van auto wisselde. "
     "Onderbouw de drempel met een proefrun en leg vast hoe de treffer aan de inwoner wordt uitgelegd."),
    (70, "brp_adres", FilterApproval.Decision.APPROVED,
     "Goedgekeurd: objectieve vergelijking van twee registraties; DPIA bijgewerkt, grondslag art. 40 lid 2 Pw."),
    (71, "kostendelers", FilterApproval.Decision.APPROVED,
     "Goedgekeurd: volgt art. 22a Pw; studiefinanciering en commerciële huur tellen niet mee, zoals de wet zegt."),
    (73, "vermogen", FilterApproval.Decision.APPROVED,
     "Goedgekeurd: vermogensgrens uit de beslisregels; alleen saldi, geen transacties."),
    (77, "adresbezetting", FilterApproval.Decision.APPROVED,
     "Goedgekeurd voor proefdraaien. Let op: de BAG-oppervlakte van kamerverhuurpanden is vaak onbetrouwbaar."),
    (91, "voertuigen", FilterApproval.Decision.APPROVED,
     "Goedgekeurd: drempel van drie kentekens per jaar onderbouwd met de proefrun; uitleg aan de inwoner is "
     "vastgelegd."),
)  # fmt: skip
OWNER_NOTE = "Eigenaar vastgelegd voor het algoritmeregister."
NOT_IN_USE_NOTE = (
    "Eerst proefdraaien: de treffers naast de praktijk leggen voordat het filter signalen mag opleveren."
)
IN_USE_NOTE = "In gebruik genomen na goedkeuring door de FG en de bijgewerkte DPIA."
IN_USE_AFTER_DAYS = 105
ATTRIBUTES_NL = {
    "age_band": "leeftijdsgroep",
    "sex": "geslacht",
    "household_type": "leefvorm",
    "district": "wijk",
}
#: why a control's selection may differ between groups: per control, per attribute ("" for any other)
WHY_SKEWED = {
    "voertuigen": {
        "": "Autobezit verschilt tussen groepen; het filter telt alleen kentekens uit het RDW-register.",
    },
    "vermogen": {
        "household_type": "De vermogensgrens verschilt per leefvorm (art. 34 lid 3 Pw): voor een alleenstaande "
        "ligt die op de helft van die voor gehuwden en alleenstaande ouders.",
        "": "Spaargeld boven de grens (na een erfenis of een nabetaling) komt niet in elke groep even vaak voor; "
        "het filter kijkt alleen naar saldi.",
    },
    "kostendelers": {
        "age_band": "Inwonende kinderen van 27 jaar en ouder wonen vooral bij ouders van middelbare leeftijd; dat "
        "volgt uit art. 22a Pw, niet uit de leeftijd van de cliënt zelf.",
        "household_type": "Bij gehuwden telt de partner al mee in de norm; een volwassen huisgenoot die niet is "
        "opgegeven, komt daardoor vooral bij alleenstaanden naar boven.",
        "": "Het filter telt alleen de inschrijvingen in de BRP op het adres, zoals art. 22a Pw voorschrijft.",
    },
    "brp_adres": {
        "": "Verhuizen en uitschrijven komt in sommige groepen vaker voor; het filter vergelijkt alleen het "
        "BRP-adres met het adres in de uitkeringsadministratie.",
    },
    "adresbezetting": {
        "": "Kleine woningen en kamerverhuur liggen in enkele wijken bij elkaar; het filter gebruikt alleen de "
        "BAG-oppervlakte en het aantal inschrijvingen.",
    },
}
WHY_SKEWED_ANY = (
    "Het verschil volgt uit de gegevens waarop het filter selecteert; het kenmerk zelf speelt geen rol."
)
FG_NOTE = (
    "Toelichting beoordeeld: de afwijking is te verklaren uit de wettelijke regel en de gebruikte gegevens. "
    "Vrijgave toegestaan; bij de volgende run opnieuw bekijken."
)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def theme_controls_load(
    *, seed: int, base: Ctx, pools: NamePools, town: Town, insert: Insert
) -> dict[type[Model], int]:
    """Fill the filter register, run three deliveries and assess the released signals; the rows created
    through the services, per model (the bulk inserts count themselves through ``insert``).

    Does nothing when the register already has a history (the demo adds one, it never mixes with another)."""
    if any(model.objects.exists() for model in (FilterApproval, FilterChange, Delivery, ControlRun)):
        return {}
    ctx = Ctx(
        random.Random(f"themacontroles:{seed}"), base.reference_date, base.staff, base.parameter_set_seq,
        base.registry, town=base.town, profiles=base.profiles,
    )  # fmt: skip
    references = [add_months(ctx.reference_date, -months) for months in DELIVERY_MONTHS_BEFORE]
    residents = [
        ResidentRow(*row) for row in Resident.objects.order_by("pk").values_list(*ResidentRow.FIELDS)
    ]
    benefits = [BenefitRow(*row) for row in Benefit.objects.order_by("pk").values_list(*BenefitRow.FIELDS)]
    world = world_build(ctx, residents, benefits, pools, town, references)
    _register(ctx, add_months(ctx.reference_date, -REGISTER_MONTHS_BEFORE))
    released: list[Released] = []
    runs: list[ControlRun] = []
    grants: dict[int, Grant] = {}
    for index, reference in enumerate(references):
        delivered_runs, delivered = _deliver(ctx, world, reference)
        _bias_review(ctx, delivered_runs, delivered)
        if index < len(references) - 1:
            released += _release(ctx, world, delivered_runs, grants)
        runs += delivered_runs
    assessment = released_assess(ctx, released)
    assessment_insert(ctx, assessment, insert)
    _outcome_reviews(ctx)  # not counted: the demo's summary lists the models it loads in bulk
    return {
        Signal: len(released),
        Delivery: len(references),
        ControlRun: len(runs),
        ControlHit: ControlHit.objects.filter(run__in=runs).count(),
    }


def _grants(ctx: Ctx, benefit_ids: set[int], known: dict[int, Grant]) -> dict[int, Grant]:
    """The demo's Grant (benefit with its resident) for each of these benefits, read once."""
    missing = benefit_ids - set(known)
    benefits = Benefit.objects.filter(pk__in=missing).select_related(
        "resident__partner", "resident__consulent"
    )
    for b in benefits:
        known[b.pk] = Grant(
            b.resident, b, ctx.caseload_of(b.resident.district), ctx.period_start, ctx.reference_date
        )
    return known


# the register


def _outcome_reviews(ctx: Ctx) -> int:
    """The analyst records the outcome review of each filter in use over all its released runs, the day
    before the demo's reference date; ``OUTCOME_SKEW`` (casework) makes the BRP-address filter's flagged."""
    analist, count = ctx.staff.users["analist"], 0
    recorded_on = _moment(ctx, ctx.reference_date - timedelta(days=1))
    for filter_ in Filter.objects.filter(runs__status=ControlRun.Status.RELEASED).distinct().order_by("name"):
        review = outcome_review_record(actor=analist, filter_=filter_)
        _set_back(OutcomeReview, review, "created_at", recorded_on)
        count += 1
    return count


def _moment(ctx: Ctx, day: date) -> datetime:
    return office_time(ctx.rng, day)


def _register(ctx: Ctx, registered: date) -> None:
    """The filters' history before the first delivery: owners, the FG's assessments, four in use."""
    analist, fg = ctx.staff.users["analist"], ctx.staff.users["fg"]
    filters = {f.name: f for f in filters_sync()}
    Filter.objects.filter(pk__in=[f.pk for f in filters.values()]).update(created_at=_moment(ctx, registered))
    owners_on = registered + timedelta(days=7)
    for name, filter_ in filters.items():
        note = NOT_IN_USE_NOTE if name == NOT_IN_USE else OWNER_NOTE
        filters[name] = filter_update(
            actor=analist,
            filter_=filter_,
            owner=ctx.staff.users[OWNERS.get(name, "analist")],
            status=filter_.status,
            note=note,
        )
        _set_back(FilterChange, filters[name].changes.order_by("-pk").first(), "at", _moment(ctx, owners_on))
    for days, name, decision, note in APPROVALS:
        if name not in filters:
            continue
        approval = filter_approve(actor=fg, filter_=filters[name], decision=decision, note=note)
        _set_back(FilterApproval, approval, "at", _moment(ctx, registered + timedelta(days=days)))
    in_use_on = registered + timedelta(days=IN_USE_AFTER_DAYS)
    approved = {
        name for _days, name, decision, _note in APPROVALS if decision == FilterApproval.Decision.APPROVED
    }
    for name, filter_ in filters.items():
        if name == NOT_IN_USE or name not in approved:
            continue
        filters[name] = filter_update(
            actor=analist,
            filter_=filter_,
            owner=filter_.owner,
            status=FilterStatus.IN_GEBRUIK,
            note=IN_USE_NOTE,
        )
        _set_back(FilterChange, filters[name].changes.order_by("-pk").first(), "at", _moment(ctx, in_use_on))


def _set_back(model: type[Model], obj: Model | None, name: str, value: datetime) -> None:
    """Put a time stamp the services set to now back on the demo's timeline (update: no auto_now)."""
    if obj is not None:
        model.objects.filter(pk=obj.pk).update(**{name: value})


# the deliveries and their runs


def _controls_on(reference: date) -> list[str]:
    """Every control, except vermogen when naleving.rules has no asset limit on the reference date."""
    names = list(analytics.CONTROLS)
    try:
        rules.asset_limit("alleenstaande", reference)
    except rules.ParameterNotInForce:
        names.remove("vermogen")
    return names


def _deliver(ctx: Ctx, world: World, reference: date) -> tuple[list[ControlRun], date]:
    analist = ctx.staff.users["analist"]
    delivered = reference + timedelta(days=ctx.rng.randint(3, 6))
    sample = max(CONTROL_SAMPLE[0], min(CONTROL_SAMPLE[1], len(world.clients) // 100))
    delivery = delivery_submit(
        actor=analist, files=delivery_files(world, reference), controls=_controls_on(reference),
        reference_date=reference, source=SOURCE, delivery_date=delivered, legal_basis=LEGAL_BASIS,
        control_sample=sample, seed=ctx.rng.randrange(1, 2**31), enqueue=False,
    )  # fmt: skip
    try:
        outcome = delivery_process(delivery.pk)
    finally:  # the service deletes its copy when the run ends; make sure of it whatever happened
        folder = Delivery.objects.values_list("folder", flat=True).get(pk=delivery.pk)
        if folder:
            shutil.rmtree(Path(folder), ignore_errors=True)
    if outcome["status"] != "done":
        raise RuntimeError(f"De demolevering van {reference} kon niet draaien: {outcome.get('error')}")
    received = _moment(ctx, delivered)
    Delivery.objects.filter(pk=delivery.pk).update(
        created_at=received,
        started_at=received + timedelta(minutes=2),
        finished_at=received + timedelta(minutes=3),
        files_deleted_at=received + timedelta(minutes=3),
    )
    ControlRun.objects.filter(delivery=delivery).update(created_at=received + timedelta(minutes=3))
    runs = list(
        ControlRun.objects.filter(delivery=delivery).select_related("filter").order_by("filter__name")
    )
    return runs, delivered


def _flagged(run: ControlRun) -> list[str]:
    return [name for name, section in run.bias.items() if section.get("verdict") == Verdict.FLAG]


def _explanation(run: ControlRun) -> str:
    flagged, control = _flagged(run), run.filter.name
    why = WHY_SKEWED.get(control, {"": WHY_SKEWED_ANY})
    reasons = dict.fromkeys(why.get(name, why[""]) for name in flagged)
    return (
        f"Gemarkeerd op {' en '.join(ATTRIBUTES_NL.get(name, name) for name in flagged)}: de selectie verschilt "
        f"tussen groepen. {' '.join(reasons)} Een steekproef van de treffers is nagelopen; de kenmerken worden "
        "alleen gebruikt om de selectie te toetsen, nooit om te selecteren. We volgen dit bij de volgende run."
    )


def _bias_review(ctx: Ctx, runs: list[ControlRun], delivered: date) -> None:
    """The analyst explains every flagged run, the FG approves the explanation a few days later."""
    analist, fg = ctx.staff.users["analist"], ctx.staff.users["fg"]
    for run in runs:
        if run.verdict != Verdict.FLAG:
            continue
        control_run_explain(actor=analist, run=run, explanation=_explanation(run))
        control_run_fg_approve(actor=fg, run=run, note=FG_NOTE)
        approved = delivered + timedelta(days=ctx.rng.randint(3, 7))
        _set_back(ControlRun, run, "fg_approved_at", _moment(ctx, approved))
    _proxy_review(ctx, runs, delivered)


#: why a filter may use an input that follows a group (its proxy check), per control ("" for any)
PROXY_WHY = {
    "vermogen": "De vermogensgrens hangt volgens de wet af van de leefvorm (art. 34 lid 3 Pw): het filter moet "
    "de leefvorm gebruiken om de juiste grens toe te passen. Het saldo zelf hangt niet sterk samen met een "
    "kenmerk.",
    "": "De invoer is het criterium van het filter zelf en volgt uit de inlichtingenplicht (art. 17 Pw). De "
    "samenhang komt uit de verdeling in de gemeente, niet uit een keuze in het filter; de biascheck van elke "
    "run bewaakt of de selectie daardoor scheef wordt.",
}
PROXY_FG_NOTE = (
    "Verantwoording beoordeeld: de invoer is nodig voor het doel en de samenhang is verklaard. Bij een nieuwe "
    "samenhang opnieuw voorleggen."
)


def _proxy_review(ctx: Ctx, runs: list[ControlRun], delivered: date) -> None:
    """The proxy check of each filter came with the delivery (controls.proxy): the analyst justifies an input
    above the threshold two days later, the FG approves two days after that; a check with the same pattern
    as an approved one takes that approval over. No draw from ``ctx.rng``: the demo's other figures stay."""
    from datetime import time

    from naleving.controls.proxy import proxy_check_fg_decide, proxy_check_justify
    from naleving.demo.common import TZ

    analist, fg = ctx.staff.users["analist"], ctx.staff.users["fg"]
    for run in runs:
        run.filter.proxy_checks.filter(delivery=run.delivery).update(created_at=run.created_at)
        check = run.filter.proxy_checks.first()
        if check is None or not check.needs_justification or check.fg_approved_by_id:
            continue
        why = PROXY_WHY.get(run.filter.name, PROXY_WHY[""])
        proxy_check_justify(actor=analist, check=check, justification=why)
        proxy_check_fg_decide(actor=fg, check=check, approved=True, note=PROXY_FG_NOTE)
        justified = datetime.combine(delivered + timedelta(days=2), time(10, 30), tzinfo=TZ)
        _set_back(type(check), check, "justified_at", justified)
        _set_back(type(check), check, "fg_approved_at", justified + timedelta(days=2, hours=4))


def _release(ctx: Ctx, world: World, runs: list[ControlRun], grants: dict[int, Grant]) -> list[Released]:
    """Release the runs of the filters in use, a week or so after the run; the signals arrive that day."""
    analist, released = ctx.staff.users["analist"], []
    by_client = {client.client_id: client.benefit.id for client in world.clients}
    for run in runs:
        run.refresh_from_db()
        if release_blocker(run):
            continue
        control_run_release(actor=analist, run=run)
        approved = run.fg_approved_at.date() if run.fg_approved_at else run.created_at.date()
        released_on = approved + timedelta(days=ctx.rng.randint(1, 4))
        _set_back(ControlRun, run, "released_at", _moment(ctx, released_on))
        hits = list(run.hits.select_related("signal").order_by("in_control_group", "client_id"))
        _grants(ctx, {by_client[hit.client_id] for hit in hits}, grants)
        for hit in hits:
            hit.signal.received_on = released_on
            episode = None if hit.in_control_group else world.episode(run.filter.name, hit.client_id)
            onset = episode.onset if episode is not None else None
            grant = grants[by_client[hit.client_id]]
            released.append(Released(run, hit, hit.signal, grant, released_on, onset))
    return released
