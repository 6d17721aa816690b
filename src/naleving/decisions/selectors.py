"""Actor-scoped reads of decisions (besluiten)."""

from django.db.models import Q, QuerySet

from naleving.common.compiled import objects_for, one_in_scope
from naleving.decisions.models import Besluit, Opschorting
from naleving.decisions.permissions import VIEW
from naleving.investigations.permissions import CONDUCT
from naleving.investigations.selectors import investigations_visible_to
from naleving.residents.selectors import only_investigated, resident_ids_in_scope

#: What a besluit holds besides its outcome: the engine's request and response, the omgekeerde toets, the
#: weighing, the motivation and the four-eyes reasons (three JSON documents decoded per row; on the bench 5.4 KB
#: of a row's 5.8 KB). Only the decision page and its letters read them; lists and bulk reads defer them.
BESLUIT_DOCUMENTS = (
    "engine_request",
    "engine_response",
    "omgekeerde_toets",
    "weging",
    "motivation",
    "four_eyes_reasons",
)


def may_see_besluiten(actor) -> bool:
    """Whether ``actor`` sees besluiten at all. ``dossier.reads`` reads a resident that ``resident_get`` gave the actor by this test alone: every row of theirs, or none (the
    investigations' part of the scope below adds only besluiten of residents in it)."""
    return actor.is_authenticated and actor.has_perm(VIEW)


def besluiten_visible_to(actor) -> QuerySet[Besluit]:
    if not may_see_besluiten(actor):
        return Besluit.objects.none()
    scope = Q(resident_id__in=resident_ids_in_scope(actor))
    # A handhaver who sees only his investigations' residents already sees every besluit on those
    # investigations through their residents (a besluit is about its investigation's resident, as every
    # service that makes one sets it); asking for the investigations as well built their access query twice.
    if actor.has_perm(CONDUCT) and not only_investigated(actor):
        scope |= Q(investigation__in=investigations_visible_to(actor).values("pk"))
    return Besluit.objects.filter(scope).select_related("resident", "recorded_by", "cosigned_by")


def besluit_get(*, actor, besluit_id: int) -> Besluit:
    """One besluit, if ``actor`` may see it; otherwise ``Besluit.DoesNotExist``. Read by its id with SQL compiled
    once, the actor's scope added as its condition (``common.compiled.one_in_scope``)."""
    besluit = one_in_scope("decisions.get", Besluit, _besluit_read, besluit_id, besluiten_visible_to(actor))
    if besluit is None:
        raise Besluit.DoesNotExist("Besluit niet gevonden")
    return besluit


def _besluit_read(besluit_id: int) -> QuerySet[Besluit]:
    """A besluit by its id as ``besluiten_visible_to`` reads it (with its resident and who signed it)."""
    return (
        Besluit.objects.filter(pk=besluit_id)
        .select_related("resident", "recorded_by", "cosigned_by")
        .order_by()
    )


def awaiting_decision():
    """Closed investigations with a breach and no besluit yet: the open cases an approved change of the law
    could decide differently (the effect preview of a parameter set). No personal data leaves this read."""
    from naleving.investigations.choices import Outcome, Status
    from naleving.investigations.models import Investigation

    return (
        Investigation.objects.filter(
            status=Status.AFGEROND, outcome=Outcome.SCHENDING, besluiten__isnull=True
        )
        .select_related("resident")
        .prefetch_related("signals", "finding_months")
        .order_by("pk")
    )


def besluit_for_investigation(investigation) -> Besluit | None:
    """The besluit already taken on ``investigation`` (one at most), or None."""
    return Besluit.objects.filter(investigation=investigation).first()


def opschorting_of(besluit: Besluit) -> Opschorting | None:
    """The suspension (Pw 54(2)) of ``besluit``, with who assessed and signed it, or None. One at most (a
    one-to-one relation). Most besluiten have none: asked first by SQL compiled once (``common.compiled``),
    and only a suspension found is read again with its people (building and compiling that join cost 0.8 ms
    of the besluit page)."""
    if not objects_for("decisions.opschorting", Opschorting, _opschorting_query, besluit.pk):
        return None
    found = Opschorting.objects.filter(besluit=besluit).select_related("assessed_by", "signed_by").order_by()
    return next(iter(found[:1]), None)


def _opschorting_query(besluit_id: int) -> QuerySet[Opschorting]:
    return Opschorting.objects.filter(besluit_id=besluit_id).order_by()
