"""Dutch presentation of theme-control results: reasons, evidence, bias report and parameters.

Pure functions over the JSON documents of `naleving.analytics` (no database, no ORM), for staff pages and
signal descriptions. Key order in the input is not trusted (PostgreSQL jsonb reorders keys), so sections,
columns, attributes and groups follow fixed orders. Missing or malformed values never raise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from naleving.analytics.population import AGE_BANDS, UNDER_18
from naleving.analytics.schema import HOUSEHOLD_TYPES, SEXES

DASH = "–"
NONE_TEXT = "geen"
_CENT = Decimal("0.01")
_TO_DUTCH = str.maketrans(",.", ".,")

# --- Values ------------------------------------------------------------------------------------------


def _decimal(value: object) -> Decimal | None:
    """A finite Decimal from a number or numeric text; None otherwise (booleans included)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _dutch(text: str) -> str:
    """Python number text to Dutch: 1,234.5 becomes 1.234,5."""
    return text.translate(_TO_DUTCH)


def format_date(value: object) -> str:
    """dd-mm-jjjj from a date or an ISO date text; "–" when empty; other text unchanged."""
    if value is None or value == "":
        return DASH
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return str(value)


def format_money(value: object) -> str:
    """An amount in euros, Dutch style: "€ 8.000,01", "€ -1.500,00"."""
    amount = _decimal(value)
    if amount is None:
        return DASH if value is None or value == "" else str(value)
    return f"€ {_dutch(f'{amount.quantize(_CENT, ROUND_HALF_UP):,.2f}')}"


def format_number(value: object) -> str:
    """A number, Dutch style and without trailing zeros: "35", "12,5", "1.250"."""
    number = _decimal(value)
    if number is None:
        return DASH if value is None or value == "" else str(value)
    number = number.normalize()
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _dutch(f"{number:,.{decimals}f}")


def format_float(value: object, decimals: int = 3) -> str:
    """A statistic with a fixed number of decimals ("0,250"); "–" when undefined."""
    if value is None or isinstance(value, bool):
        return DASH
    try:
        return _dutch(f"{float(str(value)):.{decimals}f}")
    except ValueError:
        return str(value)


def format_rate(value: object) -> str:
    """A selection rate as a percentage with one decimal ("9,1%"); "–" when undefined."""
    if value is None or isinstance(value, bool):
        return DASH
    try:
        return _dutch(f"{float(str(value)) * 100:.1f}") + "%"
    except ValueError:
        return str(value)


def format_p_value(value: object) -> str:
    """A p-value with four decimals, or "< 0,0001"."""
    try:
        if value is not None and not isinstance(value, bool) and float(str(value)) < 0.0001:
            return "< 0,0001"
    except ValueError:
        return str(value)
    return format_float(value, 4)


def yes_no(value: object) -> str:
    return "ja" if value else "nee"


# --- Bias report ---------------------------------------------------------------------------------------

ATTRIBUTE_NL: dict[str, str] = {
    "age_band": "Leeftijdsgroep",
    "sex": "Geslacht",
    "household_type": "Huishoudtype",
    "district": "Wijk",
}

VERDICT_NL: dict[str, str] = {
    "ok": "Geen aanwijzing voor vertekening",
    "flag": "Gemarkeerd: mogelijke vertekening",
    "insufficient_data": "Te weinig gegevens",
}

_AGE_BANDS_NL = {
    UNDER_18: "Jonger dan 18 jaar",
    "18-26": "18–26 jaar",
    "27-39": "27–39 jaar",
    "40-54": "40–54 jaar",
    "55+": "55 jaar en ouder",
}

HOUSEHOLD_TYPE_NL: dict[str, str] = {
    "alleenstaande": "Alleenstaande",
    "alleenstaande_ouder": "Alleenstaande ouder",
    "gehuwden": "Gehuwden / samenwonenden",
}

GROUP_NL: dict[str, dict[str, str]] = {
    "age_band": _AGE_BANDS_NL,
    "sex": {"M": "Man", "V": "Vrouw", "X": "X (anders/onbekend)"},
    "household_type": HOUSEHOLD_TYPE_NL,
}

_GROUP_ORDER: dict[str, tuple[str, ...]] = {
    "age_band": (UNDER_18, *AGE_BANDS),
    "sex": SEXES,
    "household_type": HOUSEHOLD_TYPES,
}

_UNKNOWN_GROUPS = ("", "None", "null")


def group_nl(attribute: str, group: object) -> str:
    """The Dutch name of a group of a bias attribute; districts and unknown groups unchanged."""
    if group is None or str(group).strip() in _UNKNOWN_GROUPS:
        return "Onbekend"
    return GROUP_NL.get(attribute, {}).get(str(group), str(group))


def _ordered(keys: Iterable[str], order: Iterable[str]) -> list[str]:
    """`keys` in the fixed `order` first, the others after them in sorted order."""
    present = list(keys)
    known = [k for k in order if k in present]
    return known + sorted((k for k in present if k not in known), key=str)


