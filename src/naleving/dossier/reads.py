"""What the resident's page reads once and shows in two places.

The investigations feed the status card and the timeline, the claims the outstanding amount and the timeline,
the verzuimen the timeline and the "Werk en re-integratie" section. Each is read here through the app's
actor-scoped selector, in full for the resident, and the parts of the page take what they show from the one
list (``PageReads``) instead of asking the database again.

Most residents have nothing in most sources (no investigation, no claim, no referral). ``records_present``
asks in one query which sources hold any row of the resident, and the page reads only those: on the
100,000-resident bench database that is 10 of the page's 27 queries for a resident with signals only.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, Model, OuterRef, Prefetch, QuerySet

from naleving.claims.models import Aflossing
from naleving.claims.selectors import vorderingen_visible_to
from naleving.common.compiled import rows_for
from naleving.common.ordering import in_model_order
from naleving.decisions.models import Besluit
from naleving.decisions.selectors_maatregel import verzuimen_visible_to
from naleving.investigations.models import HoorEnWederhoor, InvestigativeAction
from naleving.investigations.selectors import investigations_visible_to
from naleving.residents.models import Resident

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


@dataclass
class PageReads:
    """The lists read for one page (None: not read yet). ``resident_timeline`` fills them; ``status_card``
    and the template take them from here, or read them when a list is missing."""

    investigations: list[Any] | None = None
    claims: list[Any] | None = None
    verzuimen: list[Any] | None = None
    #: the resident's signals the actor may see (the card counts those not yet assessed)
    signals: list[Any] | None = None


def case_investigations(actor, resident: Resident) -> list[Any]:
    """The resident's investigations the actor may see, newest first, with what the timeline shows of them
    and ``has_besluit`` (any besluit on it, seen or not: the card's "awaiting a besluit"), and the handhaver
    (the card names him). The actions and hearings come in one query each, unordered (``common.ordering``: the
    timeline puts them in order); who recorded them, by id (the timeline names its colleagues in one query)."""
    return of_resident(
        investigations_visible_to(actor)
        .prefetch_related(
            Prefetch("actions", queryset=InvestigativeAction.objects.order_by()),
            Prefetch("hoor_en_wederhoor", queryset=HoorEnWederhoor.objects.order_by()),
        )
        .annotate(has_besluit=Exists(Besluit.objects.filter(investigation=OuterRef("pk")))),
        resident,
        "assigned_to",
    )


def case_claims(actor, resident: Resident) -> list[Any]:
    """The resident's claims the actor may see, newest first, with the amount paid and the repayments (in one
    more query, unordered: the timeline puts them in order and names who registered each)."""
    return of_resident(
        vorderingen_visible_to(actor).prefetch_related(
            Prefetch("aflossingen", queryset=Aflossing.objects.order_by())
        ),
        resident,
    )


def case_verzuimen(actor, resident: Resident) -> list[Any]:
    """The resident's verzuimen the actor may see, newest first (who reported each, by id: the timeline names him)."""
    return of_resident(verzuimen_visible_to(actor), resident)
