"""Actor-scoped reads of residents. What a user may not see does not exist for them (not found, not 403).

Pure reads: the views that show a resident declare that read for the audit log (``residents.reads``)."""

from datetime import date

from django.db.models import Q, QuerySet

from naleving.residents.models import Resident


def resident_scope(actor) -> Q:
    """A filter on Resident for everything ``actor`` may see, built from permissions only."""
    nothing = Q(pk__in=[])
    if actor is None or not actor.is_authenticated:
        return nothing
    if actor.has_perm("residents.view_all"):
        return Q()
    scope = nothing
    if actor.has_perm("residents.view_caseload"):
        scope |= Q(consulent=actor) | Q(fixed_contact_person=actor)
    if actor.has_perm("residents.view_team") and actor.team_id:
        scope |= Q(consulent__team_id=actor.team_id)
    if actor.has_perm("residents.view_investigated"):
        # Through the reverse relation of the investigations app's foreign key, so residents imports no app above it.
        scope |= Q(pk__in=Resident.objects.filter(investigations__assigned_to=actor).values("pk"))
    return scope


def residents_visible_to(actor) -> QuerySet[Resident]:
    return Resident.objects.filter(resident_scope(actor))


def visible_resident_ids(actor) -> QuerySet:
    """A subquery of the ids of the residents ``actor`` may see, for other apps' selectors."""
    return residents_visible_to(actor).values("pk")


def access_basis(actor, resident: Resident) -> str:
    """Why ``actor`` may see this resident: recorded as the purpose of every read."""
    if resident.consulent_id == actor.pk:
        return "Eigen caseload (uitvoering uitkering)"
    if resident.fixed_contact_person_id == actor.pk:
        return "Vaste contactpersoon (extra ondersteuning)"
    if (
        actor.has_perm("residents.view_team")
        and resident.consulent
        and resident.consulent.team_id == actor.team_id
    ):
        return "Teamsturing (teamleider)"
    if actor.has_perm("residents.view_investigated"):
        return "Toegewezen handhavingsonderzoek"
    return "Volledige toegang (beheer)"


def resident_get(*, actor, resident_id: int) -> Resident:
    """One resident, if ``actor`` may see them; otherwise ``Resident.DoesNotExist``."""
    try:
        return (
            residents_visible_to(actor)
            .select_related("consulent", "fixed_contact_person", "partner")
            .get(pk=resident_id)
        )
    except (Resident.DoesNotExist, ValueError, TypeError):
        raise Resident.DoesNotExist("Inwoner niet gevonden") from None


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


def resident_search(*, actor, query: str = "") -> QuerySet[Resident]:
    """Residents matching a name, BSN or postcode within the actor's scope."""
    residents = residents_visible_to(actor).select_related("consulent")
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
