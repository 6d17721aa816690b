"""The outcome report (analytics.outcomes) in Dutch: per attribute its verdict and per group the numbers with
plain headings, for the run and filter pages, the public page (small numbers suppressed) and the CLI."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from naleving.analytics.population import AGE_BANDS, UNDER_18
from naleving.analytics.schema import HOUSEHOLD_TYPES, SEXES
from naleving.controls.presentation.bias import ATTRIBUTE_NL, group_nl
from naleving.controls.presentation.values import DASH, format_float, format_p_value, format_rate, ordered

VERDICT_NL = {
    "ok": "Geen aanwijzing voor ongelijke uitkomsten",
    "flag": "Gemarkeerd: ongelijke uitkomsten",
    "insufficient_data": "Te weinig afgeronde onderzoeken",
}
TEST_NL = {"fisher": "Fisher (exact)", "chi2": "chi-kwadraat"}
UNAVAILABLE = (
    "Niet beschikbaar: dit kenmerk staat alleen in de levering, die na de run is verwijderd; per treffer is het "
    "niet bewaard."
)
#: the columns of the table, in order: (key, heading); the explanation under the table reads them out
COLUMNS = (
    ("n_outcome", "Onderzocht (met uitkomst)"),
    ("fdr", "Voor niets onderzocht"),
    ("sanctioned", "Sanctie"),
    ("base_rate", "Schending in controlegroep"),
    ("fpr", "Geschat: onterecht geselecteerd"),
    ("tpr", "Geschat: schending gevonden"),
    ("ratio", "Verhouding t.o.v. best af"),
    ("p_value", "p-waarde (toets)"),
)
_GROUP_ORDER = {"age_band": (UNDER_18, *AGE_BANDS), "sex": SEXES, "household_type": HOUSEHOLD_TYPES}
HOW_TO_READ = (
    "Onderzocht: geselecteerde inwoners (zonder controlegroep) van wie het onderzoek is afgerond. Voor niets "
    "onderzocht: het deel van hen bij wie geen schending werd vastgesteld (false discovery rate), met het "
    "95%-betrouwbaarheidsinterval. Sanctie: het deel dat een waarschuwing, boete, maatregel of aangifte kreeg. "
    "Schending in controlegroep: hoe vaak de aselecte controlegroep een schending had (het basispercentage). "
    "Daaruit volgen twee schattingen, geen tellingen: onterecht geselecteerd (van wie geen schending had, het "
    "deel dat het filter selecteerde) en schending gevonden (van wie wel een schending had, het deel dat het "
    "filter vond). Verhouding: het aandeel voor niets onderzocht gedeeld door dat van de groep die het best af "
    "is; 1 is gelijk. Gemarkeerd wordt een kenmerk als een verhouding buiten 0,8–1,25 valt en de toets "
    "(Fisher bij kleine aantallen, anders chi-kwadraat) p < 0,05 geeft."
)


def _interval(value: object, interval: object) -> str:
    text = format_rate(value)
    if value is None or not isinstance(interval, list | tuple) or len(interval) != 2:
        return text
    return f"{text} ({format_rate(interval[0])}–{format_rate(interval[1])})"


def _cells(g: Mapping[str, Any], public: bool, min_public: int) -> dict[str, str]:
    n = int(g.get("n_outcome") or 0)
    if public and n < min_public:
        hidden = "niet getoond" if n else DASH
        return {key: (f"<{min_public}" if key == "n_outcome" and n else hidden) for key, _ in COLUMNS}
    test = TEST_NL.get(str(g.get("test")), "")
    return {
        "n_outcome": str(n),
        "fdr": _interval(g.get("fdr"), g.get("fdr_ci")),
        "sanctioned": format_rate(g.get("sanctioned_share")),
        "base_rate": "niet getoond"
        if public and int(g.get("control_n_outcome") or 0) < min_public
        else _interval(g.get("base_rate"), g.get("base_rate_ci")),
        "fpr": _interval(g.get("fpr"), g.get("fpr_ci")),
        "tpr": _interval(g.get("tpr"), g.get("tpr_ci")),
        "ratio": format_float(g.get("fdr_ratio"), 2),
        "p_value": f"{format_p_value(g.get('p_value'))} ({test})" if test else DASH,
    }


def _row(g: Mapping[str, Any], public: bool, min_public: int) -> dict[str, Any]:
    cells = _cells(g, public, min_public)
    return {"cells": cells, "values": [cells[key] for key, _ in COLUMNS]}


def outcome_rows(
    report: Mapping[str, Any] | None, *, public: bool = False, min_public: int = 5
) -> list[dict]:
    """Per attribute: attribute, label, verdict, verdict_label, flagged, unavailable and its groups with the
    Dutch cells of ``COLUMNS``. ``public``: groups with fewer than ``min_public`` outcomes are suppressed."""
    attributes = (report or {}).get("attributes") or {}
    rows = []
    for attribute in ordered(attributes, tuple(ATTRIBUTE_NL)):
        section = attributes[attribute]
        groups = section.get("groups") or {}
        unavailable = bool(section.get("unavailable"))
        verdict = str(section.get("verdict", ""))
        rows.append(
            {
                "attribute": attribute,
                "label": ATTRIBUTE_NL.get(attribute, attribute),
                "verdict": verdict,
                "verdict_label": UNAVAILABLE if unavailable else VERDICT_NL.get(verdict, verdict),
                "flagged": verdict == "flag" and not unavailable,
                "unavailable": unavailable,
                "groups": []
                if unavailable
                else [
                    {"label": group_nl(attribute, name), **_row(groups[name], public, min_public)}
                    for name in ordered(groups, _GROUP_ORDER.get(attribute, ()))
                    if int(groups[name].get("n_outcome") or 0)
                    or int(groups[name].get("control_n_outcome") or 0)
                ],
            }
        )
    return rows


def outcome_text(report: Mapping[str, Any], title: str) -> str:
    """The report as plain text for the command line: the same numbers as the pages."""
    lines = [f"Uitkomstcontrole {title}", f"Runs: {', '.join(map(str, report.get('runs', []))) or 'geen'}"]
    lines.append(f"Gemarkeerd: {'ja' if report.get('flagged') else 'nee'}")
    for row in outcome_rows(report):
        lines += ["", f"{row['label']}: {row['verdict_label']}"]
        if not row["groups"]:
            continue
        lines.append(" | ".join(["Groep", *(heading for _, heading in COLUMNS)]))
        for group in row["groups"]:
            lines.append(" | ".join([group["label"], *(group["cells"][key] for key, _ in COLUMNS)]))
    return "\n".join(lines) + "\n"
