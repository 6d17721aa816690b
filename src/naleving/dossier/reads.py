"""What the resident's page reads once and shows in two places.

The investigations feed the status card and the timeline, the claims the outstanding amount and the timeline,
the verzuimen the timeline and the "Werk en re-integratie" section. Each is read here through the app's
actor-scoped selector, in full for the resident, and the parts of the page take what they show from the one
list (``PageReads``) instead of asking the database again.

Most residents have nothing in most sources (no investigation, no claim, no referral). ``records_present``
asks in one query which sources hold any row of the resident, and the page reads only those: on the
100,000-resident bench database that is 10 of the page's 27 queries for a resident with signals only.

Most sources see every row of a resident the actor may see, or none without their permission (signals,
besluiten, verzuimen, claims, the prevention records, the AVG requests). For the resident the page was
authorised for (``resident_get``), ``every_row_of`` reads those by the resident alone, with SQL compiled once
per process, instead of building and compiling the actor's scope for each (``docs/benchmarks.md``).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.db.models import Exists, Model, OuterRef, Prefetch, QuerySet

from naleving.claims.models import Aflossing, Vordering
from naleving.claims.selectors import may_see_claims, vorderingen_visible_to
from naleving.common.compiled import instances_for, objects_for, rows_for
from naleving.common.ordering import in_model_order
from naleving.decisions.models import Besluit, Verzuim
from naleving.decisions.selectors import besluiten_visible_to, may_see_besluiten
from naleving.decisions.selectors_maatregel import may_see_verzuimen, verzuimen_visible_to
from naleving.investigations.models import HoorEnWederhoor, Investigation, InvestigativeAction
from naleving.investigations.selectors import investigations_shown_with, investigations_visible_to
from naleving.residents.models import Benefit, Resident
from naleving.residents.selectors import authorised_for
from naleving.signals.models import Signal
from naleving.signals.selectors import may_see_signals, signals_visible_to

#: The sources of the resident's page that ``records_present`` looks into (reverse relations of Resident).
PROBED = (
    "applications",
    "signals",
    "investigations",
    "besluiten",
    "verzuimen",
    "vorderingen",
    "interventions",
    "referrals",
    "change_reports",
    "corrections",
    "privacy_objections",
)


def records_present(resident: Resident) -> frozenset[str]:
    """Which of ``PROBED`` hold any row of ``resident``: one query of ``EXISTS`` tests on their resident
    indexes.

    It looks past the actor's scope, so it only decides what is *not* read: a source that holds rows is
    still read through the actor's selector, which leaves out what he may not see; a source without rows
    would have given nothing either way. Nothing of the answer is shown or logged."""
    columns, rows = rows_for("dossier.records_present", Resident, _records_query, resident.pk)
    row = dict(zip(columns, rows[0], strict=True)) if rows else {}
    return frozenset(name for name in PROBED if row.get(f"has_{name}"))


def _records_query(resident_id: int):
    """One row of ``EXISTS`` tests (``has_<source>``), one per source of ``PROBED``, for the resident. Compiled
    once per process (``common.compiled``): building eleven subqueries cost 18 ms a page on the bench
    machine, running them 2 ms."""
    probes = {
        f"has_{name}": Exists(
            Resident._meta.get_field(name).related_model._default_manager.filter(resident_id=OuterRef("pk"))
        )
        for name in PROBED
    }
    return Resident.objects.filter(pk=resident_id).values(**probes)


def of_resident[M: Model](rows: QuerySet[M], resident: Resident, *people: str) -> list[M]:
    """The rows of an actor-scoped selector's ``rows`` that belong to ``resident``, in model order, with only
    ``people`` joined (the users the page names); each row's ``resident`` is the page's own.

    The selectors join the resident for their lists; on the resident's own page that is the one resident
    already read, whose thirty-odd columns were compiled into every read, sent with every row and made into
    an object again (``docs/benchmarks.md``, "The resident and his colleagues read by name…"). The
    rows are the selector's, scope and annotations included: only what is joined for display changes. The
    people are read in full: deferring their other columns (``common.people.person_beyond_name``) cost this
    page more instructions than it saved, 94.6 against 86.9 million a request."""
    rows = rows.filter(resident=resident).select_related(None)
    if people:  # select_related() without names would follow every relation
        rows = rows.select_related(*people)
    found = in_model_order(rows.order_by())
    for row in found:
        row.resident = resident
    return found


def every_row_of[M: Model](
    actor,
    resident: Resident,
    model: type[M],
    *,
    may_see: Callable[[Any], bool],
    general: Callable[[], QuerySet[M]],
    also: dict[str, Any] | None = None,
) -> list[M]:
    """The rows of ``model`` (a source with a ``resident`` key) of ``resident`` that ``actor`` may see, in
    model order, each with the page's ``resident``.

    ``general()`` is the source's actor-scoped selector, and ``may_see`` the test it starts with, under
    which it gives every row of a resident in the actor's scope (the test's docstring says so; the tests
    compare both for every role). For a resident that ``resident_get`` gave this very actor
    (``authorised_for``) the rows are then read by the resident alone, compiled once per process
    (``common.compiled.objects_for``), with ``also`` set on each (what the selector annotates: the same for
    every row of such a resident); for any other resident through ``general()``, as ``of_resident`` reads it."""
    if not authorised_for(resident, actor):
        return of_resident(general(), resident)
    return _every_row(resident, model, also) if may_see(actor) else []


def _every_row[M: Model](resident: Resident, model: type[M], also: dict[str, Any] | None = None) -> list[M]:
    """Every row of ``model`` of ``resident``, in model order, each with the page's ``resident`` and ``also``."""
    rows = objects_for(
        f"dossier.rows.{model._meta.label}", model, partial(_of_resident_id, model), resident.pk
    )
    for row in rows:
        row.resident = resident
        for name, value in (also or {}).items():
            setattr(row, name, value)
    return in_model_order(rows)


