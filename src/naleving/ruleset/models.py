"""The law kept by the municipality: dated amounts and policy-profile versions proposed and approved with four
eyes, laid over the parameter files shipped with `naleving.rules` (ADR 0013)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SetKind(models.TextChoices):
    AMOUNTS = "bedragen", _("Wettelijke bedragen")
    PROFILE = "profiel", _("Beleidsprofiel")


class SetStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld, wacht op goedkeuring")
    APPROVED = "goedgekeurd", _("Goedgekeurd, in werking")
    REJECTED = "afgewezen", _("Afgewezen")


class ParameterSet(models.Model):
    """One proposal: dated values in the schema of `rules/parameters/*.yaml`, or one profile file in the schema
    of `rules/profiles/*.yaml`, with its source. Approved sets are numbered (`seq`) in the order of approval;
    the engine lays them over the shipped files in that order, and a besluit stores the `seq` it used."""

    kind = models.CharField(_("soort"), max_length=12, choices=SetKind.choices, default=SetKind.AMOUNTS)
    title = models.CharField(_("omschrijving"), max_length=200)
    text = models.TextField(_("inhoud (YAML)"))
    profile_name = models.CharField(_("profiel"), max_length=64, blank=True)
    source_url = models.URLField(_("bron (Staatscourant / wetten.overheid.nl)"), max_length=500)
    note = models.TextField(_("toelichting"), blank=True)
    checks = models.JSONField(_("controles"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SetStatus.choices, default=SetStatus.PROPOSED
    )
    seq = models.PositiveIntegerField(_("volgnummer in werking"), null=True, blank=True, unique=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij de beoordeling"), blank=True)

    class Meta:
        verbose_name = _("parameterset")
        verbose_name_plural = _("parametersets")
        ordering = ["-proposed_at", "-id"]
        permissions = [
            ("propose_parameterset", "Wettelijke bedragen en beleidsprofielen voorstellen"),
            ("approve_parameterset", "Wettelijke bedragen en beleidsprofielen goedkeuren (vier ogen)"),
        ]
        constraints = [
            # Four eyes: the one who approves or rejects is never the one who proposed.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="parameterset_decided_by_another_person",
            ),
            models.CheckConstraint(
                condition=Q(status="goedgekeurd", seq__isnull=False)
                | (~Q(status="goedgekeurd") & Q(seq__isnull=True)),
                name="parameterset_seq_iff_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"Parameterset {self.pk}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == SetStatus.PROPOSED
