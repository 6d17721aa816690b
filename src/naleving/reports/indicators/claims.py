"""Money indicators: C1 (claims), C2 (fines and warnings) and C3 (unduly paid share)."""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from naleving.claims.models import ClaimKind, ClaimStatus, Vordering
from naleving.decisions.models import Besluit, BesluitStatus, CorrectionType, Opschorting, SanctionType
from naleving.investigations.choices import Outcome, Status, Verwijtbaarheid
from naleving.investigations.models import Investigation
from naleving.reports.indicators.base import DaysBetween, Filters, choice_rows, in_period, list_median
from naleving.reports.periods import Period
from naleving.reports.tables import AMOUNT, RATE, Column, IndicatorResult, Row, Table, ratio
from naleving.residents.models import Benefit

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)
CENT = Decimal("0.01")
#: C1's distribution of open amounts: (key, label, lower bound included, upper bound excluded)
BUCKETS = (
    ("lt_500", "minder dan € 500", None, Decimal("500")),
    ("500_2000", "€ 500 tot € 2.000", Decimal("500"), Decimal("2000")),
    ("2000_5000", "€ 2.000 tot € 5.000", Decimal("2000"), Decimal("5000")),
    ("5000_10000", "€ 5.000 tot € 10.000", Decimal("5000"), Decimal("10000")),
    ("ge_10000", "€ 10.000 of meer", Decimal("10000"), None),
)


# -- C1 ----------------------------------------------------------------------------------------------------


def open_claims_at(day: date, filters: Filters):
    """Claims instituted on or before ``day`` and still open at its end, with ``balance``: the amount minus
    the repayments made up to and including ``day``. A claim paid, waived or written off later was open.

    The repayments are summed in one join and GROUP BY, not in a subquery per claim: every use of a
    correlated subquery in a filter or an aggregate would run it again for each claim."""
    still_open = Q(status=ClaimStatus.OPEN) | Q(status_changed_on__gt=day)
    repaid = Coalesce(
        Sum("aflossingen__amount", filter=Q(aflossingen__paid_on__lte=day)), ZERO, output_field=MONEY
    )
    return (
        Vordering.objects.filter(filters.residents(), still_open, created_on__lte=day)
        .annotate(balance=ExpressionWrapper(F("amount") - repaid, output_field=MONEY))
        .filter(balance__gt=0)
    )


def _summary(balances: list[Decimal]) -> dict:
    """Number, total, mean and median of sorted balances."""
    n = len(balances)
    if not n:
        return {"n": 0, "total": None, "mean": None, "median": None}
    total = sum(balances, Decimal("0.00"))
    return {"n": n, "total": total, "mean": (total / n).quantize(CENT), "median": list_median(balances)}


def _ended_benefit_residents(period: Period) -> set[int]:
    """Residents whose benefit ended in the period and who have no benefit running at its end."""
    running_at_end = Benefit.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=period.end), start_date__lte=period.end
    ).values("resident_id")
    ended = Benefit.objects.filter(in_period("end_date", period)).exclude(resident_id__in=running_at_end)
    return set(ended.values_list("resident_id", flat=True))


def _bucket(balance: Decimal) -> str:
    return next(key for key, _label, _low, high in BUCKETS if high is None or balance < high)


