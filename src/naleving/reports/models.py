"""Reports have no tables of their own yet; this model only carries the report permissions."""

from django.db import models


class ReportAccess(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_reports", "Geaggregeerde rapportages inzien"),
            ("view_unsuppressed", "Rapportages zonder onderdrukking van kleine aantallen inzien"),
        ]

    def __str__(self) -> str:
        return "reports permissions"
