"""Actor-scoped reads of verzuimen (the maatregel path): who decides or co-signs sees the verzuimen of the
residents in their scope; what they may not see is "not found"."""

from django.db.models import QuerySet

from naleving.decisions.models import Verzuim, VerzuimStatus
from naleving.decisions.permissions import COSIGN, RECORD
from naleving.residents.selectors import visible_resident_ids

OPEN = (VerzuimStatus.GEMELD, VerzuimStatus.GEHOORD)


def may_see_verzuimen(actor) -> bool:
    """Whether ``actor`` sees verzuimen at all. ``dossier.reads`` reads a resident that ``resident_get`` gave the actor by this test alone: every row of theirs, or none."""
    return actor.is_authenticated and (actor.has_perm(RECORD) or actor.has_perm(COSIGN))


def verzuimen_visible_to(actor) -> QuerySet[Verzuim]:
    if not may_see_verzuimen(actor):
        return Verzuim.objects.none()
    return Verzuim.objects.filter(resident_id__in=visible_resident_ids(actor)).select_related(
        "resident", "reported_by", "besluit"
    )


def verzuimen_open(actor) -> QuerySet[Verzuim]:
    """The open verzuimen (gemeld or gehoord) in the actor's scope, oldest first: the work to do."""
    return verzuimen_visible_to(actor).filter(status__in=OPEN).order_by("happened_on", "pk")


def verzuimen_of(actor, resident) -> QuerySet[Verzuim]:
    """The resident's verzuimen the actor may see, newest first."""
    return verzuimen_visible_to(actor).filter(resident=resident)


def verzuim_get(*, actor, verzuim_id: int) -> Verzuim:
    try:
        return verzuimen_visible_to(actor).get(pk=verzuim_id)
    except (Verzuim.DoesNotExist, ValueError):
        raise Verzuim.DoesNotExist("Verzuim niet gevonden") from None
