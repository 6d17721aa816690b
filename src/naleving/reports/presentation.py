"""A computed report as one reader may see it: suppressed or not, with the previous period, the targets
and the charts. The web page, the PDF, the Excel and CSV exports and the JSON output all use this."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.safestring import mark_safe

from naleving.common.formatting import euro
from naleving.reports.build import ReportData, report_build
from naleving.reports.charts import Bar, bar_chart, line_chart
from naleving.reports.definitions import BELOW, LOWER, ReportDefinition, Target
from naleving.reports.indicators import INDICATORS, Filters, Indicator
from naleving.reports.periods import YEAR, Period
from naleving.reports.permissions import reader_require, suppressed_for
from naleving.reports.scope import ReportScope, report_scope
from naleving.reports.suppression import HIDDEN, Figure, TableId, days_text, percentage, report_figures
from naleving.reports.tables import AMOUNT, COUNT, RATE, TEXT, Column, Table

SUPPRESSION_NOTE = (
    'Kleine aantallen zijn onderdrukt: een aantal van 1 tot en met 4 staat er als "<5"; een bedrag, '
    "percentage of doorlooptijd uit minder dan 5 gevallen is niet getoond. Waar een onderdrukt getal uit "
    "het totaal terug te rekenen zou zijn, ook uit een andere tabel, is ook het kleinste andere getal niet getoond "
    "(secundaire onderdrukking, zoals het CBS die toepast). Zo blijven inwoners onherkenbaar."
)


#: the most columns (the label column included) a table may have on a portrait A4 page of the PDF
PORTRAIT_COLUMNS = 7


@dataclass(frozen=True)
class PresentedRow:
    key: str
    label: str
    cells: list[Figure]
    total: bool
    previous: Figure | None = None
    difference: Figure | None = None


@dataclass
class PresentedTable:
    key: str  # unique in the report: "<indicator>-<table>" (plus "-<origin>")
    indicator: Indicator
    table: Table
    title: str
    columns: list[Column]
    rows: list[PresentedRow]
    compare_column: Column | None
    chart: str = ""
    csv_url: str = ""

    @property
    def numeric(self) -> bool:
        return any(c.kind != TEXT for c in self.columns)

    @property
    def note(self) -> str:
        return self.table.note

    @property
    def unavailable(self) -> str:
        return self.table.unavailable

    @property
    def wide(self) -> bool:
        """Too many columns for the width of a portrait A4 page: the PDF prints it landscape."""
        return len(self.headers) > PORTRAIT_COLUMNS

    @property
    def headers(self) -> list[str]:
        heads = [self.table.label_header, *(c.label for c in self.columns)]
        if self.compare_column is not None:
            heads += [f"{self.compare_column.label}, vorige periode", "Verschil"]
        return heads


@dataclass
class PresentedItem:
    indicator: Indicator
    origin: str
    tables: list[PresentedTable]

    @property
    def wide(self) -> bool:
        return any(table.wide for table in self.tables)


@dataclass
class PresentedSection:
    key: str
    title: str
    intro: str
    items: list[PresentedItem]
    case_examples: list | None = None


@dataclass(frozen=True)
class PresentedTarget:
    target: Target
    current: Figure
    previous: Figure
    verdict: str


@dataclass
class PresentedReport:
    definition: ReportDefinition
    period: Period
    previous: Period
    suppressed: bool
    generated_at: datetime
    sections: list[PresentedSection]
    targets: list[PresentedTarget]
    district: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    scope: ReportScope | None = None

    @property
    def tables(self) -> list[PresentedTable]:
        return [t for s in self.sections for i in s.items for t in i.tables]

    @property
    def generated_local(self) -> datetime:
        """When the report was made, in the municipality's time zone (``settings.TIME_ZONE``): the one time
        every format shows (the PDF's cover and metadata, the Excel cover and properties, the JSON)."""
        return self.generated_at.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(microsecond=0)

    def table(self, key: str) -> PresentedTable:
        return next(t for t in self.tables if t.key == key)


def table_figures(table: Table, *, suppress: bool) -> dict[tuple[str, str], Figure]:
    """Every cell of ``table`` alone as one reader sees it, keyed by (row key, column key)."""
    tid = ("", "", table.key)
    return {
        (row, column): figure
        for (_t, row, column), figure in report_figures({tid: table}, suppress=suppress).items()
    }


def _figures(tables: dict[TableId, Table], figures: dict, tid: TableId) -> dict[tuple[str, str], Figure]:
    table = tables[tid]
    return {(r.key, c.key): figures[(tid, r.key, c.key)] for r in table.rows for c in table.columns}


#: what the comparison shows for a period in which nothing of a table was recorded (not "0")
NO_DATA = "geen gegevens"


def has_data(table: Table) -> bool:
    """Whether anything of ``table`` was recorded: a count above zero or any other figure. A table of only
    zeros and blanks is a period without data; its "0" would read as a measured zero."""
    return any(
        row.get(column.key) not in (None, 0)
        for row in table.rows
        for column in table.columns
        if column.kind != TEXT
    )


def _no_data() -> Figure:
    return Figure(None, NO_DATA, False)


def _difference(column: Column, current: Figure, previous: Figure) -> Figure:
    if previous.shown == NO_DATA:
        return _no_data()
    if current.suppressed or previous.suppressed:
        return Figure(None, HIDDEN, True)
    if current.value is None or previous.value is None or column.kind == TEXT:
        return Figure(None, "–", False)
    delta = Decimal(str(current.value)) - Decimal(str(previous.value))
    sign = "+" if delta > 0 else ("−" if delta < 0 else "")
    magnitude = abs(delta)
    if column.kind == COUNT:
        shown = f"{magnitude:.0f}"
    elif column.kind == AMOUNT:
        shown = euro(magnitude)
    elif column.kind == RATE:
        shown = percentage(magnitude).replace("%", " %-punt")
    else:
        shown = days_text(magnitude)
    return Figure(delta, f"{sign}{shown}", False)


def present_table(
    key: str,
    indicator: Indicator,
    table: Table,
    previous: Table | None,
    *,
    suppress: bool,
    labels: tuple[str, str],
    figures: dict[tuple[str, str], Figure] | None = None,
    before: dict[tuple[str, str], Figure] | None = None,
) -> PresentedTable:
    compare = (
        table.column(table.primary)
        if table.primary and previous is not None and not table.unavailable
        else None
    )
    # ``figures`` and ``before``: as suppressed together with the other tables of the report
    figures = figures if figures is not None else table_figures(table, suppress=suppress)
    if compare is None:
        before = {}
    elif not has_data(previous):
        before = {(row.key, compare.key): _no_data() for row in table.rows}
    elif before is None:
        before = table_figures(previous, suppress=suppress)
    rows = []
    for row in table.rows:
        cells = [figures[(row.key, c.key)] for c in table.columns]
        prev_fig = diff = None
        if compare is not None:
            prev_fig = before.get((row.key, compare.key), Figure(None, "–", False))
            diff = _difference(compare, cells[table.columns.index(compare)], prev_fig)
        rows.append(PresentedRow(row.key, row.label, cells, row.total, prev_fig, diff))
    presented = PresentedTable(key, indicator, table, table.title, list(table.columns), rows, compare)
    presented.chart = _chart(presented, labels)
    return presented


def _chart(table: PresentedTable, labels: tuple[str, str]) -> str:
    raw = table.table
    if not raw.chart or not raw.primary or raw.unavailable or not table.rows:
        return ""
    index = raw.columns.index(raw.column(raw.primary))
    rows = [r for r in table.rows if not r.total]
    if not rows:
        return ""  # a total alone is no picture
    bars = [Bar(r.label, r.cells[index], r.previous) for r in rows]
    title = f"{raw.title}: {raw.column(raw.primary).label.lower()}"
    chart_id = f"chart-{table.key}"
    if raw.chart == "line":
        return mark_safe(line_chart(chart_id, title, bars, current_label=labels[0]))
    return mark_safe(bar_chart(chart_id, title, bars, current_label=labels[0], previous_label=labels[1]))


def _verdict(target: Target, current: Figure, previous: Figure) -> str:
    if current.suppressed or current.value is None:
        return "niet te beoordelen"
    value = Decimal(str(current.value))
    if target.kind == BELOW:
        return "gehaald" if value < target.threshold else "niet gehaald"
    if previous.shown == NO_DATA:
        return NO_DATA  # nothing to compare with: neither reached nor missed
    if previous.suppressed or previous.value is None:
        return "geen vergelijking"
    before = Decimal(str(previous.value))
    if value == before:
        return "gelijk gebleven"
    improved = value < before if target.kind == LOWER else value > before
    return "gehaald" if improved else "niet gehaald"


def _present_target(data: ReportData, target: Target, joint: list, suppress: bool) -> PresentedTarget:
    """A target's figure as the report's own table shows it (``joint``: the report's tables and figures of
    this period and the previous one)."""
    figures = []
    for which, (tables, shown) in enumerate(joint):
        tid = (target.indicator, target.origin, target.table)
        if tid not in tables:  # a target on a table the report does not show
            tables = {tid: data.results[(target.indicator, target.origin)][which].table(target.table)}
            shown = report_figures(tables, suppress=suppress)
        if which == 1 and not has_data(tables[tid]):  # the comparison period recorded nothing
            figures.append(_no_data())
            continue
        figures.append(shown.get((tid, target.row, target.column), Figure(None, "–", False)))
    return PresentedTarget(target, figures[0], figures[1], _verdict(target, *figures))


def report_tables(data: ReportData, which: int) -> dict[TableId, Table]:
    """The tables a report shows, of this period (``which`` 0) or the previous one (1)."""
    tables = {}
    for item in data.definition.items():
        result = data.result(item)[which]
        for key in item.tables or tuple(t.key for t in result.tables):
            tables[(item.indicator, item.origin, key)] = result.table(key)
    return tables


def report_present(data: ReportData, *, suppress: bool) -> PresentedReport:
    """What a reader sees of ``data``: every figure suppressed when ``suppress`` (over all its tables at
    once, ``suppression.report_figures``), with the comparison."""
    labels = (data.period.label, data.previous.label)
    joint = [
        (t, report_figures(t, suppress=suppress)) for t in (report_tables(data, 0), report_tables(data, 1))
    ]
    sections = []
    for section in data.definition.sections:
        items = []
        for item in section.items:
            current, previous = data.result(item)
            indicator = INDICATORS[item.indicator]
            chosen = item.tables or tuple(t.key for t in current.tables)
            suffix = f"-{item.origin}" if item.origin else ""
            tables = [
                present_table(
                    f"{item.indicator}-{key}{suffix}",
                    indicator,
                    current.table(key),
                    previous.table(key),
                    suppress=suppress,
                    labels=labels,
                    figures=_figures(*joint[0], (item.indicator, item.origin, key)),
                    before=_figures(*joint[1], (item.indicator, item.origin, key)),
                )
                for key in chosen
            ]
            items.append(PresentedItem(indicator, item.origin, tables))
        examples = data.case_examples if section.case_examples else None
        sections.append(PresentedSection(section.key, section.title, section.intro, items, examples))
    targets = [_present_target(data, t, joint, suppress) for t in data.definition.targets]
    used = list(dict.fromkeys(i.indicator for s in sections for i in s.items))
    return PresentedReport(
        data.definition,
        data.period,
        data.previous,
        suppress,
        data.generated_at,
        sections,
        targets,
        district=data.filters.district,
        indicators=used,
        scope=data.scope,
    )


# -- For one reader -----------------------------------------------------------------------------------------


def report_for_reader(
    *, actor, key: str, period: Period, filters: Filters | None = None, gemeente: str = ""
) -> PresentedReport:
    """Report ``key`` for ``period`` as ``actor`` may see it (suppressed unless ``actor`` may see it
    unsuppressed): of municipality ``gemeente`` (a CBS code), or combined over those ``actor`` works for.
    Raises PermissionDenied for non-readers, ``build.UnknownReport`` for an unknown key and
    ``scope.UnknownGemeente`` for a municipality ``actor`` does not work for."""
    reader_require(actor)
    scope = report_scope(actor, gemeente)
    return report_present(report_build(key, period, filters, scope), suppress=suppressed_for(actor))


@dataclass(frozen=True)
class KeyFigures:
    period: Period
    tables: list[PresentedTable]


#: The overview page's key figures: (indicator, table)
KEY_TABLES = (("S1", "by_origin"), ("C2", "by_culpability"), ("C1", "new"))


def key_figures(*, actor, year: int, filters: Filters | None = None) -> KeyFigures:
    """Signals by origin (S1), fines and warnings (C2) and new claims (C1) of one calendar year, combined
    over the municipalities ``actor`` works for."""
    reader_require(actor)
    period = Period(YEAR, year)
    filters = replace(filters or Filters(), gemeenten=report_scope(actor).ids)
    suppress = suppressed_for(actor)
    tables = []
    for indicator_id, table_key in KEY_TABLES:
        indicator = INDICATORS[indicator_id]
        table = indicator.compute(period, filters).table(table_key)
        tables.append(
            present_table(
                f"{indicator_id}-{table_key}",
                indicator,
                table,
                None,
                suppress=suppress,
                labels=(period.label, ""),
            )
        )
    return KeyFigures(period, tables)
