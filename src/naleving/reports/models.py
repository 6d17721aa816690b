"""The report permissions, and the case examples (casusvoorbeelden) staff mark for the MER report."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


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


class Casusvoorbeeld(models.Model):
    """A case where preventive effort avoided a sanction or a recovery (MER §6), told anonymously.

    The case stays linked (resident, and the besluit or investigation it is about) so access can be checked
    and the example withdrawn; reports show only the title and the anonymised summary, never the link.
    """

    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="+"
    )
    besluit = models.ForeignKey(
        "decisions.Besluit",
        verbose_name=_("besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    investigation = models.ForeignKey(
        "investigations.Investigation",
        verbose_name=_("onderzoek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    period_code = models.CharField(_("periode"), max_length=7)
    period_start = models.DateField(_("periode vanaf"), db_index=True)
    period_end = models.DateField(_("periode tot en met"))
    title = models.CharField(_("titel"), max_length=120)
    summary = models.TextField(_("geanonimiseerde samenvatting"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemarkeerd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("gemarkeerd op"))

    class Meta:
        verbose_name = _("casusvoorbeeld")
        verbose_name_plural = _("casusvoorbeelden")
        ordering = ["-period_start", "-marked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="casusvoorbeeld_period_valid"
            ),
            models.CheckConstraint(condition=~Q(summary=""), name="casusvoorbeeld_has_summary"),
        ]

    def __str__(self) -> str:
        return f"Casusvoorbeeld {self.pk}: {self.title}"

    def as_json(self) -> dict:
        """What a report shows of the example: no link to the case."""
        return {"period": self.period_code, "title": self.title, "summary": self.summary}
