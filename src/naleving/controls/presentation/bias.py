"""The bias report of a run in Dutch: per attribute its verdict, statistics and groups in a fixed order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from naleving.analytics.population import AGE_BANDS, UNDER_18
from naleving.analytics.schema import HOUSEHOLD_TYPES, SEXES
from naleving.controls.presentation.values import (
    DASH,
    format_float,
    format_p_value,
    format_rate,
    ordered,
)

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
    for code in ordered(groups, _GROUP_ORDER.get(attribute, ())):
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
    for attribute in ordered(bias or {}, ATTRIBUTE_NL):
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
