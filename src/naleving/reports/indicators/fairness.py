"""BG: decision outcomes by group (issue #23; Groningen's "verantwoord datagebruik").

Whether the human measure is applied evenly: of the besluiten vastgesteld in the period, per age band (on
the decision date, the bands of the bias check), household type and district of the resident: how many
were fines and how many warnings, in how many the college recognised dringende redenen, and how the
culpability levels were spread. Sex is not kept for residents, so there is no split by sex; nationality,
origin and the like are never kept and never shown.

Dringende redenen: the human judgement stored with the engine's request (decision contract,
``judgements``): refraining from the fine (Pw 18a lid 7, ``urgent_reasons_fine``), from all or part of the
recovery (Pw 58 lid 8, ``urgent_reasons_recovery`` "full" or "partial") or from a maatregel
(``urgent_reasons_maatregel``).

The tables link to C2 of the same report: each total is C2's total, and the districts' decisions, fines
and warnings are C2's by district; ``links`` names those equalities (and the culpability columns that add
up to the decisions in each row) for the secondary suppression of ``reports.suppression``.
"""

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q

from naleving.investigations.choices import Verwijtbaarheid
from naleving.reports.indicators.base import Filters
from naleving.reports.indicators.claims import NOT_RECORDED, NOT_RECORDED_LABEL, culpability_level, decided_in
from naleving.reports.periods import Period
from naleving.reports.tables import RATE, Column, IndicatorResult, Row, Table, ratio
from naleving.residents.choices import HouseholdType

#: the age bands of the bias check (analytics.population), on the decision date
AGE_BANDS = (
    ("18-26", "18–26 jaar", 18, 27),
    ("27-39", "27–39 jaar", 27, 40),
    ("40-54", "40–54 jaar", 40, 55),
)
OLDEST = ("55+", "55 jaar en ouder")
YOUNGER = ("<18", "Jonger dan 18 jaar")
UNKNOWN = "Onbekend"

URGENT = (
    Q(engine_request__judgements__urgent_reasons_fine=True)
    | Q(engine_request__judgements__urgent_reasons_recovery__in=["partial", "full"])
    | Q(engine_request__judgements__urgent_reasons_maatregel=True)
)

DIMENSIONS = (
    ("age_band", "leeftijdsgroep", "Leeftijdsgroep"),
    ("household_type", "leefvorm", "Leefvorm"),
    ("district", "wijk", "Wijk"),
)

SANCTION_COLUMNS = (
    Column("decisions", "Besluiten"),
    Column("fines", "Boetes"),
    Column("fine_share", "Aandeel boete", RATE, cases="decisions", numerator="fines"),
    Column("warnings", "Waarschuwingen"),
    Column("warning_share", "Aandeel waarschuwing", RATE, cases="decisions", numerator="warnings"),
    Column("urgent", "Dringende redenen"),
    Column("urgent_share", "Aandeel dringende redenen", RATE, cases="decisions", numerator="urgent"),
)
LEVELS = (*((str(v), str(label)) for v, label in Verwijtbaarheid.choices), (NOT_RECORDED, NOT_RECORDED_LABEL))
CULPABILITY_COLUMNS = (Column("decisions", "Besluiten"), *(Column(key, label) for key, label in LEVELS))


def age_band(birth: date | None, on: date) -> str:
    if birth is None:
        return UNKNOWN
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 18:
        return YOUNGER[0]
    return next((key for key, _label, low, high in AGE_BANDS if low <= age < high), OLDEST[0])


def _groups(dimension: str, found: set[str]) -> list[tuple[str, str]]:
    """(row key, label) of a dimension's groups, in their natural order; unknown groups last."""
    if dimension == "age_band":
        bands = [(key, label) for key, label, _l, _h in AGE_BANDS] + [OLDEST]
        extra = [YOUNGER] if YOUNGER[0] in found else []
        return extra + bands + ([(UNKNOWN, UNKNOWN)] if UNKNOWN in found else [])
    if dimension == "household_type":
        known = [(str(v), str(label)) for v, label in HouseholdType.choices]
        return known + [(g, g or UNKNOWN) for g in sorted(found - {k for k, _ in known})]
    return [(g, g or UNKNOWN) for g in sorted(found)]  # districts: the key is the district as C2 has it


