"""Investigations (onderzoeken) with their Awb 5.2 actions and hoor en wederhoor."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from naleving.investigations.choices import ActionKind, Outcome, Status, Verwijtbaarheid
from naleving.signals.choices import ViolationKind


class Investigation(models.Model):
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="investigations",
    )
    signals = models.ManyToManyField(
        "signals.Signal", verbose_name=_("signalen"), related_name="investigations"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handhaver"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_investigations",
    )
    opened_on = models.DateField(_("gestart op"), db_index=True)
    closed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=Outcome.choices, blank=True)
    violation_kind = models.CharField(
        _("soort schending"), max_length=16, choices=ViolationKind.choices, blank=True
    )
    period_start = models.DateField(_("periode vanaf"), null=True, blank=True)
    period_end = models.DateField(_("periode tot en met"), null=True, blank=True)
    benadelingsbedrag = models.DecimalField(
        _("benadelingsbedrag"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    verwijtbaarheid = models.CharField(
        _("verwijtbaarheid"), max_length=16, choices=Verwijtbaarheid.choices, blank=True
    )
    verwijtbaarheid_motivation = models.TextField(_("motivering verwijtbaarheid"), blank=True)
    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-opened_on", "-id"]
        permissions = [
            ("conduct_investigation", "Onderzoekshandelingen vastleggen"),
            ("assign_investigation", "Onderzoeken toewijzen"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="investigation_period_valid",
            ),
            models.CheckConstraint(
                condition=Q(benadelingsbedrag__isnull=True) | Q(benadelingsbedrag__gte=0),
                name="investigation_benadeling_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Onderzoek {self.pk}"


class InvestigativeAction(models.Model):
    """One logged use of an Awb 5.2 power, with the reason it was necessary."""

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("handeling"), max_length=24, choices=ActionKind.choices)
    reason = models.TextField(_("reden (noodzaak en proportionaliteit)"))
    performed_on = models.DateField(_("uitgevoerd op"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(_("bevindingen"), blank=True)

    class Meta:
        verbose_name = _("onderzoekshandeling")
        verbose_name_plural = _("onderzoekshandelingen")
        ordering = ["performed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.performed_on:%d-%m-%Y}"


class HoorEnWederhoor(models.Model):
    """The resident's response to the findings, heard before any finding against them."""

    investigation = models.ForeignKey(
        Investigation, on_delete=models.CASCADE, related_name="hoor_en_wederhoor"
    )
    held_on = models.DateField(_("gehouden op"))
    summary = models.TextField(_("reactie van de inwoner"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hoor en wederhoor")
        verbose_name_plural = _("hoor en wederhoor")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Hoor en wederhoor {self.held_on:%d-%m-%Y}"