def _open_tables(period: Period, filters: Filters) -> tuple[Table, Table, Table]:
    # One query: the open balances at the period's end, sorted, with the kind and the resident. The median
    # needs the values themselves; count, total, mean and the distribution come from the same list (a few
    # ten thousand rows at most), so no balance is computed twice. (A per-row EXISTS on the benefits in this
    # query made PostgreSQL's estimate explode and spend 0.7 s compiling it with JIT; a set is cheaper.)
    ended = _ended_benefit_residents(period)
    rows = [
        (kind, balance, resident in ended)
        for kind, balance, resident in open_claims_at(period.end, filters)
        .order_by("balance", "pk")
        .values_list("kind", "balance", "resident_id")
    ]
    summary_cols = (
        Column("n", "Aantal open"),
        Column("total", "Openstaand bedrag", AMOUNT, cases="n", additive=True),
        Column("mean", "Gemiddeld", AMOUNT, cases="n"),
        Column("median", "Mediaan", AMOUNT, cases="n"),
    )
    open_table = Table(
        "open",
        "Openstaande vorderingen aan het einde van de periode",
        "Soort vordering",
        summary_cols,
        choice_rows(
            ClaimKind.choices,
            lambda k: _summary([b for kind, b, _e in rows if kind == k]),
            total=_summary([b for _k, b, _e in rows]),
        ),
        primary="n",
        note="Het openstaande bedrag is het bedrag van de vordering min de aflossingen tot het einde van de periode.",
    )
    counts = Counter(_bucket(b) for _k, b, _e in rows)
    distribution = Table(
        "distribution",
        "Verdeling van de openstaande bedragen",
        "Openstaand bedrag",
        (Column("n", "Aantal"), Column("share", "Aandeel", RATE, cases="all", numerator="n")),
        tuple(
            Row(key, label, {"n": counts[key], "share": ratio(counts[key], len(rows)), "all": len(rows)})
            for key, label, _low, _high in BUCKETS
        ),
        primary="n",
        chart="bar",
    )
    at_end_table = Table(
        "at_benefit_end",
        "Openstaande vorderingen van inwoners van wie de uitkering in de periode eindigde",
        "Groep",
        summary_cols,
        (
            Row(
                "totaal",
                "Uitkering beëindigd in de periode",
                _summary([b for _k, b, e in rows if e]),
                total=True,
            ),
        ),
        primary="n",
        note="Inwoners die aan het einde van de periode een andere uitkering hebben, tellen niet mee.",
    )
    return open_table, distribution, at_end_table


def c1_claims(period: Period, filters: Filters) -> IndicatorResult:
    """Open claims at the period's end (number, total, mean, median, distribution), new claims in the
    period, and the open claims of residents whose benefit ended in the period."""
    open_table, distribution, at_end_table = _open_tables(period, filters)
    new_qs = Vordering.objects.filter(filters.residents(), in_period("created_on", period))
    by_kind = {
        kind: {"n": n, "total": total}
        for kind, n, total in new_qs.order_by()
        .values("kind")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .values_list("kind", "n", "total")
    }
    n_new = sum(v["n"] for v in by_kind.values())
    total_new = {
        "n": n_new,
        "total": sum((v["total"] for v in by_kind.values()), Decimal("0.00")) if n_new else None,
    }
    new_table = Table(
        "new",
        "Nieuwe vorderingen in de periode",
        "Soort vordering",
        (Column("n", "Aantal nieuw"), Column("total", "Bedrag", AMOUNT, cases="n", additive=True)),
        choice_rows(ClaimKind.choices, lambda k: by_kind.get(k, {"n": 0, "total": None}), total=total_new),
        primary="n",
    )
    return IndicatorResult("C1", period.code, (open_table, distribution, new_table, at_end_table))


# -- C2 ----------------------------------------------------------------------------------------------------


def decided_in(period: Period, filters: Filters):
    """Besluiten vastgesteld with a decision date in the period (concepts and those awaiting a second
    signature are not decisions yet)."""
    return Besluit.objects.filter(
        filters.residents(), in_period("decision_date", period), status=BesluitStatus.VASTGESTELD
    )


REFRAINED_FINE = Q(engine_response__sanction__type=SanctionType.BOETE) & ~Q(sanction_type=SanctionType.BOETE)
SANCTION_COUNTS = {
    "decisions": Count("pk"),
    "fines": Count("pk", filter=Q(sanction_type=SanctionType.BOETE)),
    "fine_total": Sum("fine_amount", filter=Q(sanction_type=SanctionType.BOETE)),
    "warnings": Count("pk", filter=Q(sanction_type=SanctionType.WAARSCHUWING)),
    "refrained": Count("pk", filter=REFRAINED_FINE),
    "aangifte": Count("pk", filter=Q(sanction_type=SanctionType.AANGIFTE)),
}
SANCTION_COLUMNS = (
    Column("decisions", "Besluiten"),
    Column("fines", "Boetes"),
    Column("fine_total", "Boetebedrag", AMOUNT, cases="fines", additive=True),
    Column("warnings", "Waarschuwingen"),
    Column("refrained", "Afgezien van boete"),
    Column("aangifte", "Aangifte"),
)