def bg_decisions_by_group(period: Period, filters: Filters) -> IndicatorResult:
    """Fines, warnings, dringende redenen and culpability levels of the besluiten of the period, per age
    band, household type and district of the resident."""
    rows = [
        {
            "age_band": age_band(birth, decided),
            "household_type": household or "",
            "district": district or "",
            "sanction": sanction,
            "culpability": culpability_level(culpability),
            "urgent": bool(urgent),
        }
        for birth, decided, household, district, sanction, culpability, urgent in decided_in(period, filters)
        .annotate(urgent=ExpressionWrapper(URGENT, output_field=BooleanField()))
        .order_by()
        .values_list(
            "resident__birth_date",
            "decision_date",
            "resident__household_type",
            "resident__district",
            "sanction_type",
            "verwijtbaarheid",
            "urgent",
        )
    ]
    tables: list[Table] = []
    for dimension, noun, header in DIMENSIONS:
        groups = _groups(dimension, {row[dimension] for row in rows})
        tables.append(_sanctions(dimension, noun, header, groups, rows))
        tables.append(_culpability(dimension, noun, header, groups, rows))
    return IndicatorResult("BG", period.code, tuple(tables))


def _sanction_values(rows: Sequence[Mapping]) -> dict:
    n = len(rows)
    fines = sum(1 for r in rows if r["sanction"] == "boete")
    warnings = sum(1 for r in rows if r["sanction"] == "waarschuwing")
    urgent = sum(1 for r in rows if r["urgent"])
    return {
        "decisions": n,
        "fines": fines,
        "fine_share": ratio(fines, n),
        "warnings": warnings,
        "warning_share": ratio(warnings, n),
        "urgent": urgent,
        "urgent_share": ratio(urgent, n),
    }


def _sanctions(dimension, noun, header, groups, rows) -> Table:
    return Table(
        f"sanctions_by_{dimension}",
        f"Boetes, waarschuwingen en dringende redenen naar {noun}",
        header,
        SANCTION_COLUMNS,
        (
            *(
                Row(key, label, _sanction_values([r for r in rows if r[dimension] == key]))
                for key, label in groups
            ),
            Row("totaal", "Totaal", _sanction_values(rows), total=True),
        ),
        primary="fine_share",
        note="Het aandeel is van alle besluiten in de groep. Dringende redenen: het college zag af van de boete "
        "(art. 18a lid 7 Pw), van (een deel van) de terugvordering (art. 58 lid 8 Pw) of van een maatregel.",
    )


def _culpability_values(rows: Sequence[Mapping]) -> dict:
    counts = Counter(r["culpability"] for r in rows)
    return {"decisions": len(rows), **{key: counts[key] for key, _label in LEVELS}}


def _culpability(dimension, noun, header, groups, rows) -> Table:
    return Table(
        f"culpability_by_{dimension}",
        f"Verwijtbaarheid naar {noun}",
        header,
        CULPABILITY_COLUMNS,
        (
            *(
                Row(key, label, _culpability_values([r for r in rows if r[dimension] == key]))
                for key, label in groups
            ),
            Row("totaal", "Totaal", _culpability_values(rows), total=True),
        ),
        primary="decisions",
    )


# -- links for the secondary suppression -----------------------------------------------------------------

Cell = tuple[tuple[str, str, str], str, str]


def _equal(a: Hashable, b: Hashable) -> list:
    return [((a,), b), ((b,), a)]


def links(tables: Mapping[tuple[str, str, str], Table]) -> list:
    """The lines BG's tables publish beyond their own totals: the culpability levels add up to the
    decisions in each row; every total is C2's total (or, without C2, the other BG tables' totals); the
    districts' decisions, fines and warnings are C2's by district; the levels' totals are C2's rows."""
    lines: list = []
    c2_total = next((tid for tid in tables if tid[0] == "C2" and tid[2] == "by_culpability"), None)
    c2_district = next((tid for tid in tables if tid[0] == "C2" and tid[2] == "by_district"), None)
    levels = [key for key, _label in LEVELS]
    anchor: dict[str, Cell] = {}
    for tid, table in tables.items():
        if tid[0] != "BG":
            continue
        if tid[2].startswith("culpability_by_"):
            lines += [
                ([(tid, row.key, key) for key in levels], (tid, row.key, "decisions")) for row in table.rows
            ]
        for column in (c.key for c in table.columns if c.adds_up):
            lines += _total_link((tid, "totaal", column), c2_total, anchor)
        if c2_district is not None and tid[2] == "sanctions_by_district":
            lines += [
                line
                for row in table.rows
                if not row.total
                for column in ("decisions", "fines", "warnings")
                for line in _equal((tid, row.key, column), (c2_district, row.key, column))
            ]
    return lines


def _total_link(cell: Cell, c2_total, anchor: dict[str, Cell]) -> list:
    """A BG total equals C2's (its total, or the row of a culpability level); without C2, the first BG
    total of the same column."""
    column = cell[2]
    levels = [key for key, _label in LEVELS]
    if c2_total is not None and column in ("decisions", "fines", "warnings"):
        return _equal(cell, (c2_total, "totaal", column))
    if c2_total is not None and column in levels:
        return _equal(cell, (c2_total, column, "decisions"))
    if column in anchor:
        return _equal(cell, anchor[column])
    anchor[column] = cell
    return []
