"""The maatregel path's start: a breach of a work or re-integration obligation (Verzuim), with its hearing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VerzuimStatus(models.TextChoices):
    GEMELD = "gemeld", _("Gemeld, inwoner nog niet gehoord")
    GEHOORD = "gehoord", _("Gehoord, klaar voor besluit")
    BESLOTEN = "besloten", _("Besluit vastgelegd")
    GESLOTEN = "gesloten", _("Gesloten zonder maatregel")


class Verzuim(models.Model):
    """A breach of an obligation of the Participatiewet other than the duty to inform (Pw 18(2)-(8): work and
    re-integration), the start of the maatregel path: the facts, the hearing of the resident (Awb 4:8) and,
    once decided, the besluit. The obligation codes and their articles are in the rules engine
    (``rules/parameters/maatregel.yaml``)."""

    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="verzuimen"
    )
    obligation = models.CharField(_("verplichting"), max_length=32)
    category = models.PositiveSmallIntegerField(
        _("categorie in de afstemmingsverordening"), null=True, blank=True
    )
    happened_on = models.DateField(_("datum van de gedraging"))
    facts = models.TextField(_("wat is er gebeurd"))
    verwijtbaarheid = models.CharField(_("verwijtbaarheid"), max_length=16, blank=True)
    verwijtbaarheid_motivation = models.TextField(_("motivering verwijtbaarheid"), blank=True)
    # The hearing (Awb 4:8): the resident's view before a burdensome decision, or why it was not asked
    # (Awb 4:11, 4:12).
    hearing_invited_on = models.DateField(_("uitgenodigd voor zienswijze op"), null=True, blank=True)
    hearing_on = models.DateField(_("gehoord op"), null=True, blank=True)
    hearing_record = models.TextField(_("zienswijze van de inwoner"), blank=True)
    hearing_waived_reason = models.TextField(_("reden om niet te horen (art. 4:11 of 4:12 Awb)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=VerzuimStatus.choices, default=VerzuimStatus.GEMELD
    )
    closed_reason = models.TextField(_("reden sluiten zonder maatregel"), blank=True)
    besluit = models.OneToOneField(
        "decisions.Besluit",
        verbose_name=_("besluit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verzuim",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeld door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzuim")
        verbose_name_plural = _("verzuimen")
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="gehoord") | ~Q(hearing_record="") | ~Q(hearing_waived_reason=""),
                name="verzuim_heard_has_record_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Verzuim {self.pk} ({self.obligation}, {self.happened_on:%d-%m-%Y})"
