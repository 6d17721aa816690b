"""What a page showing residents declares for the audit log (written at the edge, see ``audit.edge``)."""

from naleving.audit.edge import shows
from naleving.residents.selectors import access_basis


def resident_shown(request, resident, *, purpose: str = "") -> None:
    """This response shows ``resident``'s file; the purpose defaults to the actor's access basis."""
    shows(
        request,
        code="resident.viewed",
        obj=resident,
        resident_id=resident.pk,
        purpose=purpose or access_basis(request.user, resident),
    )


def residents_searched(request, *, query: str, count: int) -> None:
    """A search shows names of several residents: record it (not each row) with the search terms."""
    shows(
        request,
        code="resident.searched",
        purpose="Zoeken in eigen werkvoorraad",
        after={"zoekterm": query, "aantal": count},
    )


def case_shown(request, obj, resident, *, code: str, purpose: str = "") -> None:
    """This response shows a case (signal, investigation, besluit, vordering) of ``resident``; the purpose
    defaults to the actor's access basis to the resident."""
    shows(
        request,
        code=code,
        obj=obj,
        resident_id=resident.pk,
        purpose=purpose or access_basis(request.user, resident),
    )
