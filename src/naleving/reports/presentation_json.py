"""The JSON output of a presented report (``naleving report --format json``): the same figures as the page,
suppressed counts as "<5", hidden figures as null, amounts as strings exact to the cent."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from naleving.reports.periods import Period
from naleving.reports.suppression import Figure
from naleving.reports.tables import AMOUNT, COUNT, DAYS, RATE, Column

# -- JSON ----------------------------------------------------------------------------------------------------


def _json_value(column: Column, figure: Figure):
    """Raw numbers as JSON numbers (amounts as strings, exact to the cent); a suppressed count as "<5",
    a hidden figure as null."""
    if figure.suppressed:
        return figure.shown if column.kind == COUNT else None
    value = figure.value
    if value is None:
        return None
    if column.kind == AMOUNT:
        return f"{Decimal(value):.2f}"
    if column.kind == RATE:
        return round(float(value), 6)
    if column.kind == DAYS:
        return float(value)
    return value


def _json_table(table: Any) -> dict:  # a presentation.PresentedTable
    rows = []
    for row in table.rows:
        entry = {
            "key": row.key,
            "label": row.label,
            "total": row.total,
            "values": {c.key: _json_value(c, f) for c, f in zip(table.columns, row.cells, strict=True)},
        }
        if table.compare_column is not None:
            entry["previous"] = {table.compare_column.key: _json_value(table.compare_column, row.previous)}
        rows.append(entry)
    return {
        "key": table.key,
        "title": table.title,
        "label_header": table.table.label_header,
        "columns": [{"key": c.key, "label": c.label, "kind": c.kind} for c in table.columns],
        "rows": rows,
        "note": table.note,
        "unavailable": table.unavailable or None,
    }


def _period_json(period: Period) -> dict:
    return {
        "code": period.code,
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def report_json(report: Any) -> dict:  # a presentation.PresentedReport
    """The report as JSON-ready data (``naleving report --format json``)."""
    return {
        "report": report.definition.key,
        "organisation": report.definition.organisation,
        "title": report.definition.title,
        "source": report.definition.source,
        "period": _period_json(report.period),
        "previous_period": _period_json(report.previous),
        "district": report.district or None,
        "gemeenten": report.scope.as_json() if report.scope else [],
        "notes": list(report.scope.notes) if report.scope else [],
        "suppressed": report.suppressed,
        "generated_at": report.generated_local.isoformat(),
        "targets": [
            {
                "label": t.target.label,
                "indicator": t.target.indicator,
                "target": t.target.text,
                "value": t.current.shown,
                "previous": t.previous.shown,
                "verdict": t.verdict,
            }
            for t in report.targets
        ],
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "intro": s.intro,
                "indicators": [
                    {
                        "id": i.indicator.id,
                        "title": i.indicator.title_nl,
                        "definition": i.indicator.definition,
                        "source": i.indicator.source,
                        "origin": i.origin or None,
                        "tables": [_json_table(t) for t in i.tables],
                    }
                    for i in s.items
                ],
                **(
                    {"case_examples": [e.as_json() for e in s.case_examples]}
                    if s.case_examples is not None
                    else {}
                ),
            }
            for s in report.sections
        ],
    }
