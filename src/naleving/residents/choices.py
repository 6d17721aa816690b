"""Readable choice values for residents, benefits and applications."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseholdType(models.TextChoices):
    ALLEENSTAANDE = "alleenstaande", _("Alleenstaande")
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder", _("Alleenstaande ouder")
    GEHUWDEN = "gehuwden", _("Gehuwden / samenwonenden")


class Regulation(models.TextChoices):
    PW = "Pw", _("Participatiewet")
    IOAW = "IOAW", _("IOAW")
    IOAZ = "IOAZ", _("IOAZ")
    BBZ = "Bbz", _("Bbz 2004")


class LanguageLevel(models.TextChoices):
    B1_OF_HOGER = "b1_of_hoger", _("B1 of hoger")
    ONDER_B1 = "onder_b1", _("Onder B1: eenvoudige taal")
    ONBEKEND = "onbekend", _("Onbekend")


class PreferredLanguage(models.TextChoices):
    NL = "nl", _("Nederlands")
    EN = "en", _("Engels")
    AR = "ar", _("Arabisch")
    TR = "tr", _("Turks")
    UK = "uk", _("Oekraïens")
    PL = "pl", _("Pools")
    TI = "ti", _("Tigrinya")


class SupportNeed(models.TextChoices):
    EENVOUDIGE_TAAL = "eenvoudige_taal", _("Eenvoudige taal en pictogrammen")
    TOLK = "tolk", _("Tolk bij gesprekken")
    GEEN_DIGITAAL_CONTACT = "geen_digitaal_contact", _("Geen digitaal contact, post of persoonlijk")
    HULP_BIJ_FORMULIEREN = "hulp_bij_formulieren", _("Hulp bij formulieren")
    VASTE_CONTACTPERSOON = "vaste_contactpersoon", _("Vaste contactpersoon")


class ApplicationOutcome(models.TextChoices):
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class RegistratieverzoekStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")


class PrivacyObjectionStatus(models.TextChoices):
    """An objection to processing under AVG art. 21 (not the Awb bezwaar against a besluit)."""

    INGEDIEND = "ingediend", _("Ingediend")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
