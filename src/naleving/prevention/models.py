"""Preventive interventions and referrals to partners (pillar 1 of the cirkel van naleving)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionKind(models.TextChoices):
    VOORLICHTING_INTAKE = "voorlichting_intake", _("Voorlichting bij intake")
    PERIODIEKE_HERINNERING = "periodieke_herinnering", _("Periodieke herinnering")
    VOORLICHTINGSGESPREK = "voorlichtingsgesprek", _("Voorlichtingsgesprek")
    EXTRA_ONDERSTEUNING = "extra_ondersteuning", _("Extra ondersteuning (doenvermogen)")


class Partner(models.TextChoices):
    SCHULDHULP = "schuldhulp", _("Schuldhulpverlening")
    WMO = "wmo", _("Wmo")
    WIJKTEAM = "wijkteam", _("Wijkteam")
    SOCIAAL_RAADSLIEDEN = "sociaal_raadslieden", _("Sociaal raadslieden")
    OVERIG = "overig", _("Overig")


class ReferralStatus(models.TextChoices):
    VERWEZEN = "verwezen", _("Verwezen")
    IN_BEHANDELING = "in_behandeling", _("In behandeling bij partner")
    AFGEROND = "afgerond", _("Afgerond")
    NIET_OPGEPAKT = "niet_opgepakt", _("Niet opgepakt")


class PreventiveIntervention(models.Model):
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    kind = models.CharField(_("soort"), max_length=24, choices=InterventionKind.choices)
    occurred_on = models.DateField(_("datum"), db_index=True)
    topic = models.CharField(_("onderwerp"), max_length=200)
    notes = models.TextField(_("toelichting"), blank=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("preventieve interventie")
        verbose_name_plural = _("preventieve interventies")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d-%m-%Y}"


class Referral(models.Model):
    resident = models.ForeignKey(
        "residents.Resident", verbose_name=_("inwoner"), on_delete=models.PROTECT, related_name="referrals"
    )
    partner = models.CharField(_("partner"), max_length=24, choices=Partner.choices)
    referred_on = models.DateField(_("verwezen op"), db_index=True)
    handover_note = models.TextField(_("overdracht (warme overdracht)"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.VERWEZEN
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"Verwijzing {self.get_partner_display()} {self.referred_on:%d-%m-%Y}"
