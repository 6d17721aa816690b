"""Who may do what with reports, shared by the pages, the exports and the services."""

from django.core.exceptions import PermissionDenied

VIEW_REPORTS = "reports.view_reports"
VIEW_UNSUPPRESSED = "reports.view_unsuppressed"


def reader_require(actor) -> None:
    """Raise PermissionDenied unless ``actor`` may read reports."""
    if actor is None or not actor.is_authenticated or not actor.has_perm(VIEW_REPORTS):
        raise PermissionDenied


def suppressed_for(actor) -> bool:
    """Readers without ``reports.view_unsuppressed`` (policy, management, FG, analysts) get suppression."""
    return not actor.has_perm(VIEW_UNSUPPRESSED)


def may_mark_case_examples(actor) -> bool:
    """Consulenten and teamleiders (who see cases through their caseload or team) may mark examples."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and (actor.has_perm("residents.view_caseload") or actor.has_perm("residents.view_team"))
    )
