"""Who may read the filter register, run theme controls and approve filters: one place for the pages and
the services."""

from django.core.exceptions import PermissionDenied

RUN = "controls.run_control"
APPROVE_FILTER = "controls.approve_filter"
VIEW_REGISTER = "controls.view_register"
#: reading the register and the runs: any of these
READ_PERMISSIONS = (RUN, APPROVE_FILTER, VIEW_REGISTER)


def require(actor, permission: str) -> None:
    """The services' check: PermissionDenied unless ``actor`` holds ``permission``."""
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied
