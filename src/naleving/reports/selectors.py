"""Aggregated figures over the whole organisation, suppressed for readers outside the enforcement team."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum

from naleving.reports.suppression import Figure, amount_figure, count_figure


@dataclass(frozen=True)
class Row:
    label: str
    figure: Figure
    amount: Figure | None = None


def _choice_rows(qs, field: str, choices, *, suppress: bool, amount_field: str | None = None) -> list[Row]:
    annotations = {"n": Count("pk")}
    if amount_field:
        annotations["total"] = Sum(amount_field)
    counts = {row[field]: row for row in qs.order_by().values(field).annotate(**annotations)}
    rows = []
    for value, label in choices:
        row = counts.get(value, {"n": 0, "total": None})
        amount = amount_figure(row.get("total"), row["n"], suppress=suppress) if amount_field else None
        rows.append(Row(str(label), count_figure(row["n"], suppress=suppress), amount))
    return rows


def organisation_overview(*, actor, year: int) -> dict[str, list[Row]]:
    """Signals by origin (S1), decisions by sanction (C2) and claims by status (C1) for one calendar year."""
    if not actor.has_perm("reports.view_reports"):
        raise PermissionDenied
    from naleving.claims.models import ClaimStatus, Vordering
    from naleving.decisions.models import Besluit, SanctionType
    from naleving.signals.choices import Origin
    from naleving.signals.models import Signal

    suppress = not actor.has_perm("reports.view_unsuppressed")
    return {
        "signals_by_origin": _choice_rows(
            Signal.objects.filter(received_on__year=year), "origin", Origin.choices, suppress=suppress
        ),
        "decisions_by_sanction": _choice_rows(
            Besluit.objects.filter(decision_date__year=year),
            "sanction_type",
            SanctionType.choices,
            suppress=suppress,
            amount_field="fine_amount",
        ),
        "claims_by_status": _choice_rows(
            Vordering.objects.filter(created_on__year=year),
            "status",
            ClaimStatus.choices,
            suppress=suppress,
            amount_field="amount",
        ),
    }
