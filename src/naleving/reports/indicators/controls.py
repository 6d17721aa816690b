"""Theme controls in the reports: TC (the runs of the period with their hits and bias verdicts, Groningen)
and ALG (the algoritmeregister entries of the controls in use, SZW §5.4). Read from the controls app's
filter register and runs."""

from django.db.models import Count, Q, Sum

from naleving.reports.indicators.base import Filters, in_period
from naleving.reports.periods import Period
from naleving.reports.tables import AMOUNT, RATE, TEXT, Column, IndicatorResult, Row, Table, ratio

#: lift is shown only when both groups have at least this many closed investigations
LIFT_MIN_CLOSED = 5

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

    if not filters.whole_organisation:
        return IndicatorResult("TC", period.code, _per_gemeente_unavailable())
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
    return IndicatorResult("TC", period.code, (table, _effect_table(period, registered)))


#: a theme control runs over the whole organisation's population, not over one municipality's
WHOLE_ORGANISATION_ONLY = (
    "Themacontroles draaien over de uitkeringen van de hele organisatie; hun runs, treffers en trefkans "
    "staan alleen in de rapportage over alle gemeenten. De onderzoeken die op treffers volgden, tellen wel "
    "per gemeente mee (I1, themacontroles)."
)


def _per_gemeente_unavailable() -> tuple[Table, ...]:
    titles = (
        ("runs", "Themacontroles: runs, treffers en biascheck"),
        ("effect", "Themacontroles: trefkans van selectie en controlegroep"),
    )
    column = Column("n", "Aantal", TEXT)
    return tuple(
        Table(key, title, "Themacontrole", (column,), (), unavailable=WHOLE_ORGANISATION_ONLY)
        for key, title in titles
    )


def _interval(interval: tuple[float, float] | None) -> str:
    if interval is None:
        return "–"
    return "–".join(f"{bound:.2f}".replace(".", ",") for bound in interval)


def _effect_values(effect) -> dict:
    selected, control = effect.selected, effect.control
    enough = min(selected.closed, control.closed) >= LIFT_MIN_CLOSED and effect.lift is not None
    return {
        "sel_closed": selected.closed,
        "sel_breach": selected.breaches,
        "sel_rate": ratio(selected.breaches, selected.closed),
        "ctl_closed": control.closed,
        "ctl_breach": control.breaches,
        "ctl_rate": ratio(control.breaches, control.closed),
        "lift": f"{effect.lift:.2f}".replace(".", ",") if enough else "–",
        "lift_ci": _interval(effect.lift_interval) if enough else "–",
        "benadeling": selected.benadeling,
    }


def _effect_table(period: Period, registered: list[tuple[str, str]]) -> Table:
    """Per control, the runs of the period followed to the investigations of their hits and control groups."""
    from naleving.controls.models import ControlRun
    from naleving.controls.selectors import runs_effectiveness, total_effectiveness

    runs = list(ControlRun.objects.filter(in_period("reference_date", period)).select_related("filter"))
    effects = runs_effectiveness(runs)
    rows = [
        Row(
            name,
            title or name,
            _effect_values(total_effectiveness(effects[r.pk] for r in runs if r.filter.name == name)),
        )
        for name, title in registered
    ]
    rows.append(Row("totaal", "Totaal", _effect_values(total_effectiveness(effects.values())), total=True))
    return Table(
        "effect",
        "Themacontroles: trefkans van selectie en controlegroep",
        "Themacontrole",
        (
            Column("sel_closed", "Selectie: onderzoeken afgerond"),
            Column("sel_breach", "Selectie: schending"),
            Column("sel_rate", "Selectie: trefkans", RATE, cases="sel_closed", numerator="sel_breach"),
            Column("ctl_closed", "Controlegroep: onderzoeken afgerond"),
            Column("ctl_breach", "Controlegroep: schending"),
            Column("ctl_rate", "Controlegroep: trefkans", RATE, cases="ctl_closed", numerator="ctl_breach"),
            Column("lift", "Lift", TEXT),
            Column("lift_ci", "Lift: 95%-betrouwbaarheidsinterval", TEXT),
            Column("benadeling", "Benadelingsbedrag selectie", AMOUNT, cases="sel_breach", additive=True),
        ),
        tuple(rows),
        primary="sel_rate",
        chart="bar",
        note=(
            "Runs met een peildatum in de periode; hun treffers en aselecte controlegroep gevolgd naar de "
            "onderzoeken die erop volgden (tot vandaag). Lift = trefkans selectie / trefkans controlegroep, "
            f"alleen getoond vanaf {LIFT_MIN_CLOSED} afgeronde onderzoeken per groep, met het "
            "95%-betrouwbaarheidsinterval (Katz); pas als het hele interval boven 1 ligt, vindt de controle "
            "aantoonbaar meer dan toeval."
        ),
    )


def alg_algorithm_register(period: Period, filters: Filters) -> IndicatorResult:
    """The algoritmeregister entries (publication standard) of the theme controls in use."""
    from naleving.controls.algoritmeregister import entry
    from naleving.controls.models import Filter, FilterStatus

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