def _of_resident_id(model: type[Model], resident_id: int) -> QuerySet:
    return model._default_manager.filter(resident_id=resident_id).order_by()


def anyone(actor) -> bool:
    """``may_see`` of a source that whoever sees the resident sees in full (their applications, their AVG
    requests)."""
    return True


@dataclass
class PageReads:
    """The lists read for one page (None: not read yet). ``resident_timeline`` fills them; ``status_card``
    and the template take them from here, or read them when a list is missing."""

    investigations: list[Any] | None = None
    claims: list[Any] | None = None
    verzuimen: list[Any] | None = None
    #: the resident's signals the actor may see (the card counts those not yet assessed)
    signals: list[Any] | None = None
    #: the resident's benefits, newest first (``resident_benefits``)
    benefits: list[Any] | None = None


def case_investigations(actor, resident: Resident) -> list[Any]:
    """The resident's investigations the actor may see, newest first, with what the timeline shows of them
    and ``has_besluit`` (any besluit on it, seen or not: the card's "awaiting a besluit"), and the handhaver
    (the card names him). Each has ``action_rows`` and ``hearing_rows`` (unordered: ``common.ordering``, the
    timeline puts them in order; who recorded them, by id: the timeline names its colleagues in one query), in
    one query each: for the resident the page was authorised for, those of all of the resident's investigations
    by SQL compiled once per process, of which only those of the investigations shown are kept."""
    if not authorised_for(resident, actor):
        rows = investigations_visible_to(actor).prefetch_related(
            Prefetch("actions", queryset=InvestigativeAction.objects.order_by()),
            Prefetch("hoor_en_wederhoor", queryset=HoorEnWederhoor.objects.order_by()),
        )
        rows = rows.annotate(has_besluit=Exists(Besluit.objects.filter(investigation=OuterRef("pk"))))
        investigations = of_resident(rows, resident, "assigned_to")
        for inv in investigations:
            inv.action_rows, inv.hearing_rows = list(inv.actions.all()), list(inv.hoor_en_wederhoor.all())
        return investigations
    # the resident's investigations by the resident alone, compiled once, kept as the actor's scope would keep
    # them (``investigations_shown_with``): building and compiling that scope was about 0.8 ms of the page
    shown = investigations_shown_with(actor, resident)
    investigations = []
    if shown is not None:
        every = instances_for("dossier.investigations", Investigation, _investigations_query, resident.pk)
        investigations = [inv for inv in in_model_order(every) if shown(inv)]
        for inv in investigations:
            inv.resident = resident
    actions: dict[int, list[InvestigativeAction]] = defaultdict(list)
    hearings: dict[int, list[HoorEnWederhoor]] = defaultdict(list)
    if investigations:
        for action in objects_for("dossier.actions", InvestigativeAction, _actions_query, resident.pk):
            actions[action.investigation_id].append(action)
        for hearing in objects_for("dossier.hearings", HoorEnWederhoor, _hearings_query, resident.pk):
            hearings[hearing.investigation_id].append(hearing)
    for inv in investigations:
        inv.action_rows, inv.hearing_rows = actions[inv.pk], hearings[inv.pk]
    return investigations


