from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")


class Outcome(models.TextChoices):
    GEEN_SCHENDING = "geen_schending", _("Geen schending")
    SCHENDING = "schending", _("Schending inlichtingenplicht")


class Verwijtbaarheid(models.TextChoices):
    """Culpability, as in the decision contract (`culpability`)."""

    OPZET = "opzet", _("Opzet")
    GROVE_SCHULD = "grove_schuld", _("Grove schuld")
    NORMAAL = "normaal", _("Normale verwijtbaarheid")
    VERMINDERD = "verminderd", _("Verminderde verwijtbaarheid")
    GEEN = "geen", _("Geen verwijtbaarheid")


class SourceRegister(models.TextChoices):
    """The authentic or designated register the established fact was already in (decision contract,
    ``violation.source_known``). The policy profile decides whether that makes the fact exempt from the
    duty to inform (Pw art. 17 lid 1; Groningen: wages in the polisadministratie)."""

    POLISADMINISTRATIE = "polisadministratie", _("Polisadministratie (UWV)")
    BRP = "brp", _("BRP")


class ActionKind(models.TextChoices):
    """Investigative powers of Awb afdeling 5.2."""

    INLICHTINGEN_VORDEREN = "inlichtingen_vorderen", _("Inlichtingen vorderen (art. 5:16 Awb)")
    INZAGE = "inzage", _("Inzage zakelijke gegevens (art. 5:17 Awb)")
    WAARNEMEN = "waarnemen", _("Waarnemen")
    OPEN_BRONNENONDERZOEK = "open_bronnenonderzoek", _("Open-bronnenonderzoek")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek met toestemming")
    GESPREK = "gesprek", _("Gesprek met de inwoner")


class HearingMethod(models.TextChoices):
    """How the resident was heard (hoor en wederhoor, Awb 4:8)."""

    GESPREK = "gesprek", _("Gesprek")
    TELEFONISCH = "telefonisch", _("Telefonisch")
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijke reactie")
    GEEN_REACTIE = "geen_reactie", _("In de gelegenheid gesteld, geen reactie")
