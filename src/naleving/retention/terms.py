"""The retention terms (bewaartermijnen) of ``terms.yaml``: loaded, validated and looked up by date.

Each term names its record type, its length in years, the event it is counted from, the date it applies
from and its source. The loader refuses a file it cannot trust with an error that names the file, the line
and the field, and it refuses a term shorter than the legal floor of its record type (``FLOORS``): the
law still needs those records, whatever the selection list says.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml

TERMS_FILE = Path(__file__).with_name("terms.yaml")

#: record type -> (Dutch label, the event its term counts from)
RECORD_TYPES: dict[str, tuple[str, str]] = {
    "signaal_geen_actie": ("Signaal, beoordeeld als 'geen actie'", "triage"),
    "onderzoek_zonder_bevindingen": ("Onderzoek afgerond zonder bevindingen", "onderzoek_afgerond"),
    "besluit_zonder_sanctie": ("Besluit zonder sanctie", "besluit_onherroepelijk"),
    "besluit_met_sanctie": (
        "Besluit met sanctie (waarschuwing, boete, aangifte of maatregel)",
        "besluit_onherroepelijk",
    ),
    "vordering_afgedaan": ("Vordering betaald, kwijtgescholden of afgeboekt", "vordering_afgedaan"),
    "inwoner_zonder_uitkering": ("Inwoner zonder lopende uitkering", "einde_uitkering"),
    # The other records of a resident's file (``file_records``): without them a resident is never anonymised.
    "preventiedossier": (
        "Preventie van een inwoner: voorlichting, intakes, herinneringen en verwijzingen",
        "einde_uitkering",
    ),
    "wijziging_afgehandeld": ("Doorgegeven wijziging, afgehandeld", "einde_uitkering"),
    "correctie": ("Correctie van gegevens op verzoek (AVG art. 16)", "einde_uitkering"),
    "bezwaar_verwerking": ("Bezwaar tegen verwerking (AVG art. 21), beslist", "einde_uitkering"),
    "registratieverzoek": ("Registratieverzoek, afgehandeld", "registratieverzoek_afgehandeld"),
}

#: the events a term may count from -> Dutch description
EVENTS: dict[str, str] = {
    "triage": "datum van de triage",
    "onderzoek_afgerond": "datum waarop het onderzoek is afgerond",
    "besluit_onherroepelijk": "datum waarop het besluit onherroepelijk is (besluitdatum + 6 weken bezwaartermijn)",
    "vordering_afgedaan": "datum waarop de vordering betaald, kwijtgescholden of afgeboekt is",
    "einde_uitkering": "einddatum van de laatste uitkering",
    "registratieverzoek_afgehandeld": "datum waarop het registratieverzoek is afgehandeld",
}

#: record type -> (minimum years, why): the law still needs the record this long.
FLOORS: dict[str, tuple[int, str]] = {
    "besluit_met_sanctie": (
        5,
        "recidive: een eerdere onherroepelijke boete binnen 5 jaar verhoogt de boete (art. 18a lid 5 Pw)",
    ),
    "besluit_zonder_sanctie": (
        2,
        "een waarschuwing of besluit kan binnen 2 jaar een volgende waarschuwing blokkeren (art. 18a lid 4 Pw)",
    ),
    "vordering_afgedaan": (
        5,
        "kwijtschelding van een boete wordt herroepen bij recidive binnen 5 jaar (art. 18a lid 14 Pw)",
    ),
    "preventiedossier": (
        5,
        "de voorlichting laat zien wat de inwoner wist (verwijtbaarheid); een boete kan tot 5 jaar na de "
        "overtreding worden opgelegd (art. 5:45 lid 1 Awb), en de laatste overtreding ligt uiterlijk op de "
        "einddatum van de uitkering",
    ),
    "wijziging_afgehandeld": (
        5,
        "de wijziging laat zien of en wanneer de inwoner zijn inlichtingenplicht nakwam (art. 17 lid 1 Pw); "
        "een boete kan tot 5 jaar na de overtreding worden opgelegd (art. 5:45 lid 1 Awb)",
    ),
    "correctie": (
        5,
        "zolang het dossier bestaat, moet blijken wat op verzoek van de inwoner is verbeterd (AVG art. 5 lid 2 "
        "en 16): niet korter dan het dossier zelf (inwoner_zonder_uitkering)",
    ),
    "bezwaar_verwerking": (
        5,
        "zolang het dossier bestaat, moet blijken dat de inwoner bezwaar maakte en hoe de FG besliste (AVG "
        "art. 5 lid 2 en 21): niet korter dan het dossier zelf (inwoner_zonder_uitkering)",
    ),
}

REQUIRED = ("record_type", "years", "counted_from", "valid_from", "source")


class TermsError(ValueError):
    """A terms file that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Term:
    record_type: str
    years: int
    counted_from: str
    valid_from: date
    source: str
    unconfirmed: bool

    @property
    def label(self) -> str:
        return RECORD_TYPES[self.record_type][0]


