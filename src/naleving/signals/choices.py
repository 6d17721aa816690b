from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    """Where a signal came from (indicator S1)."""

    COLLEGA = "collega", _("Collega")
    KETENPARTNER = "ketenpartner", _("Ketenpartner")
    ANONIEME_MELDING = "anonieme_melding", _("Anonieme melding inwoner")
    #: The resident reports the fact about themselves (at the desk, by phone or letter): a self-report on own
    #: initiative, which the decision step passes as ``violation.self_reported_on`` (Boetebesluit art. 2aa).
    ZELFMELDING = "zelfmelding", _("Zelfmelding inwoner")
    INLICHTINGENBUREAU = "inlichtingenbureau", _("Inlichtingenbureau")
    BRP_LAA = "brp_laa", _("BRP / LAA")
    THEMACONTROLE = "themacontrole", _("Themacontrole")
    OVERIG = "overig", _("Overig")


class ViolationKind(models.TextChoices):
    """Soort schending, as in the decision contract (`violation.kind`)."""

    INCOME = "income", _("Inkomsten")
    COHABITATION = "cohabitation", _("Samenwonen")
    ADDRESS = "address", _("Adres / woonsituatie")
    HOUSEHOLD = "household", _("Samenstelling huishouden")
    ASSETS = "assets", _("Vermogen")
    VEHICLE = "vehicle", _("Voertuigbezit")
    ABROAD = "abroad", _("Verblijf in het buitenland")
    DETENTION = "detention", _("Detentie")
    STUDY = "study", _("Studie")
    OTHER = "other", _("Overig")


class Route(models.TextChoices):
    """The triage route (indicator S2)."""

    GEEN_ACTIE = "geen_actie", _("Geen actie")
    PREVENTIEF_CONTACT = "preventief_contact", _("Preventief contact")
    ONDERZOEK = "onderzoek", _("Onderzoek")
