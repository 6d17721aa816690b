"""Decisions (besluiten) with the decision engine's request, response and rules version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SanctionType(models.TextChoices):
    GEEN = "geen", _("Geen sanctie")
    WAARSCHUWING = "waarschuwing", _("Waarschuwing")
    BOETE = "boete", _("Bestuurlijke boete")
    AANGIFTE = "aangifte", _("Aangifte bij het OM")


class CorrectionType(models.TextChoices):
    VERREKENING = "verrekening", _("Verrekening")
    HERZIENING = "herziening", _("Herziening")
    NONE = "none", _("Geen correctie")


class BesluitStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    TER_ONDERTEKENING = "ter_ondertekening", _("Wacht op tweede handtekening")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")


class Besluit(models.Model):
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="besluiten"
    )
    investigation = models.ForeignKey(
        "investigations.Investigation",
        verbose_name=_("onderzoek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="besluiten",
    )
    decision_date = models.DateField(_("besluitdatum"), db_index=True)
    profile = models.CharField(_("beleidsprofiel"), max_length=64)
    benadelingsbedrag = models.DecimalField(
        _("benadelingsbedrag"), max_digits=11, decimal_places=2, default=0
    )
    correction_type = models.CharField(
        _("correctie"), max_length=12, choices=CorrectionType.choices, default=CorrectionType.HERZIENING
    )
    recovery_amount = models.DecimalField(_("terugvordering"), max_digits=11, decimal_places=2, default=0)
    sanction_type = models.CharField(_("sanctie"), max_length=16, choices=SanctionType.choices)
    fine_amount = models.DecimalField(_("boete"), max_digits=11, decimal_places=2, default=0)
    verwijtbaarheid = models.CharField(_("verwijtbaarheid"), max_length=16, blank=True)
    engine_request = models.JSONField(_("invoer beslisregels"), null=True, blank=True)
    engine_response = models.JSONField(_("uitkomst beslisregels"), null=True, blank=True)
    rules_version = models.CharField(_("versie beslisregels"), max_length=64, blank=True)
    deviates = models.BooleanField(_("afwijking van voorstel (maatwerk)"), default=False)
    deviation_motivation = models.TextField(_("motivering afwijking"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BesluitStatus.choices, default=BesluitStatus.CONCEPT
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medeondertekend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-decision_date", "-id"]
        permissions = [
            ("record_besluit", "Besluiten vastleggen"),
            ("cosign_besluit", "Besluiten medeondertekenen (vier ogen)"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deviates=False) | ~Q(deviation_motivation=""),
                name="besluit_deviation_needs_motivation",
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__gte=0) & Q(recovery_amount__gte=0),
                name="besluit_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Besluit {self.pk}: {self.get_sanction_type_display()}"
