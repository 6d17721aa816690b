"""The articles a decision cites, per regulation: the Participatiewet for Pw and Bbz aid, the IOAW and the IOAZ
their own.

A decision on an IOAW or IOAZ benefit must cite the IOAW or IOAZ article, never the Pw one (legal-rules.md,
"Verified statute texts"). The three laws share the enforcement rules but not every number: the fine is
art. 18a Pw and art. 20a IOAW/IOAZ (its waiver is 18a(13) Pw but 20a(12) IOAW/IOAZ), recovery art. 58 Pw and
art. 25 IOAW/IOAZ, set-off art. 60 Pw and art. 28 IOAW/IOAZ. Bbz 2004 aid is Pw aid (Pw art. 78f), so Bbz
cites the Participatiewet. The IOAW and IOAZ numbers were read in the consolidated texts valid from 2026-07-01
(BWBR0004044, BWBR0004163); sources and the comparison with the Pw in docs/rules/ioaw-ioaz-articles.md.

Pure data: the letters, the claims pages and the reports ask for a citation by topic; the engine keeps its
own citations in its trace.
"""

from __future__ import annotations

from dataclasses import dataclass

PW, IOAW, IOAZ, BBZ = "Pw", "IOAW", "IOAZ", "Bbz"
DEFAULT_REGULATION = PW

#: the full name of each law, and the short name used after it
LAW_NAMES = {
    PW: ("Participatiewet", "Participatiewet"),
    IOAW: (
        "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze werknemers (IOAW)",
        "IOAW",
    ),
    IOAZ: (
        "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen zelfstandigen (IOAZ)",
        "IOAZ",
    ),
}

#: topic -> (Pw article, IOAW/IOAZ article); the IOAW and IOAZ number their articles alike
ARTICLES = {
    "inlichtingenplicht": ("art. 17 lid 1", "art. 13 lid 1"),
    "herziening": ("art. 54 lid 3", "art. 17 lid 3"),
    "opschorting": ("art. 54", "art. 17"),
    "terugvordering": ("art. 58 lid 1", "art. 25 lid 1"),
    "terugvordering_afzien": ("art. 58 lid 7", "art. 25 lid 6"),
    "terugvordering_dringende_redenen": ("art. 58 lid 8", "art. 25 lid 7"),
    "verrekening": ("art. 60 lid 4", "art. 28"),
    "geen_medewerking_invordering": ("art. 60 lid 6", "art. 28 lid 6"),
    "boete": ("art. 18a lid 1", "art. 20a lid 1"),
    "benadelingsbedrag": ("art. 18a lid 2", "art. 20a lid 2"),
    "waarschuwing": ("art. 18a lid 4", "art. 20a lid 4"),
    "recidive": ("art. 18a lid 5", "art. 20a lid 5"),
    "boete_dringende_redenen": ("art. 18a lid 7", "art. 20a lid 7"),
    "boete_kwijtschelding": ("art. 18a lid 13", "art. 20a lid 12"),
}

#: what the resident received, in the letter's words
BENEFIT_NOUNS = {PW: "bijstand", IOAW: "IOAW-uitkering", IOAZ: "IOAZ-uitkering"}


def law_of(regulation: str | None) -> str:
    """The law whose articles apply: Pw for Pw and Bbz (and when unknown), else IOAW or IOAZ."""
    return regulation if regulation in (IOAW, IOAZ) else PW


def regulation_of(besluit) -> str:
    """The regulation the besluit was decided under (its stored engine request), Pw when not stated."""
    return (besluit.engine_request or {}).get("regulation") or DEFAULT_REGULATION


def citation(regulation: str | None, topic: str, *, full: bool = False) -> str:
    """``citation("IOAW", "boete")`` is "art. 20a lid 1 IOAW"; ``full`` names the law in full."""
    law = law_of(regulation)
    article = ARTICLES[topic][0 if law == PW else 1]
    full_name, short_name = LAW_NAMES[law]
    return f"{article} {full_name if full else short_name}"


def benefit_noun(regulation: str | None) -> str:
    return BENEFIT_NOUNS[law_of(regulation)]


@dataclass(frozen=True)
class Basis:
    citation: str
    meaning: str


def decision_basis(regulation: str | None, sanction_type: str) -> list[Basis]:
    """The statutory basis of a besluit on a breach of the duty to inform, in plain Dutch (B1)."""
    noun = benefit_noun(regulation)
    basis = [
        Basis(
            citation(regulation, "inlichtingenplicht", full=True),
            "u moet alle wijzigingen die van belang zijn voor uw uitkering zelf doorgeven",
        ),
        Basis(
            citation(regulation, "herziening"), "de gemeente moet de uitkering herzien als u te veel kreeg"
        ),
        Basis(
            citation(regulation, "terugvordering"), f"de gemeente moet te veel betaalde {noun} terugvorderen"
        ),
        _setoff_basis(regulation),
    ]
    sanction = _sanction_basis(regulation, sanction_type)
    return basis + ([sanction] if sanction else [])


def _setoff_basis(regulation: str | None) -> Basis:
    if law_of(regulation) == PW:
        return Basis(citation(regulation, "verrekening"), "de gemeente verrekent het bedrag met uw uitkering")
    # IOAW/IOAZ 28(2) makes set-off mandatory against Pw aid or the other benefit; against the own benefit
    # it is a power (28(7)).
    return Basis(
        citation(regulation, "verrekening"), "de gemeente mag het bedrag verrekenen met uw uitkering"
    )


def _sanction_basis(regulation: str | None, sanction_type: str) -> Basis | None:
    if sanction_type == "boete":
        return Basis(
            f"{citation(regulation, 'boete')}; art. 2 Boetebesluit socialezekerheidswetten",
            "de gemeente moet een boete geven als u de regels niet volgde; de hoogte hangt af van de verwijtbaarheid",
        )
    if sanction_type == "waarschuwing":
        return Basis(
            f"{citation(regulation, 'waarschuwing')}; art. 2aa Boetebesluit socialezekerheidswetten",
            "de gemeente mag een waarschuwing geven in plaats van een boete",
        )
    if sanction_type == "aangifte":
        return Basis(
            "Aanwijzing sociale zekerheidsfraude; art. 5:44 Algemene wet bestuursrecht",
            "bij een groot bedrag en opzet doet de gemeente aangifte; dan volgt geen boete van de gemeente",
        )
    return None
