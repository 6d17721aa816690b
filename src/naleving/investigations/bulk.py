"""Assigning many investigations at once (the teamleider's list, issue #21), and each handhaver's open work.

Each investigation goes through the one assign service (``services.investigation_assign``): the same checks
and the same ``investigation.assigned`` audit event as assigning one. All of them in one transaction: when one
cannot be assigned, none is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from naleving.investigations import services
from naleving.investigations.permissions import ASSIGN
from naleving.investigations.selectors import handhavers_for, investigations_visible_to

#: at most this many investigations in one assignment (a page of the list holds 25)
MAX_AT_ONCE = 100


def _numbers(ids) -> str:
    return ", ".join(str(pk) for pk in ids)


@transaction.atomic
def investigations_assign_bulk(*, actor, investigation_ids: list[int], handhaver) -> list:
    """Assign every investigation of ``investigation_ids`` to ``handhaver``, or none of them.

    Refused as a whole, naming the investigations: those outside the actor's scope (not found for him) and
    those that cannot be assigned (closed, changed meanwhile)."""
    if not actor.has_perm(ASSIGN):
        raise PermissionDenied("U mag geen onderzoeken toewijzen.")
    ids = sorted(set(investigation_ids))
    if not ids:
        raise ValidationError("Kies een of meer onderzoeken om toe te wijzen.")
    if len(ids) > MAX_AT_ONCE:
        raise ValidationError(f"Wijs hoogstens {MAX_AT_ONCE} onderzoeken tegelijk toe.")
    if handhaver is None or not handhavers_for(actor).filter(pk=handhaver.pk).exists():
        raise ValidationError("Kies een handhaver van uw team.")
    visible = {i.pk: i for i in investigations_visible_to(actor).filter(pk__in=ids)}
    outside = [pk for pk in ids if pk not in visible]
    if outside:
        raise ValidationError(
            f"Onderzoek {_numbers(outside)} valt buiten uw werkgebied of bestaat niet. "
            "Er is niets toegewezen."
        )
    closed = [pk for pk in ids if not visible[pk].is_open]
    if closed:
        raise ValidationError(f"Onderzoek {_numbers(closed)} is afgerond. Er is niets toegewezen.")
    assigned = []
    for pk in ids:
        try:
            assigned.append(
                services.investigation_assign(actor=actor, investigation=visible[pk], handhaver=handhaver)
            )
        except ValidationError as exc:
            raise ValidationError(
                f"Onderzoek {pk}: {' '.join(exc.messages)} Er is niets toegewezen."
            ) from exc
    return assigned
