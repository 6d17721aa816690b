"""The checks every objection and appeal service shares: who may handle it, dates not in the future."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from naleving.decisions.permissions import HANDLE_BEZWAAR


def d(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def require_handler(actor, besluit) -> None:
    from naleving.decisions.selectors import besluiten_visible_to

    if not actor.has_perm(HANDLE_BEZWAAR):
        raise PermissionDenied("U mag geen bezwaar en beroep behandelen.")
    if not besluiten_visible_to(actor).filter(pk=besluit.pk).exists():
        raise PermissionDenied("Dit besluit valt buiten uw werkvoorraad.")


def not_future(field: str, day: date | None, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: f"De datum waarop {what} kan niet in de toekomst liggen."})
