"""The proxy check of a filter in Dutch: per input, per attribute its Cramér's V, p-value and table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from naleving.controls.presentation.bias import ATTRIBUTE_NL, group_nl
from naleving.controls.presentation.values import format_float, format_p_value

KIND_NL = {
    "number": "getal (in kwartielen ingedeeld)",
    "boolean": "ja/nee",
    "category": "categorie",
}


def proxy_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per input: its Dutch label and kind, and per attribute V, p, whether it crosses the threshold and
    the table with Dutch group names."""
    rows = []
    for section in report.get("inputs", []):
        attributes = []
        for attribute, found in section.get("attributes", {}).items():
            attributes.append(
                {
                    "label": ATTRIBUTE_NL.get(attribute, attribute),
                    "v": format_float(found.get("cramers_v"), 2),
                    "p": format_p_value(found.get("p_value")) if found.get("p_value") is not None else "–",
                    "n": found.get("n"),
                    "flagged": found.get("needs_justification", False),
                    "columns": [group_nl(attribute, c) for c in found.get("columns", [])],
                    "table": list(zip(found.get("rows", []), found.get("counts", []), strict=False)),
                }
            )
        rows.append(
            {
                "name": section.get("name"),
                "label": section.get("label_nl") or section.get("name"),
                "kind": KIND_NL.get(section.get("kind", ""), section.get("kind", "")),
                "max_v": format_float(section.get("max_v"), 2),
                "flagged": section.get("needs_justification", False),
                "attributes": attributes,
            }
        )
    return rows
