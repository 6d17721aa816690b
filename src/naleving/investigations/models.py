"""Investigations (onderzoeken) with their Awb 5.2 actions and hoor en wederhoor."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from naleving.investigations.choices import (
    ActionKind,
    HearingMethod,
    Outcome,
    SourceRegister,
    Status,
    Verwijtbaarheid,
)
from naleving.signals.choices import ViolationKind


def _user_fk(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


#: ``Investigation.access_final_on`` of a case that is not final (yet): after any day a handhaver's access
#: is counted from, so an open case is one range of the index with the closed ones still in their days.
NOT_FINAL = date.max


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
    #: Empty when the fact was in no register; the decision step passes it as ``violation.source_known``.
    source_register = models.CharField(
        _("feit stond al in register"), max_length=24, choices=SourceRegister.choices, blank=True
    )
    conclusion = models.TextField(_("conclusie en advies aan de consulent"), blank=True)
    #: Optimistic locking: every write checks and raises this (see services._claim).
    version = models.PositiveIntegerField(_("versie"), default=1)
    # Every step time-stamped, for lead times (doorlooptijden) and the deadlines page.
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    opened_by = _user_fk(_("gestart door"))
    assigned_at = models.DateTimeField(_("toegewezen op"), null=True, blank=True)
    findings_recorded_at = models.DateTimeField(_("bevindingen vastgelegd op"), null=True, blank=True)
    findings_recorded_by = _user_fk(_("bevindingen vastgelegd door"))
    closed_at = models.DateTimeField(_("afgerond om"), null=True, blank=True)
    closed_by = _user_fk(_("afgerond door"))
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), null=True, blank=True)
    updated_by = _user_fk(_("laatst gewijzigd door"))
    #: The day the case became final for the assigned handhaver's access, kept by ``investigations.access``
    #: (``NOT_FINAL`` while it is not final; ADR 0030). Never set by hand: services refresh it.
    access_final_on = models.DateField(_("zaak definitief op"), default=NOT_FINAL, editable=False)

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-opened_on", "-id"]
        permissions = [
            ("conduct_investigation", "Onderzoekshandelingen vastleggen"),
            ("assign_investigation", "Onderzoeken toewijzen"),
        ]
        indexes = [
            # A handhaver's access to his investigations (residents.access.investigation_access), asked
            # by every page he opens, read from this index alone, without the table.
            models.Index(
                fields=["assigned_to", "access_final_on"],
                include=["id", "status", "resident"],
                name="investigation_assigned_final",
            ),
            # Each handhaver's open investigations, counted for the investigation list's filter and the bulk
            # assignment (selectors.handhavers_listed): a thousand open ones read, not his ten thousand.
            models.Index(
                fields=["assigned_to"], condition=Q(status="open"), name="investigation_open_assigned"
            ),
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
            # Triage adds a new signal to the running investigation instead of opening a second one.
            models.UniqueConstraint(
                fields=["resident"],
                condition=Q(status="open"),
                name="investigation_one_open_per_resident",
            ),
        ]

    def __str__(self) -> str:
        return f"Onderzoek {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def breach(self) -> bool | None:
        """True/False once findings are recorded, None before."""
        if not self.outcome:
            return None
        return self.outcome == Outcome.SCHENDING


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
    less_intrusive_insufficient = models.TextField(
        _("waarom minder ingrijpende middelen niet volstaan"), blank=True
    )
    consent_given = models.BooleanField(_("toestemming van de inwoner"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

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
    method = models.CharField(
        _("vorm"), max_length=16, choices=HearingMethod.choices, default=HearingMethod.GESPREK
    )
    summary = models.TextField(_("reactie van de inwoner"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("hoor en wederhoor")
        verbose_name_plural = _("hoor en wederhoor")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Hoor en wederhoor {self.held_on:%d-%m-%Y}"


def _document_path(document: "InvestigationDocument", filename: str) -> str:
    return f"investigations/{document.investigation_id}/{filename}"


class InvestigationDocument(models.Model):
    """A file attached to an investigation (evidence, letters, the report of a hearing).

    Only checked types are stored (``uploads.py``); downloading one is a logged read.
    """

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(_("bestand"), upload_to=_document_path, max_length=255)
    filename = models.CharField(_("bestandsnaam"), max_length=150)
    file_type = models.CharField(_("soort bestand"), max_length=8)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("vingerafdruk"), max_length=64)
    description = models.CharField(_("omschrijving"), max_length=300)
    uploaded_by = _user_fk(_("toegevoegd door"))
    uploaded_at = models.DateTimeField(_("toegevoegd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("document bij onderzoek")
        verbose_name_plural = _("documenten bij onderzoek")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.filename


class FindingMonth(models.Model):
    """One month of the benadelingsbedrag: paid, and what the resident was entitled to.

    The decision step sends these to the engine as ``monthly`` (decision-contract.md).
    """

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="finding_months")
    month = models.DateField(_("maand (eerste dag)"))
    paid = models.DecimalField(_("betaald"), max_digits=11, decimal_places=2)
    entitled = models.DecimalField(_("recht op"), max_digits=11, decimal_places=2)

    class Meta:
        verbose_name = _("maand van de benadeling")
        verbose_name_plural = _("maanden van de benadeling")
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "month"], name="finding_month_unique"),
            models.CheckConstraint(
                condition=Q(paid__gte=0) & Q(entitled__gte=0), name="finding_month_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.month_key

    @property
    def month_key(self) -> str:
        """``"2025-03"``, the decision contract's month format."""
        return f"{self.month:%Y-%m}"

    @property
    def overpaid(self) -> Decimal:
        return max(self.paid - self.entitled, Decimal("0.00"))
