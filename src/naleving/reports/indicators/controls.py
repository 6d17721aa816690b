"""Theme controls in the reports: TC (the runs of the period with their hits and bias verdicts, Groningen)
and ALG (the algoritmeregister entries of the controls in use, SZW §5.4). Read from the controls app's
filter register and runs."""

from django.db.models import Count, Q, Sum

from naleving.reports.indicators.base import Filters, in_period
from naleving.reports.periods import Period
from naleving.reports.tables import RATE, TEXT, Column, IndicatorResult, Row, Table, ratio

RUN_COUNTS = {
    "runs": Count("pk"),
    "population": Sum("population"),
    "hits": Sum("hits_count"),
    "ok": Count("pk", filter=Q(verdict="ok")),
    "flagged": Count("pk", filter=Q(verdict="flag")),
    "insufficient": Count("pk", filter=Q(verdict="insufficient_data")),
    "released": Count("pk", filter=Q(status="released")),
}


def _run_values(row: dict | None) -> dict:
    row = row or dict.fromkeys(RUN_COUNTS, 0)
    population, hits = row["population"] or 0, row["hits"] or 0
    return {**row, "population": population, "hits": hits, "hit_share": ratio(hits, population)}


def tc_theme_control_runs(period: Period, filters: Filters) -> IndicatorResult:
    """Runs of each registered theme control with a reference date in the period: population, hits, the
    share selected, the bias-check verdicts and how many runs were released as signals."""
    from naleving.controls.models import ControlRun, Filter

    grouped = {
        row.pop("filter__name"): row
        for row in ControlRun.objects.filter(in_period("reference_date", period))
        .order_by()
        .values("filter__name")
        .annotate(**RUN_COUNTS)
    }
    registered = list(Filter.objects.order_by("name").values_list("name", "title"))
    rows = [Row(name, title or name, _run_values(grouped.get(name))) for name, title in registered]
    totals = {key: sum(r.get(key) or 0 for r in rows) for key in RUN_COUNTS}
    rows.append(Row("totaal", "Totaal", _run_values(totals), total=True))
    table = Table(
        "runs",
        "Themacontroles: runs, treffers en biascheck",
        "Themacontrole",
        (
            Column("runs", "Runs"),
            Column("population", "Populatie"),
            Column("hits", "Treffers"),
            Column("hit_share", "Aandeel geselecteerd", RATE, cases="population", numerator="hits"),
            Column("ok", "Biascheck: geen aanwijzing"),
            Column("flagged", "Biascheck: gemarkeerd"),
            Column("insufficient", "Biascheck: te weinig gegevens"),
            Column("released", "Vrijgegeven als signalen"),
        ),
        tuple(rows),
        primary="hits",
        chart="bar",
        note=(
            "Runs met een peildatum in de periode. Een gemarkeerde run wordt pas vrijgegeven na een toelichting "
            "van de analist en goedkeuring door de FG. Filters van het register zonder run staan er met 0."
        ),
    )
    return IndicatorResult("TC", period.code, (table,))


def alg_algorithm_register(period: Period, filters: Filters) -> IndicatorResult:
    """The algoritmeregister entries (publication standard) of the theme controls in use."""
    from naleving.controls.models import Filter, FilterStatus
    from naleving.controls.register import entry

    in_use = Filter.objects.filter(status=FilterStatus.IN_GEBRUIK).order_by("name")
    rows = []
    for filter_ in in_use:  # the register holds a handful of controls
        published = entry(filter_)
        rows.append(
            Row(
                filter_.name,
                published["name"],
                {
                    "description": published["description_short"],
                    "data": published["source_data"],
                    "legal_basis": published["lawful_basis"],
                    "human_intervention": published["human_intervention"],
                },
            )
        )
    table = Table(
        "register",
        "Algoritmeregister: themacontroles in gebruik",
        "Themacontrole",
        (
            Column("description", "Wat doet de controle", TEXT),
            Column("data", "Gebruikte gegevens", TEXT),
            Column("legal_basis", "Grondslag", TEXT),
            Column("human_intervention", "Menselijke tussenkomst", TEXT),
        ),
        tuple(rows),
        note=(
            "De themacontroles met de status 'in gebruik' in het filterregister, zoals ze in het "
            "algoritmeregister worden gepubliceerd."
            if rows
            else "Er staat geen themacontrole met de status 'in gebruik' in het filterregister."
        ),
    )
    return IndicatorResult("ALG", period.code, (table,))