def _counts(row: dict) -> dict:
    return {key: row[key] for key in SANCTION_COUNTS}


def _sum_rows(rows) -> dict:
    """The total of grouped rows: each besluit has one culpability level, so the groups add up."""
    rows = list(rows)
    total = {key: sum(row[key] for row in rows if key != "fine_total") for key in SANCTION_COUNTS}
    amounts = [row["fine_total"] for row in rows if row["fine_total"] is not None]
    return total | {"fine_total": sum(amounts) if amounts else None}


def _proposed_recovery():
    """The recovery the decision engine proposed (the besluit's benadelingsbedrag when none is stored)."""
    text = KeyTextTransform("amount", KeyTextTransform("recovery", "engine_response"))
    return Coalesce(Cast(text, MONEY), F("benadelingsbedrag"), output_field=MONEY)


#: the row of besluiten without a known culpability level: none recorded (a besluit from before Naleving
#: recorded it) or a value that is no longer a level
NOT_RECORDED = "niet_vastgelegd"
NOT_RECORDED_LABEL = "Niet vastgelegd (onbekend)"


def culpability_level(value: str | None) -> str:
    """The row a besluit's ``verwijtbaarheid`` counts in: its level, or ``NOT_RECORDED``."""
    return value if value in Verwijtbaarheid.values else NOT_RECORDED


def c2_fines_and_warnings(period: Period, filters: Filters) -> IndicatorResult:
    """Fines, warnings and refrained fines in the besluiten of the period, by culpability and by district;
    reductions of the benefit (Groningen) and refrained recoveries (Baanbrekers)."""
    qs = decided_in(period, filters)
    grouped: dict[str, list[dict]] = {}
    for row in qs.order_by().values("verwijtbaarheid").annotate(**SANCTION_COUNTS):
        grouped.setdefault(culpability_level(row["verwijtbaarheid"]), []).append(_counts(row))
    by_culpability = {level: _sum_rows(rows) for level, rows in grouped.items()}
    empty = dict.fromkeys(SANCTION_COUNTS, 0) | {"fine_total": None}
    levels = [*Verwijtbaarheid.choices, (NOT_RECORDED, NOT_RECORDED_LABEL)]
    culpability_table = Table(
        "by_culpability",
        "Boetes en waarschuwingen naar verwijtbaarheid",
        "Verwijtbaarheid",
        SANCTION_COLUMNS,
        choice_rows(levels, lambda v: by_culpability.get(v, empty), total=_sum_rows(by_culpability.values())),
        primary="fines",
        chart="bar",
        note="Afgezien van boete: de beslisregels stelden een boete voor, het besluit legt er geen op.",
    )
    by_district = qs.order_by("resident__district").values("resident__district").annotate(**SANCTION_COUNTS)
    district_table = Table(
        "by_district",
        "Boetes en waarschuwingen naar wijk",
        "Wijk",
        SANCTION_COLUMNS,
        tuple(
            Row(d["resident__district"], d["resident__district"] or "Onbekend", _counts(d))
            for d in by_district
        ),
        primary="fines",
        chart="bar",
    )
    return IndicatorResult(
        "C2",
        period.code,
        (culpability_table, district_table, _reductions(period, filters, qs), _refrained_recoveries(qs)),
    )


def _reductions(period: Period, filters: Filters, qs) -> Table:
    setoff = qs.filter(correction_type=CorrectionType.VERREKENING).count()
    suspended = Opschorting.objects.filter(filters.residents(), in_period("takes_effect_on", period)).count()
    rows = (
        Row("verrekening", "Verrekend met de lopende uitkering", {"n": setoff}),
        Row("opschorting", "Uitkering opgeschort (art. 54 Pw)", {"n": suspended}),
        Row("totaal", "Totaal", {"n": setoff + suspended}, total=True),
    )
    return Table(
        "reductions", "Gekorte uitkeringen", "Maatregel", (Column("n", "Aantal"),), rows, primary="n"
    )


