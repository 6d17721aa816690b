"""The obligations a maatregel (verlaging van de bijstand, Pw 18) can be imposed for: code, citation, a plain
Dutch label, whether the law makes the reduction mandatory (Pw 18(4): 100 % for 1 to 3 months) and how sure
the text is.

Pw 18(4) a-e were read in the 2026 text (H). Onderdeel f was read in the bill that added it (Wet maatregelen
WWB, 2014; M). That the list goes on to g, h and i, and what they say, was not read: those entries are
UNCONFIRMED, kept so that a consulent can choose them, and shown with their confidence in every trace.
Every other obligation of the Pw is `pw_18_2`: reduced per the afstemmingsverordening, by its category.
"""

from __future__ import annotations

from dataclasses import dataclass

PW_URL = "https://wetten.overheid.nl/jci1.3:c:BWBR0015703&artikel=18"
OTHER = "pw_18_2"


@dataclass(frozen=True, slots=True)
class Obligation:
    """One obligation of the catalogue."""

    code: str
    article: str
    label_nl: str
    mandatory: bool
    confidence: str


def _lid4(letter: str, label: str, confidence: str) -> Obligation:
    return Obligation(f"pw_18_4_{letter}", f"art. 18 lid 4 onder {letter} Pw", label, True, confidence)


CATALOGUE: dict[str, Obligation] = {
    item.code: item
    for item in (
        _lid4("a", "Werk aannemen of houden dat u kunt doen (algemeen geaccepteerde arbeid).", "H"),
        _lid4("b", "Ingeschreven staan bij een uitzendbureau, als de gemeente dat van u vraagt.", "H"),
        _lid4("c", "Eerst werk zoeken in een andere gemeente voordat u daarheen verhuist.", "H"),
        _lid4("d", "Bereid zijn om tot 3 uur per dag te reizen voor werk.", "H"),
        _lid4("e", "Bereid zijn om te verhuizen voor werk.", "H"),
        _lid4("f", "Werk niet in de weg staan door kleding, verzorging of gedrag.", "M"),
        _lid4("g", "Zelf werk zoeken, zo goed als u kunt.", "UNCONFIRMED"),
        _lid4(
            "h", "Meedoen aan een voorziening van de gemeente die u helpt om werk te vinden.", "UNCONFIRMED"
        ),
        _lid4("i", "Meewerken aan een onderzoek naar wat voor werk u kunt doen.", "UNCONFIRMED"),
        Obligation(
            OTHER,
            "art. 18 lid 2 Pw",
            "Een andere plicht uit de Participatiewet (niet de plicht om wijzigingen door te geven).",
            False,
            "H",
        ),
    )
}

#: the categories of obligations an afstemmingsverordening distinguishes for Pw 18(2)
CATEGORIES = (1, 2, 3)
