"""Actor-scoped reads of investigations: a handhaver sees assigned work, a consulent the caseload's."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from naleving.common.compiled import one_in_scope, rows_for
from naleving.common.paging import kept_for_user
from naleving.common.people import NAME_FIELDS
from naleving.gemeenten.selectors import gemeente_scope
from naleving.investigations.choices import Status
from naleving.investigations.models import Investigation, InvestigationDocument
from naleving.residents.access import access_cutoff, investigation_access
from naleving.residents.models import Resident
from naleving.residents.selectors import team_member_ids


def investigations_visible_to(actor) -> QuerySet[Investigation]:
    scope = _scope(actor, _through_resident)
    if scope is None:
        return Investigation.objects.none()
    return Investigation.objects.filter(scope).select_related("resident", "assigned_to")


def _scope(actor, on_resident: Callable[[Q], Q]) -> Q | None:
    """The investigations ``actor`` may see, as a filter (None: none at all). ``on_resident`` makes a filter
    on the investigation's resident from one on ``Resident`` (``Q()`` stays ``Q()``): a join for the lists
    (``_through_resident``), an ``EXISTS`` for one investigation read by its id (``_resident_exists``)."""
    if not actor.is_authenticated or not actor.has_perm("investigations.view_investigation"):
        return None
    if actor.has_perm("residents.view_all"):
        scope = Q()
    else:
        scope = Q(pk__in=[])
        if actor.has_perm("investigations.conduct_investigation"):
            # Assigned work, until the configured days after the case is final (residents.selectors).
            assigned = Investigation.objects.filter(Q(assigned_to=actor) & investigation_access())
            scope |= Q(pk__in=assigned.values("pk"))
        if actor.has_perm("residents.view_caseload"):
            scope |= on_resident(Q(consulent=actor))
        if actor.has_perm("residents.view_team") and actor.team_id:
            # The team as its members' ids, as the residents' team scope (``team_member_ids``): no join to
            # the users' table for the consulent or the handhaver, and estimates from the columns' statistics.
            members = team_member_ids(actor)
            scope |= on_resident(Q(consulent_id__in=members)) | Q(assigned_to_id__in=members)
    # The municipalities the actor works for hold on top of every part of the scope (ADR 0021).
    return scope & on_resident(gemeente_scope(actor))


def _through_resident(condition: Q) -> Q:
    """``condition`` on ``Resident`` as a filter on the investigation through its resident (a join)."""
    prefixed = Q()
    prefixed.connector, prefixed.negated = condition.connector, condition.negated
    prefixed.children = [
        (f"resident__{child[0]}", child[1]) if isinstance(child, tuple) else _through_resident(child)
        for child in condition.children
    ]
    return prefixed


def _resident_exists(condition: Q) -> Q:
    """``condition`` on ``Resident`` as an ``EXISTS`` on the investigation's resident, which PostgreSQL
    tests on the rows it reads: for one investigation, its one resident (as ``resident_id IN`` the residents
    it holds, PostgreSQL hashed a teamleider's 50,000 team residents for the one row: 12 ms at 100,000)."""
    if not condition:
        return condition
    return Q(Exists(Resident.objects.filter(condition, pk=OuterRef("resident_id"))))


def investigations_shown_with(actor, resident) -> Callable[[Investigation], bool] | None:
    """For a resident ``actor`` may see (``residents.selectors.resident_get`` gave them to him): a test of one
    of the resident's investigations that holds exactly when ``investigations_visible_to(actor)`` gives it, so
    the resident's page can read them by the resident alone (``dossier.reads.case_investigations``); None when
    he sees none. The municipalities hold already: they are the resident's, which he may see. Each part as in
    ``investigations_visible_to``: assigned work until its access ends, the caseload's, the team's (its
    consulenten's residents, its members' assignments). A test compares both for every role."""
    if not actor.is_authenticated or not actor.has_perm("investigations.view_investigation"):
        return None
    if actor.has_perm("residents.view_all"):
        return _every
    if actor.has_perm("residents.view_caseload") and resident.consulent_id == actor.pk:
        return _every
    members: frozenset[int] = frozenset()
    if actor.has_perm("residents.view_team") and actor.team_id:
        members = frozenset(team_member_ids(actor))
        if resident.consulent_id in members:
            return _every
    conducts = actor.has_perm("investigations.conduct_investigation")
    cutoff = access_cutoff()

    def shown(investigation: Investigation) -> bool:
        assigned = investigation.assigned_to_id
        if assigned is not None and assigned in members:
            return True
        return conducts and assigned == actor.pk and investigation.access_final_on > cutoff

    return shown


def _every(investigation: Investigation) -> bool:
    return True


def investigation_get(*, actor, investigation_id: int) -> Investigation:
    """One investigation with its resident and handhaver, if ``actor`` may see it; otherwise
    ``Investigation.DoesNotExist``. Read by its id with SQL compiled once, the actor's scope added as its
    condition (``common.compiled.one_in_scope``): building and compiling the scoped query took 1.2 of the
    1.4 ms this read cost the handhaver's investigation page on the bench machine (docs/benchmarks.md)."""
    found = one_in_scope(
        "investigations.get", Investigation, _investigation_read, investigation_id, _by_own_columns(actor)
    )
    if found is None:
        raise Investigation.DoesNotExist("Onderzoek niet gevonden")
    return found


def _investigation_read(investigation_id: int) -> QuerySet[Investigation]:
    """An investigation by its id as ``investigations_visible_to`` reads it (its resident and handhaver
    joined)."""
    return (
        Investigation.objects.filter(pk=investigation_id).select_related("resident", "assigned_to").order_by()
    )


def _by_own_columns(actor) -> QuerySet[Investigation]:
    """The investigations ``investigations_visible_to`` gives ``actor``, as conditions on the investigation's
    own columns (``common.compiled.where_of`` takes no join). A test compares both for every role and every
    investigation."""
    scope = _scope(actor, _resident_exists)
    return Investigation.objects.none() if scope is None else Investigation.objects.filter(scope)


def investigation_document_get(*, actor, investigation_id: int, document_id: int) -> InvestigationDocument:
    """One document of a visible investigation (the download view logs opening it)."""
    investigation = investigation_get(actor=actor, investigation_id=investigation_id)
    try:
        document = investigation.documents.get(pk=document_id)
    except (InvestigationDocument.DoesNotExist, ValueError):
        raise InvestigationDocument.DoesNotExist("Document niet gevonden") from None
    return document


def access_purpose(actor, investigation: Investigation) -> str:
    if investigation.assigned_to_id == actor.pk:
        return "Toegewezen handhavingsonderzoek"
    if investigation.resident.consulent_id == actor.pk:
        return "Eigen caseload (besluit op onderzoek)"
    return "Teamsturing (teamleider)"


def resident_has_open_investigation(resident) -> bool:
    """Whether triage to onderzoek will join a running investigation (shown on the triage page)."""
    return Investigation.objects.filter(resident=resident, status="open").exists()


def investigation_monthly(investigation: Investigation) -> list[dict]:
    """The finding's months in the decision contract's ``monthly`` shape (empty when it was entered)."""
    return [
        {"month": m.month_key, "paid": str(m.paid), "entitled": str(m.entitled)}
        for m in investigation.finding_months.order_by("month")
    ]


#: who may conduct investigations, by the permission's name (no id: the compiled list below holds no id of it)
_MAY_CONDUCT = {"codename": "conduct_investigation", "content_type__app_label": "investigations"}


def _handhavers_query(team_id: int | None, *, counted: bool = False) -> QuerySet:
    """Active users who may conduct investigations, in team ``team_id`` when given; ``counted``: each with
    ``open_count``, the open investigations assigned to him."""
    users = get_user_model().objects.filter(
        Q(**{f"groups__permissions__{k}": v for k, v in _MAY_CONDUCT.items()})
        | Q(**{f"user_permissions__{k}": v for k, v in _MAY_CONDUCT.items()}),
        is_active=True,
    )
    if team_id is not None:
        users = users.filter(team_id=team_id)
    if counted:
        # a count per user beside the query, not a join of his investigations under the permission joins (the
        # DISTINCT then went over every investigation of the team's handhavers: 1.4 → 1.1 ms in the bench's page)
        open_ones = (
            Investigation.objects.filter(assigned_to=OuterRef("pk"), status=Status.OPEN)
            .order_by()
            .values("assigned_to")
            .annotate(n=Count("*"))
            .values("n")
        )
        users = users.annotate(open_count=Coalesce(Subquery(open_ones), 0))
    return users.distinct().order_by("first_name", "last_name", "username")


def handhavers_for(actor) -> QuerySet:
    """Active users who may conduct investigations, in the actor's team when the actor has one."""
    return _handhavers_query(getattr(actor, "team_id", None))


#: where ``handhavers_listed`` keeps its list on the user object (the request's user lives for one request)
_HANDHAVERS_LISTED = "_naleving_handhavers_listed"


def handhavers_listed(actor) -> list:
    """``handhavers_for(actor)`` as a list, read once per user object; for a user who may assign, each with
    ``open_count`` (the open investigations assigned to him). The investigation list asks twice: its
    filter's choices and, for a user who may assign, the bulk assignment under it.

    For a user in a team (every teamleider and handhaver) the query is compiled once per process
    (``common.compiled``: building and compiling it took about 4 ms of the investigation list's 20), and its
    rows are kept for him as his list counts are (``common.paging.kept_for_user``: for a minute, forgotten as
    soon as he changes anything, so an assignment of his shows in the counts at once; running it took 1.1 ms of
    the teamleider's 15). Only names and counts are kept: an assignment is checked against the team as it is
    (``handhavers_for``)."""
    found = getattr(actor, _HANDHAVERS_LISTED, None)
    if found is None:
        counted = actor.has_perm("investigations.assign_investigation")
        team_id = getattr(actor, "team_id", None)
        if team_id is None:
            found = _handhavers_read(actor, counted=counted)
        else:
            kept = kept_for_user(
                actor.pk,
                f"investigations.handhavers:{team_id}:{counted}",
                lambda: _handhavers_rows(team_id, counted),
            )
            found = _users_from_rows(*kept)
        setattr(actor, _HANDHAVERS_LISTED, found)
    return found


def handhavers_offered(actor) -> list:
    """``handhavers_for(actor)`` as a list without their open counts, for the investigation page's
    assignment: compiled once per process for a user in a team, like ``handhavers_listed``."""
    return _handhavers_read(actor, counted=False)


def _handhavers_read(actor, *, counted: bool) -> list:
    """``_handhavers_query`` for the actor's team as a list of users (with ``open_count`` when ``counted``);
    compiled once per process for a user in a team (``common.compiled``)."""
    team_id = getattr(actor, "team_id", None)
    if team_id is None:
        return list(_handhavers_query(None, counted=counted).only("pk", *NAME_FIELDS))
    return _users_from_rows(*_handhavers_rows(team_id, counted))


def _handhavers_rows(team_id: int, counted: bool) -> tuple[list[str], list[tuple]]:
    """The columns and rows of ``_handhavers_query`` for team ``team_id``, compiled once per process."""
    return rows_for(
        f"investigations.handhavers{'.counted' if counted else ''}",
        get_user_model(),
        lambda team: _handhavers_query(team, counted=counted).only("pk", *NAME_FIELDS),
        team_id,
    )


def _users_from_rows(columns: list[str], rows: list[tuple]) -> list:
    """Users from the rows of a query of their id and some of their fields, then annotations (set as
    attributes); the fields not read are deferred. The lists of handhavers name them (``display_name``) and
    read no more of them: no password hash, e-mail address or team."""
    model = get_user_model()
    fields = {field.attname for field in model._meta.concrete_fields}
    names = columns[: next((i for i, c in enumerate(columns) if c not in fields), len(columns))]
    if model._meta.pk.attname not in names:
        raise ValueError(f"expected the user's id among his columns first, got {columns}")
    alias, users = router.db_for_read(model), []
    for row in rows:
        user = model.from_db(alias, names, row[: len(names)])
        for name, value in zip(columns[len(names) :], row[len(names) :], strict=True):
            setattr(user, name, value)
        users.append(user)
    return users


def triage_assignees(actor) -> tuple[bool, QuerySet]:
    """Who a triager may hand a new investigation to: themselves (when they conduct investigations) and,
    when they may assign, the handhavers of their team. ``(self_allowed, handhavers)``."""
    self_allowed = actor.has_perm("investigations.conduct_investigation")
    if actor.has_perm("investigations.assign_investigation"):
        return self_allowed, handhavers_for(actor).exclude(pk=actor.pk)
    return self_allowed, get_user_model().objects.none()