def _refrained_recoveries(qs) -> Table:
    annotated = qs.annotate(proposed=_proposed_recovery()).annotate(
        refrained_amount=ExpressionWrapper(F("proposed") - F("recovery_amount"), output_field=MONEY)
    )
    groups = (
        ("geheel", "Geheel afgezien", Q(recovery_amount=0, proposed__gt=0)),
        (
            "gedeeltelijk",
            "Gedeeltelijk afgezien",
            Q(recovery_amount__gt=0, recovery_amount__lt=F("proposed")),
        ),
    )
    # one query: a count and a sum per group (the conditions are plain columns, cheap to repeat)
    refrained = groups[0][2] | groups[1][2]
    found = annotated.aggregate(
        n=Count("pk", filter=refrained),
        amount=Sum("refrained_amount", filter=refrained),
        **{f"n_{key}": Count("pk", filter=condition) for key, _label, condition in groups},
        **{f"amount_{key}": Sum("refrained_amount", filter=condition) for key, _label, condition in groups},
    )
    rows = [
        Row(key, label, {"n": found[f"n_{key}"], "amount": found[f"amount_{key}"]})
        for key, label, _c in groups
    ]
    rows.append(Row("totaal", "Totaal", {"n": found["n"], "amount": found["amount"]}, total=True))
    return Table(
        "refrained_recoveries",
        "Afgezien van terugvordering",
        "Besluit",
        (Column("n", "Besluiten"), Column("amount", "Niet teruggevorderd", AMOUNT, cases="n", additive=True)),
        tuple(rows),
        primary="n",
        note="Ten opzichte van de terugvordering die de beslisregels voorstelden (art. 58 lid 8 Pw: dringende redenen).",
    )


# -- C3 ----------------------------------------------------------------------------------------------------


def assistance_paid(period: Period, filters: Filters) -> tuple[int, Decimal]:
    """(benefits, amount) paid in the period: each benefit's monthly amount × the days it ran in the period
    / the days of the period × the months of the period. A benefit running the whole year counts 12 months."""
    overlap = Benefit.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.start),
        filters.residents(),
        start_date__lte=period.end,
    ).annotate(
        days=DaysBetween(
            Least(Coalesce("end_date", Value(period.end)), Value(period.end)),
            Greatest("start_date", Value(period.start)),
        )
        + 1
    )
    found = overlap.aggregate(
        n=Count("pk"), weighted=Sum(ExpressionWrapper(F("monthly_amount") * F("days"), output_field=MONEY))
    )
    weighted = found["weighted"] or Decimal("0")
    paid = (Decimal(weighted) * period.months / period.days).quantize(Decimal("0.01"))
    return found["n"], paid


def c3_unduly_paid_share(period: Period, filters: Filters) -> IndicatorResult:
    """Σ benadelingsbedrag of breaches established in the period / Σ assistance paid in the period."""
    breaches = Investigation.objects.filter(
        filters.residents(), in_period("closed_on", period), status=Status.AFGEROND, outcome=Outcome.SCHENDING
    ).aggregate(n=Count("pk"), total=Sum("benadelingsbedrag"))
    benefits, paid = assistance_paid(period, filters)
    benadeling = breaches["total"] or Decimal("0.00")
    values = {
        "breaches": breaches["n"],
        "benadeling": benadeling,
        "benefits": benefits,
        "paid": paid,
        "share": ratio(benadeling, paid),
    }
    table = Table(
        "share",
        "Onterecht verstrekte bijstand",
        "Periode",
        (
            Column("breaches", "Vastgestelde schendingen"),
            Column("benadeling", "Benadelingsbedrag", AMOUNT, cases="breaches"),
            Column("benefits", "Uitkeringen"),
            Column("paid", "Verstrekte bijstand", AMOUNT, cases="benefits"),
            Column("share", "Aandeel onterecht", RATE, cases="breaches", numerator="breaches"),
        ),
        (Row("totaal", period.label, values, total=True),),
        primary="share",
        chart="",
    )
    return IndicatorResult("C3", period.code, (table,))
