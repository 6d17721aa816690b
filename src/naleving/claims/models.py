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
    created_on = models.DateField(_("ingesteld op"))
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
    # Collection (issue #19). The payment term (Awb 4:87) runs from the day the besluit was sent: ``due_on``
    # is its last day; ``start_on`` the first instalment day of a repayment plan. ``payment_reference`` is
    # the betalingskenmerk the resident quotes with a transfer to the municipality's account.
    due_on = models.DateField(_("uiterste betaaldatum (art. 4:87 Awb)"), null=True, blank=True)
    start_on = models.DateField(_("eerste aflossing op"), null=True, blank=True)
    payment_reference = models.CharField(_("betalingskenmerk"), max_length=32, blank=True)
    # Pw 60(6): the resident does not co-operate with collection; set-off may then go beyond the room above
    # the beslagvrije voet. Recorded with the day and the reason, lifted by clearing ``non_cooperation``.
    non_cooperation = models.BooleanField(
        _("werkt niet mee aan de invordering (art. 60 lid 6 Pw)"), default=False
    )
    non_cooperation_since = models.DateField(_("niet-meewerken vastgesteld op"), null=True, blank=True)
    non_cooperation_reason = models.TextField(_("reden niet-meewerken"), blank=True)

    class Meta:
        verbose_name = _("vordering")
        verbose_name_plural = _("vorderingen")
        ordering = ["-created_on", "-id"]
        permissions = [("manage_vordering", "Vorderingen beheren")]
        # The lists' order (newest first, then the id), here and for besluiten: the first page stops after its 25
        # rows in scope. On the date alone PostgreSQL read every row of the days the page reaches into and sorted
        # them (many share a day: a teamleider's first page read 568 claims, 287 besluiten; now 47 and 44).
        indexes = [models.Index(fields=["created_on", "id"], name="vordering_list_order")]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="vordering_amount_positive")]

    def __str__(self) -> str:
        return f"Vordering {self.pk}: € {self.amount}"


class PaymentMethod(models.TextChoices):
    OVERBOEKING = "overboeking", _("Betaling door de inwoner")
    VERREKENING = "verrekening", _("Verrekening met de uitkering")
    DWANGBEVEL = "dwangbevel", _("Ontvangen na dwangbevel")


class Aflossing(models.Model):
    vordering = models.ForeignKey(Vordering, on_delete=models.PROTECT, related_name="aflossingen")
    paid_on = models.DateField(_("betaald op"))
    amount = models.DecimalField(_("bedrag"), max_digits=11, decimal_places=2)
    method = models.CharField(
        _("wijze"), max_length=12, choices=PaymentMethod.choices, default=PaymentMethod.OVERBOEKING
    )
    # The benefit month a set-off (verrekening) belongs to: one per claim and month, so a re-run of the
    # monthly set-off adds nothing twice.
    period = models.DateField(_("uitkeringsmaand"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("aflossing")
        verbose_name_plural = _("aflossingen")
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="aflossing_amount_positive"),
            models.UniqueConstraint(
                fields=["vordering", "period"],
                condition=Q(method="verrekening"),
                name="aflossing_one_setoff_per_month",
            ),
        ]

    def __str__(self) -> str:
        return f"Aflossing € {self.amount} op {self.paid_on:%d-%m-%Y}"


class StepKind(models.TextChoices):
    AANMANING = "aanmaning", _("Aanmaning (art. 4:112 Awb)")
    DWANGBEVEL = "dwangbevel", _("Dwangbevel (art. 4:114 Awb)")


class Invorderingsstap(models.Model):
    """One step of collection on a claim not paid in time: the aanmaning with its two-week term (Awb 4:112),
    then the dwangbevel (Awb 4:114). Each step keeps the letter that was sent (a PDF/A with its SHA-256)."""

    vordering = models.ForeignKey(Vordering, on_delete=models.PROTECT, related_name="stappen")
    kind = models.CharField(_("soort"), max_length=12, choices=StepKind.choices)
    sent_on = models.DateField(_("verzonden op"))
    term_end = models.DateField(_("betalen uiterlijk op"), null=True, blank=True)
    amount_due = models.DecimalField(_("openstaand bedrag"), max_digits=11, decimal_places=2)
    costs = models.DecimalField(_("kosten"), max_digits=9, decimal_places=2, default=0)
    pdf = models.BinaryField(_("brief (PDF)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invorderingsstap")
        verbose_name_plural = _("invorderingsstappen")
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_due__gt=0), name="stap_amount_due_positive"),
            models.CheckConstraint(condition=Q(costs__gte=0), name="stap_costs_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_on:%d-%m-%Y}"