def _investigations_query(resident_id: int) -> QuerySet[Investigation]:
    """Every investigation of the resident, with ``has_besluit`` and the handhaver, as ``case_investigations``
    reads them for a resident the actor was authorised for."""
    return (
        Investigation.objects.filter(resident_id=resident_id)
        .annotate(has_besluit=Exists(Besluit.objects.filter(investigation=OuterRef("pk"))))
        .select_related("assigned_to")
        .order_by()
    )


def _actions_query(resident_id: int) -> QuerySet[InvestigativeAction]:
    return InvestigativeAction.objects.filter(investigation__resident_id=resident_id).order_by()


def _hearings_query(resident_id: int) -> QuerySet[HoorEnWederhoor]:
    return HoorEnWederhoor.objects.filter(investigation__resident_id=resident_id).order_by()


def case_claims(actor, resident: Resident) -> list[Any]:
    """The resident's claims the actor may see, newest first, each with ``paid`` (the amount paid) and
    ``repayments`` (unordered: the timeline puts them in order and names who registered each), read in one
    more query."""
    if not authorised_for(resident, actor):
        claims = of_resident(
            vorderingen_visible_to(actor).prefetch_related(
                Prefetch("aflossingen", queryset=Aflossing.objects.order_by())
            ),
            resident,
        )
        for claim in claims:
            claim.repayments = list(claim.aflossingen.all())
        return claims
    claims = _every_row(resident, Vordering) if may_see_claims(actor) else []
    paid: dict[int, list[Aflossing]] = defaultdict(list)
    if claims:  # the same claims as ``vorderingen_visible_to`` gives such a resident (``every_row_of``)
        for repayment in objects_for("dossier.repayments", Aflossing, _repayments_query, resident.pk):
            paid[repayment.vordering_id].append(repayment)
    for claim in claims:
        claim.repayments = paid[claim.pk]
        # as ``vorderingen_visible_to`` annotates it: the sum of the claim's repayments, 0 without any
        claim.paid = sum((repayment.amount for repayment in claim.repayments), Decimal("0"))
    return claims


def _repayments_query(resident_id: int) -> QuerySet[Aflossing]:
    """The repayments on every claim of the resident (``case_claims`` keeps those of the claims it shows)."""
    return Aflossing.objects.filter(vordering__resident_id=resident_id).order_by()


def resident_benefits(resident: Resident) -> list[Benefit]:
    """The resident's benefits, newest first: part of whoever may see the resident's record, read by the
    resident alone (``every_row_of``)."""
    return _every_row(resident, Benefit)


def case_signals(actor, resident: Resident) -> list[Any]:
    """The resident's signals the actor may see, in model order, each with ``resident_in_scope`` (true for
    all of them on the page of a resident the actor may see)."""
    return every_row_of(
        actor,
        resident,
        Signal,
        may_see=may_see_signals,
        general=lambda: signals_visible_to(actor),
        also={"resident_in_scope": True},
    )


def case_besluiten(actor, resident: Resident) -> list[Any]:
    """The resident's besluiten the actor may see, in model order (who recorded each, by id)."""
    return every_row_of(
        actor, resident, Besluit, may_see=may_see_besluiten, general=lambda: besluiten_visible_to(actor)
    )


def case_verzuimen(actor, resident: Resident) -> list[Any]:
    """The resident's verzuimen the actor may see, newest first (who reported each, by id: the timeline names him)."""
    return every_row_of(
        actor, resident, Verzuim, may_see=may_see_verzuimen, general=lambda: verzuimen_visible_to(actor)
    )
