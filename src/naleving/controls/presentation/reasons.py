"""The reasons of a hit as Dutch sentences, filled from its evidence and the run's parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from naleving.controls.presentation.values import (
    format_date,
    format_money,
    format_number,
    to_decimal,
)

# --- Reasons -------------------------------------------------------------------------------------------

#: per reason code, the Dutch sentence used when the evidence lacks what the full sentence needs
REASON_GENERIC_NL: dict[str, str] = {
    "vehicles_in_window": (
        "In het jaar tot en met de peildatum stonden meerdere voertuigen op naam van de cliënt."
    ),
    "balance_above_asset_limit": "Het saldo van het huishouden is hoger dan de vermogensgrens.",
    "address_vacant": "Het adres van de cliënt staat volgens de BAG leeg.",
    "address_overcrowded": "Op het adres staan meer personen ingeschreven dan de oppervlakte toelaat.",
    "kostendelers_above_applied": (
        "Op het adres tellen meer personen mee voor de kostendelersnorm dan waarmee de uitkering is berekend."
    ),
    "no_brp_registration": "De cliënt staat op de peildatum niet ingeschreven in de BRP.",
    "brp_address_differs": (
        "Het BRP-adres van de cliënt wijkt af van het adres in de uitkeringsadministratie."
    ),
}

_HOUSEHOLD_FOR = {
    "alleenstaande": "voor een alleenstaande",
    "alleenstaande_ouder": "voor een alleenstaande ouder",
    "gehuwden": "voor gehuwden of samenwonenden",
}

Sentence = Callable[[Mapping[str, Any], Mapping[str, Any]], str]


def _dicts(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _count(value: object) -> int:
    """A positive whole number, or ValueError (the sentence then falls back to the general one)."""
    number = to_decimal(value)
    if number is None or number < 1 or number != number.to_integral_value():
        raise ValueError(f"not a positive count: {value!r}")
    return int(number)


def _at(address: object) -> str:
    return f"Op adres {address}" if address not in (None, "") else "Op het adres van de cliënt"


def _vehicles_in_window(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    plates = evidence.get("distinct_plates")
    if plates is None:
        plates = len({v.get("plate") for v in _dicts(evidence.get("vehicles"))})
    count = _count(plates)
    subject = "1 voertuig stond" if count == 1 else f"{count} verschillende voertuigen stonden"
    window = _mapping(evidence.get("window"))
    if window.get("from") and window.get("to"):
        period = f"tussen {format_date(window['from'])} en {format_date(window['to'])}"
    else:
        period = "in het jaar tot en met de peildatum"
    minimum = parameters.get("min_vehicles")
    threshold = f" (drempel: {minimum})" if minimum not in (None, "") else ""
    return f"{subject} op naam van de cliënt {period}{threshold}."


def _balance_above_asset_limit(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    balance = to_decimal(evidence.get("household_balance"))
    if balance is None:
        raise ValueError("no household balance")
    household_type = _mapping(evidence.get("household")).get("household_type")
    limit = to_decimal(evidence.get("asset_limit"))
    if limit is None and household_type:
        limit = to_decimal(_mapping(parameters.get("asset_limits")).get(household_type))
    text = (
        f"Het totale saldo op de rekeningen van het huishouden is {format_money(balance)}; "
        "dat is meer dan de vermogensgrens"
    )
    if limit is not None:
        text += f" van {format_money(limit)}"
    if household_type:
        text += " " + _HOUSEHOLD_FOR.get(str(household_type), f"voor huishoudtype {household_type}")
    return text + "."


def _address_vacant(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    address = evidence.get("address_id")
    where = f" ({address})" if address not in (None, "") else ""
    return f"Het adres van de cliënt{where} staat volgens de BAG leeg."


def _address_overcrowded(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    persons = _count(evidence.get("persons_registered"))
    who = "staat 1 persoon" if persons == 1 else f"staan {persons} personen"
    text = f"{_at(evidence.get('address_id'))} {who} ingeschreven"
    addresses = _dicts(evidence.get("addresses"))
    area = to_decimal(addresses[0].get("floor_area_m2")) if addresses else None
    per_person = to_decimal(parameters.get("m2_per_person"))
    if area is None or per_person is None:
        return f"{text}, meer dan de oppervlakte van de woning toelaat."
    needed = format_number(persons * per_person)
    return (
        f"{text}; bij {format_number(per_person)} m² per persoon is dat {needed} m², "
        f"meer dan de oppervlakte van {format_number(area)} m²."
    )


def _kostendelers_above_applied(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    computed = _count(evidence.get("computed_a"))
    applied = _count(evidence.get("kostendelers_applied"))
    who = "telt volgens de BRP 1 persoon" if computed == 1 else f"tellen volgens de BRP {computed} personen"
    return (
        f"{_at(evidence.get('address_id'))} {who} mee voor de kostendelersnorm (A = {computed}), "
        f"maar de uitkering is berekend met A = {applied}."
    )


def _no_brp_registration(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    text = REASON_GENERIC_NL["no_brp_registration"]
    if "last_registration_before" not in evidence:
        return text
    last = evidence.get("last_registration_before")
    if not isinstance(last, Mapping):
        return f"{text} Er staat ook geen eerdere inschrijving in de levering."
    address = last.get("address_id")
    where = f" op adres {address}" if address not in (None, "") else ""
    start, end = last.get("registered_from"), last.get("registered_to")
    if start and end:
        period = f", van {format_date(start)} tot {format_date(end)}"
    elif start:
        period = f", vanaf {format_date(start)}"
    else:
        period = ""
    return f"{text} De laatste inschrijving was{where}{period}."


def _brp_address_differs(evidence: Mapping[str, Any], parameters: Mapping[str, Any]) -> str:
    registrations = _dicts(evidence.get("brp"))
    holding = registrations[0] if registrations else {}
    brp_address, benefit_address = holding.get("address_id"), evidence.get("address_id")
    if brp_address in (None, "") or benefit_address in (None, ""):
        raise ValueError("an address is missing")
    since = f" (sinds {format_date(holding['registered_from'])})" if holding.get("registered_from") else ""
    return (
        f"De cliënt staat in de BRP ingeschreven op adres {brp_address}{since}, niet op het adres in de "
        f"uitkeringsadministratie ({benefit_address})."
    )


_SENTENCES: dict[str, Sentence] = {
    "vehicles_in_window": _vehicles_in_window,
    "balance_above_asset_limit": _balance_above_asset_limit,
    "address_vacant": _address_vacant,
    "address_overcrowded": _address_overcrowded,
    "kostendelers_above_applied": _kostendelers_above_applied,
    "no_brp_registration": _no_brp_registration,
    "brp_address_differs": _brp_address_differs,
}

#: every reason code the analytics controls produce
REASON_CODES = frozenset(_SENTENCES)


def reason_nl(
    reason: Mapping[str, Any] | None,
    evidence: Mapping[str, Any] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> str:
    """One reason of a hit as a Dutch sentence, filled from the evidence and the run parameters.

    A known code with incomplete evidence gives a general Dutch sentence; an unknown code gives
    "code: English text". Never raises."""
    reason = _mapping(reason)
    code = str(reason.get("code") or "")
    sentence = _SENTENCES.get(code)
    if sentence is None:
        text = str(reason.get("text") or "")
        return f"{code}: {text}" if code and text else code or text or "Onbekende reden."
    try:
        return sentence(_mapping(evidence), _mapping(parameters))
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, IndexError):
        return REASON_GENERIC_NL[code]


def reasons_nl(
    reasons: Iterable[Mapping[str, Any]] | None,
    evidence: Mapping[str, Any] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> list[str]:
    """All reasons of a hit as Dutch sentences, in order."""
    return [
        reason_nl(reason, evidence, parameters)
        if isinstance(reason, Mapping)
        else reason_nl({"text": str(reason)})
        for reason in reasons or []
    ]