@dataclass(frozen=True)
class Terms:
    terms: tuple[Term, ...]
    version: str  # first 12 hex digits of the file's SHA-256

    def in_force(self, record_type: str, on: date) -> Term | None:
        """The term of ``record_type`` that applies on ``on`` (the latest valid_from not after it)."""
        valid = [t for t in self._by_type.get(record_type, ()) if t.valid_from <= on]
        return max(valid, key=lambda t: t.valid_from) if valid else None

    @cached_property
    def _by_type(self) -> dict[str, list[Term]]:
        """The terms per record type: a destruction list asks for one term per record, 100,000s of times."""
        by_type: dict[str, list[Term]] = {}
        for term in self.terms:
            by_type.setdefault(term.record_type, []).append(term)
        return by_type


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of each mapping (``__line__``)."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def terms_parse(text: str, *, name: str = "terms.yaml") -> Terms:
    """Parse and validate the text of a terms file."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise TermsError(f"{where}: geen geldige YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise TermsError(f"{name}:1: veld 'terms' ontbreekt of is geen lijst")
    terms: list[Term] = []
    for entry in data["terms"]:
        if not isinstance(entry, dict):
            raise TermsError(f"{name}: elke termijn is een mapping met {', '.join(REQUIRED)}")
        terms.append(_term(entry, name))
    seen = set()
    for term in terms:
        key = (term.record_type, term.valid_from)
        if key in seen:
            raise TermsError(f"{name}: {term.record_type} heeft twee termijnen vanaf {term.valid_from}")
        seen.add(key)
    missing = set(RECORD_TYPES) - {t.record_type for t in terms}
    if missing:
        raise TermsError(f"{name}: geen termijn voor {', '.join(sorted(missing))}")
    return Terms(tuple(terms), hashlib.sha256(text.encode()).hexdigest()[:12])


def _term(entry: dict, name: str) -> Term:
    line = entry.get("__line__", "?")

    def fail(field: str, problem: str):
        raise TermsError(f"{name}:{line}: veld '{field}': {problem}")

    for field in REQUIRED:
        if entry.get(field) in (None, ""):
            fail(field, "ontbreekt")
    record_type = entry["record_type"]
    if record_type not in RECORD_TYPES:
        fail("record_type", f"onbekend soort gegeven {record_type!r} (bekend: {', '.join(RECORD_TYPES)})")
    years = entry["years"]
    if not isinstance(years, int) or isinstance(years, bool) or years < 0:
        fail("years", f"geen geheel aantal jaren: {years!r}")
    counted_from = entry["counted_from"]
    if counted_from != RECORD_TYPES[record_type][1]:
        fail(
            "counted_from",
            f"{record_type} telt vanaf {RECORD_TYPES[record_type][1]!r}, niet {counted_from!r}",
        )
    valid_from = entry["valid_from"]
    if not isinstance(valid_from, date):
        fail("valid_from", f"geen datum (jjjj-mm-dd): {valid_from!r}")
    floor = FLOORS.get(record_type)
    if floor and years < floor[0]:
        fail("years", f"{years} jaar is korter dan het wettelijk minimum van {floor[0]} jaar: {floor[1]}")
    unconfirmed = entry.get("unconfirmed", False)
    if not isinstance(unconfirmed, bool):
        fail("unconfirmed", f"true of false, niet {unconfirmed!r}")
    return Term(record_type, years, counted_from, valid_from, str(entry["source"]), unconfirmed)


def terms_load(path: Path = TERMS_FILE) -> Terms:
    """Load the shipped terms file (or ``path``)."""
    return terms_parse(path.read_text(encoding="utf-8"), name=str(path.name))
