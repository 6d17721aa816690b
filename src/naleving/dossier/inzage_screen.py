"""Screen the free text employees wrote for third parties before the inzage goes out (AVG art. 15(4)).

Notes, motivations, conclusions and hearing records can name other people. Before output, every such field
(``EMPLOYEE_TEXT``) is searched for BSNs other than the resident's own (9 digits, with or without dots or
spaces, that pass the elfproef), the names of other registered residents, and the names and e-mail addresses
of the people who reported signals (and of colleagues who reported one). Each hit becomes ``[derde]``. The
answer says which fields were screened and which were redacted, so the FG can review them before sending.

Text the resident wrote (a change report, the grounds of an objection) and values of the resident's own
record are not screened: they are the resident's own words and data. Matching is literal: a nickname, a
misspelling or a name alone without the family name is not found, which is why the FG still reviews.
"""

from __future__ import annotations

import re

from naleving.claims.models import Vordering
from naleving.decisions.models import Besluit, Opschorting
from naleving.investigations.models import (
    HoorEnWederhoor,
    Investigation,
    InvestigationDocument,
    InvestigativeAction,
)
from naleving.prevention.models import ChangeReport, IntakeChecklist, PreventiveIntervention, Referral
from naleving.residents.models import Correction, PrivacyObjection, Registratieverzoek, Resident
from naleving.residents.validators import bsn_is_valid
from naleving.retention.selectors import ANONYMISED_PREFIX
from naleving.signals.choices import Origin
from naleving.signals.models import Signal

REDACTED = "[derde]"

#: section key (or the label of a nested list) -> the model and the employee-written fields in its records
EMPLOYEE_TEXT: dict[str, tuple[type, tuple[str, ...]]] = {
    "intakes": (IntakeChecklist, ("notes",)),
    "wijzigingen": (ChangeReport, ("handling_note",)),
    "preventieve_contacten": (PreventiveIntervention, ("topic", "notes")),
    "verwijzingen": (Referral, ("handover_note", "followup_note")),
    "signalen": (Signal, ("triage_motivation", "description")),
    "onderzoeken": (Investigation, ("verwijtbaarheid_motivation", "conclusion")),
    "onderzoekshandelingen": (InvestigativeAction, ("reason", "notes")),
    "hoor en wederhoor": (HoorEnWederhoor, ("summary",)),
    "documenten": (InvestigationDocument, ("description",)),
    "besluiten": (Besluit, ("deviation_motivation",)),
    "opschortingen": (Opschorting, ("other_circumstances", "conclusion")),
    "vorderingen": (Vordering, ("status_reason",)),
    "registratieverzoeken": (Registratieverzoek, ("handling_note",)),
    "correcties": (Correction, ("reason",)),
    "bezwaren": (PrivacyObjection, ("weighing",)),
}

_BSN = re.compile(r"(?<![\d.])(\d{4})[. ]?(\d{2})[. ]?(\d{3})(?![\d])")


def _labels(key: str) -> set[str]:
    model, names = EMPLOYEE_TEXT[key]
    return {str(model._meta.get_field(name).verbose_name) for name in names}


def _names(resident: Resident) -> list[str]:
    """Names and e-mail addresses of third parties, longest first (so a full name wins over a shorter one)."""
    own = {resident.full_name.casefold()}
    found: set[str] = set()
    others = Resident.objects.exclude(pk=resident.pk).exclude(bsn__startswith=ANONYMISED_PREFIX)
    for first, prefix, family in others.values_list("first_names", "prefix", "family_name"):
        if len(family) < 2 or not first:
            continue
        found.add(" ".join(p for p in (first, prefix, family) if p))
        found.add(" ".join(p for p in (first.split()[0], prefix, family) if p))
    for contact in Signal.objects.exclude(reporter_contact="").values_list("reporter_contact", flat=True):
        for part in re.split(r"[,;\n]", contact):
            part = part.strip()
            # a name or an address (letters), or a telephone number (8 digits or more)
            if len(part) >= 3 and (any(c.isalpha() for c in part) or sum(c.isdigit() for c in part) >= 8):
                found.add(part)
    colleagues = Signal.objects.filter(origin=Origin.COLLEGA, registered_by__isnull=False).select_related(
        "registered_by"
    )
    for signal in colleagues:
        found.add(signal.registered_by.get_full_name())
    return sorted((n for n in found if n and n.casefold() not in own), key=len, reverse=True)


class Screen:
    """Replaces third parties in one text and counts what it replaced."""

    def __init__(self, resident: Resident):
        self.own_bsn = resident.bsn
        names = _names(resident)
        alternatives = "|".join(re.escape(n) for n in names)
        self.names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if names else None

    def _bsn(self, match: re.Match) -> str:
        number = "".join(match.groups())
        return REDACTED if number != self.own_bsn and bsn_is_valid(number) else match.group(0)

    def __call__(self, text: str) -> tuple[str, int]:
        screened = _BSN.sub(self._bsn, text)
        bsns = screened.count(REDACTED) - text.count(REDACTED)
        found = 0
        if self.names is not None:
            screened, found = self.names.subn(REDACTED, screened)
        return screened, bsns + found


def screen_third_parties(data: dict, resident: Resident) -> dict:
    """Redact third parties in the employee-written fields of ``data`` (the dict of ``inzage_collect``), in
    place, and add ``afscherming``: which fields were screened and which were redacted."""
    screen = Screen(resident)
    screened: set[str] = set()
    redacted: list[dict] = []
    for section in data["secties"]:
        if section["sleutel"] in EMPLOYEE_TEXT:
            for number, record in enumerate(section["gegevens"], start=1):
                _record(
                    record,
                    section["sleutel"],
                    [section["titel"], f"gegeven {number}"],
                    screen,
                    screened,
                    redacted,
                )
    data["afscherming"] = {
        "uitleg": (
            "Tekst die medewerkers schreven, is doorzocht op BSN's en namen van andere mensen (andere inwoners "
            f"en melders). Wat gevonden is, staat er als {REDACTED}. De FG controleert de afgeschermde velden."
        ),
        "gescreende velden": sorted(screened),
        "afgeschermd": redacted,
    }
    return data


def _record(record: dict, key: str, where: list[str], screen: Screen, screened: set, redacted: list) -> None:
    labels = _labels(key)
    for label, value in record.items():
        if label in labels and isinstance(value, str) and value:
            screened.add(f"{where[0]}: {label}")
            record[label], count = screen(value)
            if count:
                redacted.append({"waar": " > ".join(where), "veld": label, "vervangen": count})
        elif label in EMPLOYEE_TEXT and isinstance(value, list):
            for number, nested in enumerate(value, start=1):
                if isinstance(nested, dict):
                    _record(nested, label, [*where, f"{label} {number}"], screen, screened, redacted)