def _stats(section: Mapping[str, Any]) -> list[dict[str, str]]:
    return [
        {"label": "Pariteitsratio", "text": format_float(section.get("parity_ratio"))},
        {"label": "Pariteitsverschil", "text": format_float(section.get("parity_difference"))},
        {"label": "χ²", "text": format_float(section.get("chi2"))},
        {"label": "p-waarde", "text": format_p_value(section.get("p_value"))},
        {"label": "Cramérs V", "text": format_float(section.get("cramers_v"))},
    ]


def _groups(attribute: str, groups: object) -> list[dict[str, Any]]:
    if not isinstance(groups, Mapping):
        return []
    rows = []
    for code in _ordered(groups, _GROUP_ORDER.get(attribute, ())):
        group = groups[code] if isinstance(groups[code], Mapping) else {}
        rows.append(
            {
                "code": code,
                "label": group_nl(attribute, code),
                "n": group.get("n"),
                "s": group.get("s"),
                "rate": group.get("rate"),
                "rate_text": format_rate(group.get("rate")),
            }
        )
    return rows


def bias_rows(bias: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """Per attribute (age_band, sex, household_type, district, then others): code, Dutch label, verdict
    (code and Dutch), the raw statistics, `stats` as Dutch label/text pairs, and the groups in order."""
    rows = []
    for attribute in _ordered(bias or {}, ATTRIBUTE_NL):
        section = bias[attribute] if bias and isinstance(bias[attribute], Mapping) else {}
        verdict = section.get("verdict")
        rows.append(
            {
                "attribute": attribute,
                "label": ATTRIBUTE_NL.get(attribute, attribute),
                "verdict": verdict,
                "verdict_label": VERDICT_NL.get(str(verdict), str(verdict) if verdict else DASH),
                "parity_ratio": section.get("parity_ratio"),
                "parity_difference": section.get("parity_difference"),
                "chi2": section.get("chi2"),
                "p_value": section.get("p_value"),
                "cramers_v": section.get("cramers_v"),
                "stats": _stats(section),
                "groups": _groups(attribute, section.get("groups")),
            }
        )
    return rows


# --- Parameters ----------------------------------------------------------------------------------------

PARAMETER_NL: dict[str, str] = {
    "min_vehicles": "Minimum aantal voertuigen",
    "m2_per_person": "m² per persoon",
    "asset_limits": "Vermogensgrenzen",
    "min_group_size": "Minimale groepsgrootte biascheck",
}


def _asset_limits(limits: object) -> str:
    if not isinstance(limits, Mapping):
        return _cell("asset_limits", limits)
    return "; ".join(
        f"{group_nl('household_type', household)}: {format_money(limits[household])}"
        for household in _ordered(limits, HOUSEHOLD_TYPES)
    )


def parameters_nl(parameters: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(Dutch label, Dutch value) per run parameter, the control's own first and the bias check's last."""
    result = []
    for name in _ordered(parameters or {}, PARAMETER_NL):
        value = (parameters or {})[name]
        if name == "asset_limits":
            text = _asset_limits(value)
        elif name == "m2_per_person":
            text = format_number(value)
        else:
            text = _cell(name, value)
        result.append((PARAMETER_NL.get(name, name), text))
    return result


# --- Evidence ------------------------------------------------------------------------------------------

#: Dutch labels of the evidence keys, both as section and as column
LABELS: dict[str, str] = {
    "row": "Regel in bestand",
    "bsn": "BSN",
    "partner_bsn": "BSN partner",
    "household_type": "Huishoudtype",
    "plate": "Kenteken",
    "account_id": "Rekening",
    "address_id": "Adres (id)",
    "reference_date": "Peildatum saldo",
    "balance": "Saldo",
    "birth_date": "Geboortedatum",
    "age": "Leeftijd op peildatum",
    "registered_from": "Ingeschreven vanaf",
    "registered_to": "Ingeschreven tot",
    "floor_area_m2": "Oppervlakte (m²)",
    "vacant": "Leegstand",
    "study_finance": "Studiefinanciering",
    "commercial_tenant": "Commerciële huurder",
    "role": "Rol",
    "counted": "Telt mee",
    "from": "Van",
    "to": "Tot en met",
    "window": "Venster",
    "distinct_plates": "Aantal verschillende kentekens",
    "vehicles": "Voertuigen op naam (RDW)",
    "household": "Huishouden",
    "household_balance": "Saldo huishouden",
    "asset_limit": "Vermogensgrens",
    "balances": "Saldi (Belastingdienst / bank)",
    "addresses": "Adres (BAG)",
    "persons_registered": "Aantal ingeschreven personen (BRP)",
    "kostendelers_applied": "Toegepast aantal kostendelers (A)",
    "computed_a": "Berekend aantal kostendelers (A)",
    "brp": "Inschrijvingen op de peildatum (BRP)",
    "last_registration_before": "Laatste eerdere inschrijving (BRP)",
}

#: section labels that differ from the column label of the same key
_SECTION_LABELS = {"address_id": "Adres in uitkeringsadministratie (id)"}

_SECTION_ORDER = (
    "bsn",
    "household",
    "address_id",
    "window",
    "distinct_plates",
    "vehicles",
    "household_balance",
    "asset_limit",
    "balances",
    "addresses",
    "persons_registered",
    "kostendelers_applied",
    "computed_a",
    "brp",
    "last_registration_before",
)

_COLUMN_ORDER = (
    "row",
    "bsn",
    "partner_bsn",
    "household_type",
    "plate",
    "account_id",
    "address_id",
    "reference_date",
    "balance",
    "birth_date",
    "age",
    "registered_from",
    "registered_to",
    "floor_area_m2",
    "vacant",
    "study_finance",
    "commercial_tenant",
    "role",
    "counted",
)

#: kostendelers: why a person at the address does or does not count
ROLE_NL: dict[str, str] = {
    "client": "Cliënt",
    "partner": "Partner",
    "partner_under_21": "Partner jonger dan 21",
    "kostendeler": "Kostendeler",
    "under_27": "Huisgenoot jonger dan 27",
    "study_finance": "Huisgenoot met studiefinanciering",
    "commercial_tenant": "Huisgenoot die commerciële huur betaalt",
}

_DATE_KEYS = frozenset({"registered_from", "registered_to", "reference_date", "birth_date", "from", "to"})
_MONEY_KEYS = frozenset({"balance", "household_balance", "asset_limit"})
_NUMBER_KEYS = frozenset({"floor_area_m2"})


def _label(key: str) -> str:
    return LABELS.get(key, key)


def _cell(key: str, value: object) -> str:
    """One value as Dutch text, chosen by its key; nested lists and dicts flattened, never a repr."""
    if isinstance(value, bool):
        return yes_no(value)
    if value is None or value == "":
        return DASH
    if isinstance(value, Mapping):
        named = {str(k): v for k, v in value.items()}
        keys = _ordered(named, _COLUMN_ORDER)
        return "; ".join(f"{_label(k)}: {_cell(k, named[k])}" for k in keys) or NONE_TEXT
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_cell(key, item) for item in value) or NONE_TEXT
    if key in _DATE_KEYS:
        return format_date(value)
    if key in _MONEY_KEYS:
        return format_money(value)
    if key in _NUMBER_KEYS:
        return format_number(value)
    if key == "household_type":
        return group_nl("household_type", value)
    if key == "role":
        return ROLE_NL.get(str(value), str(value))
    return str(value)


def _table(key: str, label: str, items: list[Mapping[str, Any]]) -> dict[str, Any]:
    items = [{str(k): v for k, v in item.items()} for item in items]
    keys: list[str] = []
    for item in items:
        keys.extend(k for k in item if k not in keys)
    columns = _ordered(keys, _COLUMN_ORDER)
    return {
        "key": key,
        "label": label,
        "columns": [_label(c) for c in columns],
        "rows": [[_cell(c, item.get(c)) for c in columns] for item in items],
    }


def _is_scalar(value: object) -> bool:
    return not isinstance(value, Mapping | list | tuple | set | frozenset)


def _section(key: str, value: object) -> dict[str, Any]:
    label = _SECTION_LABELS.get(key) or _label(key)
    if key == "window" and isinstance(value, Mapping):
        return {"key": key, "label": label, "text": _window(value)}
    if isinstance(value, list) and value and all(isinstance(item, Mapping) for item in value):
        return _table(key, label, value)
    if isinstance(value, Mapping) and value and all(_is_scalar(v) for v in value.values()):
        return _table(key, label, [value])
    if value is None or value == [] or value == {}:
        empty = value is not None or key == "last_registration_before"
        return {"key": key, "label": label, "text": NONE_TEXT if empty else DASH}
    return {"key": key, "label": label, "text": _cell(key, value)}


def _window(window: Mapping[str, Any]) -> str:
    return f"{format_date(window.get('from'))} t/m {format_date(window.get('to'))}"


def evidence_sections(evidence: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The evidence of a hit as ordered sections: {"key", "label", "text"} for a value, or
    {"key", "label", "columns", "rows"} for rows of a delivery file (and for a record such as the
    household). All labels, headers and cells are Dutch text."""
    if not isinstance(evidence, Mapping):
        return []
    return [_section(str(key), evidence[key]) for key in _ordered(evidence, _SECTION_ORDER)]


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
    number = _decimal(value)
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
    balance = _decimal(evidence.get("household_balance"))
    if balance is None:
        raise ValueError("no household balance")
    household_type = _mapping(evidence.get("household")).get("household_type")
    limit = _decimal(evidence.get("asset_limit"))
    if limit is None and household_type:
        limit = _decimal(_mapping(parameters.get("asset_limits")).get(household_type))
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
    area = _decimal(addresses[0].get("floor_area_m2")) if addresses else None
    per_person = _decimal(parameters.get("m2_per_person"))
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
