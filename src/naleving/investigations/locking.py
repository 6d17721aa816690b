"""Optimistic locking of investigations (ADR 0008).

Every write to an investigation first claims it with a conditional UPDATE on its ``version``. When
somebody else saved in between, nothing is written and ``InvestigationChangedError`` says who changed it
and when, so two people editing the same investigation never silently overwrite each other.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from naleving.investigations.models import Investigation


class InvestigationChangedError(ValidationError):
    """Somebody else saved the investigation after the caller loaded it; nothing was written."""

    def __init__(self, current: Investigation):
        self.current = current
        who = current.updated_by.display_name if current.updated_by else "een collega"
        when = (
            timezone.localtime(current.updated_at).strftime("%H:%M op %d-%m-%Y")
            if current.updated_at
            else "zojuist"
        )
        super().__init__(
            f"Dit onderzoek is intussen gewijzigd door {who} om {when}. Uw wijziging is niet opgeslagen; "
            "bekijk de nieuwe versie en probeer het opnieuw.",
            code="stale",
        )


def claim(*, actor, investigation: Investigation, expected_version: int | None, **changes) -> Investigation:
    """Bump the version if it is still ``expected_version`` (and apply ``changes``), else refuse.

    The conditional UPDATE takes the row lock, so of two concurrent saves of the same version exactly
    one succeeds; the other raises ``InvestigationChangedError`` and its transaction rolls back. Since
    every write bumps the version, a successful claim also proves that what the service validated
    beforehand (on the caller's instance) is still the state in the database. Services therefore
    validate first and claim last, so a refused write leaves the caller's instance untouched.
    """
    expected = investigation.version if expected_version is None else int(expected_version)
    claimed = Investigation.objects.filter(pk=investigation.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=actor, **changes
    )
    if claimed != 1:
        raise InvestigationChangedError(
            Investigation.objects.select_related("updated_by").get(pk=investigation.pk)
        )
    investigation.refresh_from_db()
    return investigation
