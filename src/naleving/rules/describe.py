"""Parameters in words, for the people who meet a missing one: a consulent, an analyst, a CLI user.

`missing_parameter_nl(name, on)` is the one plain Dutch sentence the engine's callers show when
`ParameterNotInForce` refuses a decision: what is missing, for which date, and who can add it.
"""

from __future__ import annotations

from datetime import date

from naleving.rules.context import dutch_date

WHO_ADDS = "De functioneel beheerder kan dit bedrag toevoegen."

#: the parts of a parameter name (`norm.alleenstaande.21_to_aow`) in words, for a consulent
HOUSEHOLDS = {
    "alleenstaande": "een alleenstaande",
    "alleenstaande_ouder": "een alleenstaande ouder",
    "gehuwden": "gehuwden of samenwoners",
}
AGE_BANDS = {
    "21_to_aow": "21 jaar tot AOW-leeftijd",
    "18_to_20": "18 tot en met 20 jaar",
    "aow": "vanaf de AOW-leeftijd",
}
ASSET_LIMITS = {
    **{household: f"de vermogensgrens voor {words}" for household, words in HOUSEHOLDS.items()},
    "own_home_equity": "de vrijlating van vermogen in een eigen woning",
}


#: the afstemmingsverordening's figures of the maatregel (Pw 18), which no shipped profile gives
MAATREGEL_FIGURES = {
    "maatregel.verordening.pw18_4.months_first": (
        "het aantal maanden van de verlaging bij een eerste keer (afstemmingsverordening, artikel 18 lid 4 Pw)"
    ),
    "maatregel.verordening.pw18_4.months_recidive": (
        "het aantal maanden van de verlaging bij herhaling (afstemmingsverordening, artikel 18 lid 4 Pw)"
    ),
    **{
        f"maatregel.verordening.category.{c}.{what}": (
            f"{words} van de verlaging voor categorie {c} (afstemmingsverordening, artikel 18 lid 2 Pw)"
        )
        for c in (1, 2, 3)
        for what, words in (("percentage", "het percentage"), ("months", "het aantal maanden"))
    },
}
WHO_ADDS_POLICY = (
    "De functioneel beheerder kan de afspraken uit de afstemmingsverordening toevoegen als nieuwe versie van "
    "het beleidsprofiel; een tweede persoon keurt die goed."
)


def missing_amount(name: str) -> str:
    """The legal amount a parameter name stands for, in plain Dutch, to say what is missing:
    `norm.alleenstaande.21_to_aow` → "de bijstandsnorm voor een alleenstaande (21 jaar tot AOW-leeftijd)"."""
    head, _, rest = name.partition(".")
    if head == "norm":
        household, _, band = rest.partition(".")
        if household in HOUSEHOLDS and band in AGE_BANDS:
            return f"de bijstandsnorm voor {HOUSEHOLDS[household]} ({AGE_BANDS[band]})"
        return "een bijstandsnorm"
    if head == "asset_limit":
        return ASSET_LIMITS.get(rest, "een vermogensgrens")
    if name.startswith("fine.category."):
        return f"het bedrag van boetecategorie {name.removeprefix('fine.category.')}"
    if head == "kostendelersnorm":
        return "een percentage van de kostendelersnorm"
    if name.startswith("maatregel.verordening."):
        return MAATREGEL_FIGURES.get(name, "een afspraak uit de afstemmingsverordening")
    return "een wettelijk bedrag"


def missing_parameter_nl(name: str, on: date) -> str:
    """`Voor een besluit op 5 januari 2027 ontbreekt nog de bijstandsnorm voor een alleenstaande (21 jaar tot
    AOW-leeftijd). De functioneel beheerder kan dit bedrag toevoegen.`"""
    who = WHO_ADDS_POLICY if name.startswith("maatregel.verordening.") else WHO_ADDS
    return f"Voor een besluit op {dutch_date(on)} ontbreekt nog {missing_amount(name)}. {who}"
