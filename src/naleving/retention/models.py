"""Destruction lists (vernietigingslijsten) and the certificates (verklaringen van vernietiging)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd door FG en archivaris")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")


def _user(verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class DestructionList(models.Model):
    """The monthly list of records past their retention term, to be approved by the FG and the archivist.

    The items name record numbers, never names or BSNs; the reasons cite the term and its source.
    """

    month = models.DateField(_("maand (eerste dag)"))
    reference_date = models.DateField(_("peildatum"))
    terms_version = models.CharField(_("versie bewaartermijnen"), max_length=12)
    status = models.CharField(
        _("status"), max_length=12, choices=ListStatus.choices, default=ListStatus.CONCEPT
    )
    proposed_by = _user(_("voorgesteld door"))
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    fg_approved_by = _user(_("goedgekeurd door FG"))
    fg_approved_at = models.DateTimeField(_("goedgekeurd door FG op"), null=True, blank=True)
    archivist_approved_by = _user(_("goedgekeurd door archivaris"))
    archivist_approved_at = models.DateTimeField(_("goedgekeurd door archivaris op"), null=True, blank=True)
    executed_by = _user(_("uitgevoerd door"))
    executed_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-month", "-id"]
        permissions = [
            ("view_destruction", "Vernietigingslijsten en verklaringen inzien"),
            ("propose_destruction", "Vernietigingslijst opstellen en uitvoeren"),
            ("approve_destruction", "Vernietigingslijst goedkeuren als archivaris"),
            ("approve_destruction_fg", "Vernietigingslijst goedkeuren als FG"),
        ]

    def __str__(self) -> str:
        return f"Vernietigingslijst {self.month:%m-%Y}"


class DestructionItem(models.Model):
    """One record on a list: its type and number, the dossier number, and why it may go."""

    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    record_type = models.CharField(_("soort gegeven"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("nummer"))
    resident_id = models.PositiveBigIntegerField(_("dossiernummer"), null=True, blank=True)
    event_date = models.DateField(_("datum van de gebeurtenis"))
    due_on = models.DateField(_("termijn verstreken op"))
    reason = models.TextField(_("reden"))

    class Meta:
        verbose_name = _("regel van de vernietigingslijst")
        verbose_name_plural = _("regels van de vernietigingslijst")
        ordering = ["record_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "record_type", "object_id"], name="destruction_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.object_id}"


class DestructionCertificate(models.Model):
    """The verklaring van vernietiging: what went, when, on whose approval. It holds no personal data:
    counts per record type and per table, the approvers' names (staff) and the terms version."""

    destruction_list = models.OneToOneField(
        DestructionList, on_delete=models.PROTECT, related_name="certificate"
    )
    executed_on = models.DateField(_("vernietigd op"))
    counts = models.JSONField(_("aantallen per soort gegeven"), default=dict)
    rows = models.JSONField(_("verwijderde of geanonimiseerde rijen per tabel"), default=dict)
    skipped = models.PositiveIntegerField(_("overgeslagen (niet meer vernietigbaar)"), default=0)
    proposed_by_name = models.CharField(_("voorgesteld door"), max_length=200)
    fg_name = models.CharField(_("goedgekeurd door FG"), max_length=200)
    archivist_name = models.CharField(_("goedgekeurd door archivaris"), max_length=200)
    executed_by_name = models.CharField(_("uitgevoerd door"), max_length=200)
    terms_version = models.CharField(_("versie bewaartermijnen"), max_length=12)

    class Meta:
        verbose_name = _("verklaring van vernietiging")
        verbose_name_plural = _("verklaringen van vernietiging")
        ordering = ["-executed_on", "-id"]

    def __str__(self) -> str:
        return f"Verklaring van vernietiging {self.executed_on:%d-%m-%Y}"
