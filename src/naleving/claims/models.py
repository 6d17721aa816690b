"""Claims (vorderingen) from recovery and fines, with repayments (aflossingen)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ClaimKind(models.TextChoices):
    TERUGVORDERING = "terugvordering", _("Terugvordering")
    BOETE = "boete", _("Bestuurlijke boete")


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BETAALD = "betaald", _("Betaald")
    KWIJTGESCHOLDEN = "kwijtgescholden", _("Kwijtgescholden")
    AFGEBOEKT = "afgeboekt", _("Afgeboekt (oninbaar)")


class WaiverGround(models.TextChoices):
    """The ground of a waiver (kwijtschelding), recorded with the reason; checked where the data allow."""

    PW_18A_LID13 = "pw_18a_lid13", _("Boete: schuldregeling, geen opzet of grove schuld (art. 18a lid 13 Pw)")
    PW_58_LID7_TIEN_JAAR = (
        "pw_58_lid7_tien_jaar",
        _("Terugvordering: tien jaar na instellen (art. 58 lid 7 Pw)"),
    )
    PW_58_LID7_EENMALIG = (
        "pw_58_lid7_eenmalig",
        _("Terugvordering: eenmalige betaling van ten minste de helft van de rest (art. 58 lid 7 Pw)"),
    )
    PW_58_LID8 = "pw_58_lid8", _("Terugvordering: dringende redenen (art. 58 lid 8 Pw)")
    OVERIG = "overig", _("Andere grond (met motivering)")


class Vordering(models.Model):
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="vorderingen"
    )
    besluit = models.ForeignKey(
        "decisions.Besluit",
        verbose_name=_("besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vorderingen",
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ClaimKind.choices)
    amount = models.DecimalField(_("bedrag"), max_digits=11, decimal_places=2)
    created_on = models.DateField(_("ingesteld op"), db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.OPEN
    )
    status_changed_on = models.DateField(_("status gewijzigd op"), null=True, blank=True)
    monthly_instalment = models.DecimalField(
        _("aflossing per maand"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    setoff = models.BooleanField(_("verrekening met de uitkering"), default=False)
    waiver_ground = models.CharField(
        _("grond kwijtschelding"), max_length=24, choices=WaiverGround.choices, blank=True
    )
    status_reason = models.TextField(_("reden statuswijziging"), blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("vordering")
        verbose_name_plural = _("vorderingen")
        ordering = ["-created_on", "-id"]
        permissions = [("manage_vordering", "Vorderingen beheren")]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="vordering_amount_positive")]

    def __str__(self) -> str:
        return f"Vordering {self.pk}: € {self.amount}"


class Aflossing(models.Model):
    vordering = models.ForeignKey(Vordering, on_delete=models.PROTECT, related_name="aflossingen")
    paid_on = models.DateField(_("betaald op"))
    amount = models.DecimalField(_("bedrag"), max_digits=11, decimal_places=2)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("aflossing")
        verbose_name_plural = _("aflossingen")
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="aflossing_amount_positive")]

    def __str__(self) -> str:
        return f"Aflossing € {self.amount} op {self.paid_on:%d-%m-%Y}"
