"""Actor-scoped reads of preventive interventions and referrals."""

from django.db.models import QuerySet

from naleving.prevention.models import PreventiveIntervention, Referral
from naleving.residents.selectors import TimelineEntry, visible_resident_ids


def interventions_visible_to(actor) -> QuerySet[PreventiveIntervention]:
    if not actor.is_authenticated or not actor.has_perm("prevention.view_preventiveintervention"):
        return PreventiveIntervention.objects.none()
    return PreventiveIntervention.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "performed_by"
    )


def referrals_visible_to(actor) -> QuerySet[Referral]:
    if not actor.is_authenticated or not actor.has_perm("prevention.view_preventiveintervention"):
        return Referral.objects.none()
    return Referral.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "referred_by"
    )


def prevention_timeline(*, actor, resident) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(i.occurred_on, "preventie", i.get_kind_display(), i.topic, _name(i.performed_by))
        for i in interventions_visible_to(actor).filter(resident=resident)
    ]
    entries += [
        TimelineEntry(
            r.referred_on,
            "verwijzing",
            f"Verwezen naar {r.get_partner_display()}",
            r.get_status_display(),
            _name(r.referred_by),
        )
        for r in referrals_visible_to(actor).filter(resident=resident)
    ]
    return entries


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""
