"""Theme controls (filter register, runs) arrive with the theme-control issue; the permissions exist now."""

from django.db import models


class ControlAccess(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("run_control", "Themacontroles draaien op aangeleverde data"),
            ("approve_filter", "Filters en gemarkeerde runs goedkeuren (FG)"),
        ]

    def __str__(self) -> str:
        return "controls permissions"
