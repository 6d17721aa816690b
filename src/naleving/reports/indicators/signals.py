"""Signal indicators: S1 (by origin), S2 (by kind and route), S3 (the funnel to the outcome) and DET
(time from the fact to its detection, Steenwijkerland's "tijdig signaleren")."""

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth

from naleving.decisions.models import Besluit, BesluitStatus, SanctionType
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation
from naleving.reports.indicators.base import (
    Filters,
    choice_rows,
    counts_by,
    in_period,
    list_median,
    list_percentile,
)
from naleving.reports.periods import Period
from naleving.reports.tables import AMOUNT, COUNT, DAYS, RATE, Column, IndicatorResult, Row, Table, ratio
from naleving.signals.choices import Origin, Route, ViolationKind
from naleving.signals.models import Signal

SignalLink = Investigation.signals.through
NOT_TRIAGED = "niet_beoordeeld"

#: Steenwijkerland's three ways of timely signalling (002 "Tijdig signaleren"), plus the rest.
ORIGIN_GROUPS = (
    ("persoonlijk_contact", "Persoonlijk contact (collega's)", (Origin.COLLEGA,)),
    ("partners", "Partners in het sociaal domein", (Origin.KETENPARTNER,)),
    (
        "systemen",
        "Systemen (Inlichtingenbureau, BRP/LAA, themacontroles)",
        (Origin.INLICHTINGENBUREAU, Origin.BRP_LAA, Origin.THEMACONTROLE),
    ),
    ("overig", "Overig (anonieme meldingen, overige bronnen)", (Origin.ANONIEME_MELDING, Origin.OVERIG)),
)
GROUP_OF_ORIGIN = {origin: key for key, _label, origins in ORIGIN_GROUPS for origin in origins}
MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def signals_in(period: Period, filters: Filters):
    qs = Signal.objects.filter(in_period("received_on", period), filters.signals())
    if filters.origin:
        qs = qs.filter(origin=filters.origin)
    return qs


def s1_signals_by_origin(period: Period, filters: Filters) -> IndicatorResult:
    """Signals received in the period, by origin, by Steenwijkerland's group, and per month."""
    qs = signals_in(period, filters)
    by_origin = counts_by(qs, "origin")
    total = sum(by_origin.values())

    def share(n: int) -> dict:
        return {"n": n, "share": ratio(n, total), "total": total}

    count_cols = (
        Column("n", "Aantal signalen"),
        Column("share", "Aandeel", RATE, cases="total", numerator="n"),
    )
    origin_table = Table(
        "by_origin",
        "Signalen naar herkomst",
        "Herkomst",
        count_cols,
        choice_rows(Origin.choices, lambda o: share(by_origin.get(o, 0)), total=share(total)),
        primary="n",
        chart="bar",
    )
    groups = [
        Row(key, label, share(sum(by_origin.get(o, 0) for o in origins)))
        for key, label, origins in ORIGIN_GROUPS
    ]
    group_table = Table(
        "by_group",
        "Signalen naar manier van signaleren",
        "Manier van signaleren",
        count_cols,
        (*groups, Row("totaal", "Totaal", share(total), total=True)),
        primary="n",
        chart="bar",
    )
    per_month = {m.date() if hasattr(m, "date") else m: n for m, n in counts_by_month(qs)}
    month_rows = tuple(
        Row(f"{m:%Y-%m}", f"{MONTHS_NL[m.month - 1]} {m.year}", {"n": per_month.get(m, 0)})
        for m in period.month_starts()
    )
    month_table = Table(
        "per_month",
        "Signalen per maand",
        "Maand",
        (Column("n", "Aantal signalen"),),
        month_rows,
        primary="n",
        chart="line",
        rows_add_up=True,  # to the total of the origin table
    )
    return IndicatorResult("S1", period.code, (origin_table, group_table, month_table))


def counts_by_month(qs):
    return (
        qs.order_by().annotate(month=TruncMonth("received_on")).values_list("month").annotate(n=Count("pk"))
    )


def s2_signals_by_kind_and_route(period: Period, filters: Filters) -> IndicatorResult:
    """Signals received in the period by violation kind and by triage route (preventive/repressive)."""
    qs = signals_in(period, filters)
    cells = {
        (kind, route or NOT_TRIAGED): n
        for kind, route, n in qs.order_by().values_list("kind", "route").annotate(n=Count("pk"))
    }
    routes = [*Route.values, NOT_TRIAGED]

    def values(kind: str | None) -> dict:
        row = {r: sum(n for (k, rr), n in cells.items() if rr == r and kind in (None, k)) for r in routes}
        return {"n": sum(row.values()), **row}

    columns = (
        Column("n", "Ontvangen"),
        Column(Route.GEEN_ACTIE, "Geen actie"),
        Column(Route.PREVENTIEF_CONTACT, "Preventief contact (preventief)"),
        Column(Route.ONDERZOEK, "Onderzoek (repressief)"),
        Column(NOT_TRIAGED, "Nog niet beoordeeld"),
    )
    by_kind = Table(
        "by_kind",
        "Signalen naar soort en route",
        "Soort schending",
        columns,
        choice_rows(ViolationKind.choices, values, total=values(None)),
        primary="n",
    )
    total = values(None)
    route_labels = [*Route.choices, (NOT_TRIAGED, "Nog niet beoordeeld")]
    by_route = Table(
        "by_route",
        "Signalen naar route: preventief of repressief",
        "Route na triage",
        (Column("n", "Aantal"), Column("share", "Aandeel", RATE, cases="total", numerator="n")),
        choice_rows(
            route_labels,
            lambda r: {"n": total[r], "share": ratio(total[r], total["n"]), "total": total["n"]},
            total={"n": total["n"], "share": ratio(total["n"], total["n"]), "total": total["n"]},
        ),
        primary="n",
        chart="bar",
    )
    return IndicatorResult("S2", period.code, (by_kind, by_route))


