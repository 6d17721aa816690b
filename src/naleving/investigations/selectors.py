"""Actor-scoped reads of investigations: a handhaver sees assigned work, a consulent the caseload's."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from naleving.investigations.models import Investigation
from naleving.residents.selectors import TimelineEntry


def investigations_visible_to(actor) -> QuerySet[Investigation]:
    if not actor.is_authenticated or not actor.has_perm("investigations.view_investigation"):
        return Investigation.objects.none()
    if actor.has_perm("residents.view_all"):
        scope = Q()
    else:
        scope = Q(pk__in=[])
        if actor.has_perm("investigations.conduct_investigation"):
            scope |= Q(assigned_to=actor)
        if actor.has_perm("residents.view_caseload"):
            scope |= Q(resident__consulent=actor)
        if actor.has_perm("residents.view_team") and actor.team_id:
            scope |= Q(resident__consulent__team_id=actor.team_id) | Q(assigned_to__team_id=actor.team_id)
    return Investigation.objects.filter(scope).select_related("resident", "assigned_to")


def investigation_get(*, actor, investigation_id: int) -> Investigation:
    try:
        return investigations_visible_to(actor).get(pk=investigation_id)
    except (Investigation.DoesNotExist, ValueError):
        raise Http404("Onderzoek niet gevonden") from None


def investigation_timeline(*, actor, resident) -> list[TimelineEntry]:
    entries = []
    investigations = (
        investigations_visible_to(actor)
        .filter(resident=resident)
        .prefetch_related("actions__performed_by", "hoor_en_wederhoor__recorded_by")
    )
    for inv in investigations:
        url = reverse("investigations:detail", args=[inv.pk])
        entries.append(
            TimelineEntry(inv.opened_on, "onderzoek", "Onderzoek gestart", "", _name(inv.assigned_to), url)
        )
        for action in inv.actions.all():
            entries.append(
                TimelineEntry(
                    action.performed_on,
                    "onderzoek",
                    action.get_kind_display(),
                    action.reason,
                    _name(action.performed_by),
                    url,
                )
            )
        for hw in inv.hoor_en_wederhoor.all():
            entries.append(
                TimelineEntry(
                    hw.held_on, "onderzoek", "Hoor en wederhoor", hw.summary, _name(hw.recorded_by), url
                )
            )
        if inv.closed_on:
            entries.append(
                TimelineEntry(
                    inv.closed_on,
                    "onderzoek",
                    f"Onderzoek afgerond: {inv.get_outcome_display()}",
                    "",
                    _name(inv.assigned_to),
                    url,
                )
            )
    return entries


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""
