"""Actor-scoped reads of residents. What a user may not see does not exist for them (not found, not 403).

Pure reads: the views that show a resident declare that read for the audit log (``residents.reads``)."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from naleving.audit.permissions import VIEW_EVENTS
from naleving.common.compiled import one_in_scope, raw_sql, rows_for
from naleving.common.sets import ids_looked_up, in_hashed_set
from naleving.gemeenten.selectors import gemeente_scope
from naleving.residents.access import access_after, access_cutoff
from naleving.residents.choices import PrivacyObjectionStatus, RegistratieverzoekStatus
from naleving.residents.models import Correction, PrivacyObjection, Registratieverzoek, Resident


def resident_scope(
    actor, prefix: str = "", *, per_row: bool = False, looked_up: bool = False, walked: bool = False
) -> Q:
    """A filter on Resident for everything ``actor`` may see, built from permissions only; with ``prefix``
    (``"resident__"``) the same filter on a model with a foreign key to the resident. With ``per_row`` the
    investigations part (a handhaver's) is an ``EXISTS`` on each row's resident instead of the set of every
    resident it gives: the same rows, cheaper where a few known rows are read (ADR 0029). With ``looked_up``
    that part is the array of its ids, each looked up by its key (``ids_looked_up``): the same rows, cheaper
    where many of them are read. With ``walked`` it is a set the database hashes once and tests each row against
    (``in_hashed_set``): the same rows, cheaper where an index is walked in order until a page is full."""
    nothing = Q(**{f"{prefix}pk__in": []})
    if actor is None or not actor.is_authenticated:
        return nothing
    scope = _role_scope(actor, prefix, per_row=per_row, looked_up=looked_up, walked=walked)
    return scope & gemeente_scope(actor, field=f"{prefix}gemeente")


def _role_scope(
    actor, prefix: str = "", *, per_row: bool = False, looked_up: bool = False, walked: bool = False
) -> Q:
    """The caseload, team, investigation or whole-organisation part of the scope."""
    if actor.has_perm("residents.view_all"):
        return Q()
    scope = Q(**{f"{prefix}pk__in": []})
    if actor.has_perm("residents.view_caseload"):
        scope |= Q(**{f"{prefix}consulent": actor}) | Q(**{f"{prefix}fixed_contact_person": actor})
    if actor.has_perm("residents.view_team") and actor.team_id:
        scope |= Q(**{f"{prefix}consulent_id__in": team_member_ids(actor)})
    if actor.has_perm("residents.view_investigated"):
        if per_row:
            # the row's resident: its foreign key's column on another model ("resident__" -> "resident_id")
            outer = f"{prefix.removesuffix('__')}_id" if prefix else "pk"
            scope |= Q(Exists(_investigations_with_access(actor).filter(resident_id=OuterRef(outer))))
        elif looked_up:
            scope |= ids_looked_up(f"{prefix}pk", _investigated_ids(actor))
        elif walked:
            scope |= in_hashed_set(f"{prefix}pk", _investigated_ids(actor))
        else:
            scope |= Q(**{f"{prefix}pk__in": _investigated_ids(actor)})
    return scope


def team_member_ids(actor) -> list[int]:
    """The ids of the users in ``actor``'s team, read once per actor object (a request's user).

    The team scope is "the resident's consulent is one of these", with the ids written into the query rather
    than a join to the users' table: PostgreSQL then knows from the consulent column's statistics how many
    residents that is (a join made it guess a third of the table). With the guess it sorted a whole team to
    show page 1,500 of the resident list (115 ms at 100,000 residents); with the ids it reads the covering
    name index (8 ms)."""
    kept = actor.__dict__.setdefault("_naleving_team_members", {})
    if actor.team_id not in kept:
        # compiled once per process (``common.compiled``): built and compiled each time, 0.19 against 0.08 ms
        _, rows = rows_for("residents.team_members", type(actor), _team_members_query, actor.team_id)
        kept[actor.team_id] = sorted(pk for (pk,) in rows)
    return kept[actor.team_id]


def _team_members_query(team_id: int) -> QuerySet:
    return get_user_model()._default_manager.filter(team_id=team_id).values_list("pk").order_by()


def _investigated_ids(actor) -> RawSQL:
    """The ids of the residents of the investigations assigned to the actor that he still has access to, read
    from the investigations alone (no join back to the residents), as a subquery for ``IN`` or
    ``ids_looked_up``. Its SQL is compiled once per process with the actor and the access cut-off as its
    parameters (``common.compiled.raw_sql``): a handhaver's lists embed it up to three times a page, and building
    and compiling it each time was 5–7 % of them (docs/benchmarks.md)."""
    return raw_sql("residents.investigated_ids", Resident, _investigated_ids_of, actor.pk, access_cutoff())


def _investigated_ids_of(actor_id: int, cutoff: date) -> QuerySet:
    return _investigations_of(actor_id, cutoff).values("resident_id").order_by()


def _investigated_ids_in_gemeenten(actor) -> RawSQL | QuerySet:
    """``_investigated_ids`` of the residents in the municipalities the actor works for."""
    in_gemeenten = gemeente_scope(actor, field="resident__gemeente")
    if not in_gemeenten:  # he works for all of them
        return _investigated_ids(actor)
    return _investigations_with_access(actor).values("resident_id").filter(in_gemeenten)


def _investigations_with_access(actor) -> QuerySet:
    """The investigations assigned to the actor that he still has access to (``investigation_access``)."""
    return _investigations_of(actor.pk, access_cutoff())


def _investigations_of(actor_id: int, cutoff: date) -> QuerySet:
    """The investigations assigned to this user that became final after ``cutoff`` or are not final. The model
    through the reverse relation of the investigations app's foreign key, so residents imports no app above it;
    one filter() call, so both conditions hold for the same investigation."""
    investigation: Any = Resident._meta.get_field("investigations").related_model
    return investigation._default_manager.filter(Q(assigned_to_id=actor_id) & access_after(cutoff))


def only_investigated(actor) -> bool:
    """Whether the actor's whole scope is his investigations' residents (a handhaver)."""
    return (
        actor is not None
        and actor.is_authenticated
        and actor.has_perm("residents.view_investigated")
        and not actor.has_perm("residents.view_all")
        and not actor.has_perm("residents.view_caseload")
        and not (actor.has_perm("residents.view_team") and actor.team_id)
    )


def residents_visible_to(actor, *, looked_up: bool = False, walked: bool = False) -> QuerySet[Resident]:
    return Resident.objects.filter(resident_scope(actor, looked_up=looked_up, walked=walked))


#: The one resident whose page is being built (``one_resident``): other apps' scopes then ask about them only.
#: Holds (actor id, resident id, authorised): authorised when ``resident_get`` gave that actor this resident.
_ONE_RESIDENT: ContextVar[tuple[int, int, bool] | None] = ContextVar("naleving_one_resident", default=None)
#: set by ``resident_get`` on the instance it returns: the id of the actor whose scope it was read through
_AUTHORISED_FOR = "_naleving_authorised_for"


@contextmanager
def one_resident(resident: Resident, *, actor) -> Iterator[None]:
    """While the page of one resident reads that resident's cases: every scope subquery of
    ``visible_resident_ids`` is narrowed to that resident.

    The callers filter on the resident anyway, so the result is the same; but PostgreSQL no longer builds
    the set of every resident in scope (a whole team: 50,000 rows) to check one. When ``resident`` came from
    ``resident_get`` for this very ``actor`` (the page's own authorisation), the scope is simply that one id:
    the permission was checked once, for the page, and is not rebuilt (and compiled) for every source of the
    timeline and the status card. Any other resident keeps the narrowed scope query, so narrowing can only
    hide rows, never show more."""
    token = _ONE_RESIDENT.set((getattr(actor, "pk", None), resident.pk, authorised_for(resident, actor)))
    try:
        yield
    finally:
        _ONE_RESIDENT.reset(token)


def authorised_for(resident: Resident, actor) -> bool:
    """Whether ``resident`` came from ``resident_get`` for this very ``actor`` (the page's own authorisation)."""
    return getattr(resident, _AUTHORISED_FOR, None) == getattr(actor, "pk", None) is not None


def visible_resident_ids(actor) -> QuerySet:
    """A subquery of the ids of the residents ``actor`` may see, for other apps' selectors; within
    ``one_resident``, for a resident already authorised for ``actor``, just that one id."""
    narrowed = _ONE_RESIDENT.get()
    if narrowed is not None:
        actor_id, resident_id, authorised = narrowed
        if authorised and actor_id == getattr(actor, "pk", None):
            return Resident.objects.filter(pk=resident_id).values("pk")
        return residents_visible_to(actor).filter(pk=resident_id).values("pk")
    return residents_visible_to(actor).values("pk")


def resident_ids_in_scope(actor):
    """The ids of the residents ``actor`` may see, only for ``resident_id__in=`` in other apps' selectors: the
    same ids as ``visible_resident_ids``, but for a handhaver straight from his investigations, without the
    residents' table. Read through the residents, the planner joined the whole table's index to his few
    hundred investigations, twice per signal or decision list (0.1 s at 100,000 residents)."""
    if _ONE_RESIDENT.get() is None and only_investigated(actor):
        return _investigated_ids_in_gemeenten(actor)
    return visible_resident_ids(actor)


def in_scope_by_parts(actor, field: str = "resident_id") -> Q:
    """``field`` (a resident's id) in ``resident_ids_in_scope(actor)``, written as one ``IN`` per part of the
    scope (``_scope_parts``) joined with ``OR``: PostgreSQL hashes each part's ids from its own index, where
    one ``IN`` over ``consulent = me OR fixed_contact_person = me`` read every resident's row it names. Only
    where the filter is an ``OR`` already (the signals': "or registered by me"), which PostgreSQL tests
    against hashed sets anyway; a plain ``IN`` it may also join, and there the parts cost more."""
    # a handhaver's one part is ``resident_ids_in_scope``'s own query: not built twice
    parts = _scope_parts(actor) if _ONE_RESIDENT.get() is None and not only_investigated(actor) else []
    if len(parts) < 2:
        return Q(**{f"{field}__in": resident_ids_in_scope(actor)})
    scope = Q(**{f"{field}__in": parts[0]})
    for part in parts[1:]:
        scope |= Q(**{f"{field}__in": part})
    return scope


def _scope_parts(actor) -> list[QuerySet]:
    """The ids of ``visible_resident_ids`` as one query per part of the scope, each with one condition its own
    index answers without reading a resident (``in_scope_by_parts``).

    One query with ``consulent = me OR fixed_contact_person = me`` makes PostgreSQL combine two bitmaps and
    read the residents' rows they point at: a consulent's 16,962 residents at 100,000 took 13 ms that way,
    against under 2 ms for the two index-only scans of (consulent, id) and (fixed_contact_person, id). Empty
    for whoever sees everyone (the scope is then the municipalities alone) or nobody; a handhaver's one part is
    his investigations' residents, which ``in_scope_by_parts`` reads as ``resident_ids_in_scope`` does."""
    if actor is None or not actor.is_authenticated or actor.has_perm("residents.view_all"):
        return []
    in_gemeenten = gemeente_scope(actor)
    residents = Resident.objects.filter(in_gemeenten)
    parts = []
    if actor.has_perm("residents.view_caseload"):
        parts += [residents.filter(consulent=actor), residents.filter(fixed_contact_person=actor)]
    if actor.has_perm("residents.view_team") and actor.team_id:
        parts.append(residents.filter(consulent_id__in=team_member_ids(actor)))
    ids = [part.values("pk") for part in parts]
    if actor.has_perm("residents.view_investigated"):
        ids.append(_investigated_ids_in_gemeenten(actor))
    return ids


def narrowed_to_one_resident() -> bool:
    """Whether the scopes are narrowed to the one resident whose page is being built (``one_resident``)."""
    return _ONE_RESIDENT.get() is not None


def few_residents_in_scope(actor) -> bool:
    """Whether ``resident_ids_in_scope(actor)`` is a short list: one resident while his page is built
    (``one_resident``), or a handhaver's investigations. Selectors may then ask it again where they would
    otherwise test the scope on a joined resident row, which is cheaper for a caseload or a team."""
    return _ONE_RESIDENT.get() is not None or only_investigated(actor)


def access_basis(actor, resident: Resident) -> str:
    """Why ``actor`` may see this resident: recorded as the purpose of every read."""
    if resident.consulent_id == actor.pk:
        return "Eigen caseload (uitvoering uitkering)"
    if resident.fixed_contact_person_id == actor.pk:
        return "Vaste contactpersoon (extra ondersteuning)"
    # the team's members as the scope has them (read once per request): not the resident's consulent read again
    if actor.has_perm("residents.view_team") and resident.consulent_id in team_member_ids(actor):
        return "Teamsturing (teamleider)"
    if actor.has_perm("residents.view_investigated"):
        return "Toegewezen handhavingsonderzoek"
    return "Volledige toegang (beheer)"


def resident_get(*, actor, resident_id: int) -> Resident:
    """One resident, if ``actor`` may see them; otherwise ``Resident.DoesNotExist``. With the people the page
    names joined: the resident by id compiled once per process, the actor's scope added as its condition
    (``common.compiled.instances_for``; building and compiling the whole query each time was 1.3 ms of the
    resident's page on the bench machine, docs/benchmarks.md)."""
    resident = one_in_scope(
        "residents.get", Resident, _resident_with_people, resident_id, residents_visible_to(actor)
    )
    if resident is None:
        raise Resident.DoesNotExist("Inwoner niet gevonden")
    setattr(resident, _AUTHORISED_FOR, actor.pk)
    return resident


def _resident_with_people(resident_id: int) -> QuerySet[Resident]:
    return (
        Resident.objects.filter(pk=resident_id)
        .select_related("consulent", "fixed_contact_person", "partner")
        .order_by()
    )


def residents_for_linking(*, bsns) -> dict[str, Resident]:
    """The registered residents among ``bsns``, keyed by BSN, to link incoming signals to.

    Deliberately not scoped to an actor: a signal about any resident must reach that resident's file,
    whoever registers it. Callers must therefore never show the result to the person registering (no
    name, no "known"/"unknown"), or a BSN could be probed for being a client of the municipality.
    """
    wanted = {b for b in bsns if b}
    if not wanted:
        return {}
    return {r.bsn: r for r in Resident.objects.filter(bsn__in=wanted)}


def audit_subjects(*, actor, resident_ids=(), bsn: str = "") -> dict[int, str]:
    """Masked BSNs by resident id (dossier number), for the privacy officer's pages on the audit log.

    The residents with one of ``resident_ids``, or the one with ``bsn``. Outside the resident scope on
    purpose: the FG reviews who read whose file without reading the file, so this yields the dossier number
    and the masked BSN only (no name, no address), and only to holders of ``audit.view_auditevent``; for
    anyone else nobody exists.
    """
    if actor is None or not actor.has_perm(VIEW_EVENTS):
        return {}
    residents = Resident.objects.none()
    if bsn:
        residents = Resident.objects.filter(bsn=bsn)
    elif resident_ids:
        residents = Resident.objects.filter(pk__in=list(resident_ids))
    return {r.pk: r.masked_bsn for r in residents.only("pk", "bsn")}


def resident_search(
    *, actor, query: str = "", looked_up: bool = False, walked: bool = False
) -> QuerySet[Resident]:
    """Residents matching a name, BSN or postcode within the actor's scope; ``looked_up``: a handhaver's scope
    as ids looked up one by one (``resident_scope``), for counting the list and finding a deep page's ids;
    ``walked``: as a set tested on each resident in name order, for reading a page from where it begins."""
    residents = residents_visible_to(actor, looked_up=looked_up, walked=walked).select_related("consulent")
    query = query.strip()
    if query:
        if query.isdigit() and len(query) == 9:
            residents = residents.filter(bsn=query)
        else:
            compact = query.replace(" ", "").upper()
            residents = residents.filter(
                Q(family_name__icontains=query) | Q(first_names__icontains=query) | Q(postcode=compact)
            )
    return residents


def active_benefit(resident, on: date):
    """The resident's benefit running on ``on`` (the latest started), or None."""
    running = Q(end_date__isnull=True) | Q(end_date__gte=on)
    return resident.benefits.filter(running, start_date__lte=on).order_by("-start_date").first()


def districts() -> list[str]:
    """The districts (wijken) residents live in, for filters on reports."""
    return list(Resident.objects.order_by("district").values_list("district", flat=True).distinct())


def registratieverzoeken_open(actor) -> QuerySet[Registratieverzoek]:
    """Open registratieverzoeken for ``actor`` to handle: those of their team's members (teamleider), all of
    them with full access, none otherwise."""
    requests = Registratieverzoek.objects.filter(status=RegistratieverzoekStatus.OPEN).select_related(
        "resident__consulent", "requested_by"
    )
    if actor is None or not actor.is_authenticated:
        return requests.none()
    requests = requests.filter(gemeente_scope(actor, "resident__gemeente"))
    if actor.has_perm("residents.view_all"):
        return requests
    if actor.has_perm("residents.view_team") and actor.team_id:
        return requests.filter(requested_by__team_id=actor.team_id)
    return requests.none()


def registratieverzoek_get(*, actor, request_id: int) -> Registratieverzoek:
    """One open request ``actor`` may handle; otherwise ``Registratieverzoek.DoesNotExist``."""
    try:
        return registratieverzoeken_open(actor).get(pk=request_id)
    except (Registratieverzoek.DoesNotExist, ValueError, TypeError):
        raise Registratieverzoek.DoesNotExist("Registratieverzoek niet gevonden") from None


#: The statuses of an objection (AVG art. 21) that keep a resident out of theme-control selection: while
#: it runs (the processing is restricted meanwhile, AVG art. 18(1)(d)) and once granted.
EXCLUDING_STATUSES = (PrivacyObjectionStatus.INGEDIEND, PrivacyObjectionStatus.TOEGEWEZEN)


def objecting_bsns(*, on: date) -> frozenset[str]:
    """The BSNs of residents with an objection to processing (AVG art. 21) received on or before ``on``
    that is still open or was granted: theme controls leave them out of their selection.

    Deliberately not scoped to an actor: a theme control runs over the whole delivery in a background task
    (no user is looking), and the answer is only used to filter the delivery, never shown; who objected is
    not revealed to the analyst, only how many were left out.
    """
    return frozenset(
        PrivacyObjection.objects.filter(status__in=EXCLUDING_STATUSES, received_on__lte=on)
        .values_list("resident__bsn", flat=True)
        .distinct()
    )


def corrections_of(*, actor, resident: Resident) -> QuerySet[Correction]:
    """The corrections (AVG art. 16) of ``resident``, if ``actor`` may see the resident; otherwise none."""
    return Correction.objects.filter(
        resident__in=visible_resident_ids(actor).filter(pk=resident.pk)
    ).select_related("recorded_by")


def privacy_objections_of(*, actor, resident: Resident) -> QuerySet[PrivacyObjection]:
    """The objections (AVG art. 21) of ``resident``, if ``actor`` may see the resident; otherwise none."""
    return PrivacyObjection.objects.filter(
        resident__in=visible_resident_ids(actor).filter(pk=resident.pk)
    ).select_related("registered_by", "decided_by")


def privacy_objections_open(actor) -> QuerySet[PrivacyObjection]:
    """The open objections (AVG art. 21) for the FG to decide; none for anyone without the permission.

    Outside the resident scope on purpose, as ``audit_subjects``: the FG decides without reading the file,
    so the page shows the dossier number, the masked BSN and the grounds, never a name."""
    if actor is None or not actor.has_perm("residents.decide_privacy_objection"):
        return PrivacyObjection.objects.none()
    return PrivacyObjection.objects.filter(status=PrivacyObjectionStatus.INGEDIEND).select_related(
        "resident", "registered_by"
    )


def privacy_objection_open_get(*, actor, objection_id: int) -> PrivacyObjection:
    """One open objection ``actor`` may decide; otherwise ``PrivacyObjection.DoesNotExist``."""
    try:
        return privacy_objections_open(actor).get(pk=objection_id)
    except (PrivacyObjection.DoesNotExist, ValueError, TypeError):
        raise PrivacyObjection.DoesNotExist("Bezwaar niet gevonden") from None


def bsn_of(resident_id: int) -> str | None:
    """The BSN of a resident, for the FG's question which searches asked for it (never shown)."""
    return Resident.objects.filter(pk=resident_id).values_list("bsn", flat=True).first()
