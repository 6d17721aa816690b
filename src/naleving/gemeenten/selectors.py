"""Which municipalities there are, and which of them a staff member works for.

Staff are scoped to one, several or all municipalities of the organisation (``User.gemeenten`` and
``User.all_gemeenten``), on top of their caseload and team scope: a resident of a municipality the user
does not work for does not exist for them.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from naleving.gemeenten.models import Gemeente, Organisation


def organisation_name() -> str:
    """The organisation's name: its row when there is one, else the installation's setting."""
    row = Organisation.objects.only("name").first()
    return row.name if row else settings.NALEVING_ORGANISATION


def gemeenten_all() -> QuerySet[Gemeente]:
    return Gemeente.objects.all()


#: What every page's header shows (the organisation's name, the municipalities), kept per process for
#: ``NALEVING_HEADER_SECONDS``: two queries fewer on every page. A change saved through the ORM forgets it in
#: the process that saved it (``apps.GemeentenConfig``); the other processes show it within that time.
_HEADER: dict[str, tuple[float, Any]] = {}


def _header_kept(key: str, read: Callable[[], Any]) -> Any:
    seconds = getattr(settings, "NALEVING_HEADER_SECONDS", 0)
    now = time.monotonic()
    kept = _HEADER.get(key)
    if kept is not None and now - kept[0] < seconds:
        return kept[1]
    value = read()
    if seconds > 0:
        _HEADER[key] = (now, value)
    return value


def header_organisation_name() -> str:
    """``organisation_name()`` for the page header, kept for a while (``_HEADER``)."""
    return _header_kept("organisation", organisation_name)


def header_gemeenten() -> list[Gemeente]:
    """Every municipality, for the page header, kept for a while (``_HEADER``)."""
    return _header_kept("gemeenten", lambda: list(Gemeente.objects.all()))


def header_forget(**kwargs) -> None:
    """A municipality or the organisation changed: the header reads them again."""
    _HEADER.clear()


def gemeente_by_code(code: str) -> Gemeente:
    """The municipality with this CBS code; otherwise ``Gemeente.DoesNotExist``."""
    return Gemeente.objects.get(code=code.strip().upper())


def works_for_all(actor) -> bool:
    return bool(actor.is_superuser or getattr(actor, "all_gemeenten", False))


def gemeenten_of(actor) -> QuerySet[Gemeente]:
    """The municipalities ``actor`` works for (none for an anonymous user)."""
    if actor is None or not actor.is_authenticated:
        return Gemeente.objects.none()
    if works_for_all(actor):
        return Gemeente.objects.all()
    return Gemeente.objects.filter(staff=actor)


def gemeente_scope(actor, field: str = "gemeente") -> Q:
    """A filter on any model with a gemeente foreign key at ``field``: the municipalities ``actor`` works for."""
    if actor is not None and actor.is_authenticated and works_for_all(actor):
        return Q()
    return Q(**{f"{field}__in": gemeenten_of(actor).values("pk")})


def only_gemeente() -> Gemeente | None:
    """The municipality when the organisation has exactly one (then nobody has to choose it)."""
    rows = list(Gemeente.objects.all()[:2])
    return rows[0] if len(rows) == 1 else None
