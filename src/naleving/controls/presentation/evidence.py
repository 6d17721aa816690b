"""The evidence of a hit and the parameters of a run as Dutch sections, tables and texts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from naleving.analytics.schema import HOUSEHOLD_TYPES
from naleving.controls.presentation.bias import group_nl
from naleving.controls.presentation.values import (
    DASH,
    NONE_TEXT,
    format_date,
    format_money,
    format_number,
    ordered,
    yes_no,
)

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
        keys = ordered(named, _COLUMN_ORDER)
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
    columns = ordered(keys, _COLUMN_ORDER)
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
    return [_section(str(key), evidence[key]) for key in ordered(evidence, _SECTION_ORDER)]


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
        for household in ordered(limits, HOUSEHOLD_TYPES)
    )


def parameters_nl(parameters: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(Dutch label, Dutch value) per run parameter, the control's own first and the bias check's last."""
    result = []
    for name in ordered(parameters or {}, PARAMETER_NL):
        value = (parameters or {})[name]
        if name == "asset_limits":
            text = _asset_limits(value)
        elif name == "m2_per_person":
            text = format_number(value)
        else:
            text = _cell(name, value)
        result.append((PARAMETER_NL.get(name, name), text))
    return result