FUNNEL = {
    "received": Count("pk", distinct=True),
    "triaged": Count("pk", distinct=True, filter=Q(triaged_at__isnull=False)),
    "investigated": Count("pk", distinct=True, filter=Q(investigations__isnull=False)),
    "breach": Count("pk", distinct=True, filter=Q(investigations__outcome=Outcome.SCHENDING)),
}
NO_DECISIONS = {"decisions": 0, "recovered": None, "warnings": 0, "fines": 0}


def _funnel_decisions(signals) -> dict:
    """The vastgestelde besluiten on investigations that one of ``signals`` led to, each counted once."""
    linked = SignalLink.objects.filter(investigation_id=OuterRef("investigation_id"), signal__in=signals)
    return Besluit.objects.filter(Exists(linked), status=BesluitStatus.VASTGESTELD).aggregate(
        decisions=Count("pk"),
        recovered=Sum("recovery_amount"),
        warnings=Count("pk", filter=Q(sanction_type=SanctionType.WAARSCHUWING)),
        fines=Count("pk", filter=Q(sanction_type=SanctionType.BOETE)),
    )


def s3_signal_funnel(period: Period, filters: Filters) -> IndicatorResult:
    """Each signal received in the period followed to its outcome, per origin."""
    qs = signals_in(period, filters)
    origins = [(o, label) for o, label in Origin.choices if not filters.origin or o == filters.origin]
    # The signal counts in one GROUP BY; a signal has one origin, so the total is their sum.
    counts = {row.pop("origin"): row for row in qs.order_by().values("origin").annotate(**FUNNEL)}
    total = {key: sum(row[key] for row in counts.values()) for key in FUNNEL}

    def values(origin: str) -> dict:
        found = counts.get(origin, dict.fromkeys(FUNNEL, 0))
        # A besluit is counted once per origin (several signals may lead to one investigation).
        decided = (
            _funnel_decisions(qs.filter(origin=origin).values("pk"))
            if found["investigated"]
            else NO_DECISIONS
        )
        return {**found, **decided}

    with_total = len(origins) > 1
    rows = choice_rows(
        origins,
        values,
        total={**total, **_funnel_decisions(qs.values("pk"))} if with_total else None,
    )
    columns = (
        Column("received", "Ontvangen"),
        Column("triaged", "Beoordeeld"),
        Column("investigated", "Onderzocht"),
        Column("breach", "Schending vastgesteld"),
        Column("decisions", "Besluiten"),
        Column("recovered", "Teruggevorderd", AMOUNT, cases="decisions", additive=True),
        Column("warnings", "Waarschuwingen"),
        Column("fines", "Boetes"),
    )
    table = Table("funnel", "Van signaal tot uitkomst", "Herkomst", columns, rows, primary="received")
    return IndicatorResult("S3", period.code, (table,))


def det_time_to_detection(period: Period, filters: Filters) -> IndicatorResult:
    """Breaches established in the period: days from the start of the breach to the first signal."""
    first_origin = Subquery(
        Signal.objects.filter(investigations=OuterRef("pk"))
        .order_by("received_on", "pk")
        .values("origin")[:1]
    )
    rows_qs = (
        Investigation.objects.filter(
            filters.residents(),
            in_period("closed_on", period),
            status=Status.AFGEROND,
            outcome=Outcome.SCHENDING,
            period_start__isnull=False,
        )
        .annotate(first_received=Min("signals__received_on"), first_origin=first_origin)
        .filter(first_received__isnull=False)
        .values_list("period_start", "first_received", "first_origin")
    )
    days_by_group: dict[str, list[int]] = {key: [] for key, _l, _o in ORIGIN_GROUPS}
    for started, received, origin in rows_qs:  # breaches of one period: a few hundred at most
        days_by_group[GROUP_OF_ORIGIN.get(origin, "overig")].append(max((received - started).days, 0))

    def values(days: list[int]) -> dict:
        days = sorted(days)
        return {"n": len(days), "median": list_median(days), "p90": list_percentile(days, 0.9)}

    rows = [Row(key, label, values(days_by_group[key])) for key, label, _o in ORIGIN_GROUPS]
    everything = [d for days in days_by_group.values() for d in days]
    rows.append(Row("totaal", "Totaal", values(everything), total=True))
    table = Table(
        "detection",
        "Tijd van het feit tot het signaal",
        "Eerste signaal via",
        (
            Column("n", "Schendingen", COUNT),
            Column("median", "Mediaan (dagen)", DAYS, cases="n"),
            Column("p90", "90e percentiel (dagen)", DAYS, cases="n"),
        ),
        tuple(rows),
        primary="median",
        chart="bar",
    )
    return IndicatorResult("DET", period.code, (table,))
