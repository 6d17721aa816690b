"""Indicators at the start and the end of a benefit: G1 (applications at the gate) and D1 (durable
terminations), and PLAN (the year's planned actions, Baanbrekers), which Naleving does not hold yet."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum

from naleving.reports.indicators.base import DaysBetween, Filters, choice_rows, counts_by, in_period
from naleving.reports.periods import Period
from naleving.reports.tables import AMOUNT, RATE, TEXT, Column, IndicatorResult, Row, Table, ratio
from naleving.residents.choices import ApplicationOutcome
from naleving.residents.models import Application, Benefit

#: D1's "not restarted within 6 months", in days
RESTART_DAYS = 183
DECIDED = (ApplicationOutcome.TOEGEKEND, ApplicationOutcome.AFGEWEZEN, ApplicationOutcome.INGETROKKEN)


def g1_applications(period: Period, filters: Filters) -> IndicatorResult:
    """Applications decided in the period: granted, refused, withdrawn, as numbers and shares."""
    qs = Application.objects.filter(
        filters.residents(), in_period("decided_on", period), outcome__in=[o.value for o in DECIDED]
    )
    counts = counts_by(qs, "outcome")
    total = sum(counts.values())
    table = Table(
        "outcomes",
        "Aanvragen aan de poort",
        "Uitkomst",
        (Column("n", "Aantal"), Column("share", "Aandeel", RATE, cases="total", numerator="n")),
        choice_rows(
            [(o.value, o.label) for o in DECIDED],
            lambda o: {"n": counts.get(o, 0), "share": ratio(counts.get(o, 0), total), "total": total},
            total={"n": total, "share": ratio(total, total), "total": total},
            total_label="Beslist in de periode",
        ),
        primary="n",
        chart="bar",
    )
    return IndicatorResult("G1", period.code, (table,))


def d1_durable_terminations(period: Period, filters: Filters) -> IndicatorResult:
    """Benefits ended in the period, and those not restarted within 6 months (183 days), with the estimated
    annual saving of 12 × the last monthly amount. While 6 months have not passed on ``filters.as_of`` a
    termination counts as durable provisionally."""
    as_of = filters.as_of or period.end
    restarted = (
        Benefit.objects.filter(
            ~Q(pk=OuterRef("pk")),
            Q(end_date__isnull=True) | Q(end_date__gt=OuterRef("end_date")),
            resident_id=OuterRef("resident_id"),
        )
        .annotate(gap=DaysBetween("start_date", OuterRef("end_date")))
        .filter(gap__lte=RESTART_DAYS)
    )
    ended = Benefit.objects.filter(filters.residents(), in_period("end_date", period)).annotate(
        is_restarted=Exists(restarted)
    )
    saving = ExpressionWrapper(
        F("monthly_amount") * 12, output_field=DecimalField(max_digits=14, decimal_places=2)
    )
    settled_before = as_of - timedelta(days=RESTART_DAYS)
    found = ended.aggregate(
        ended=Count("pk"),
        restarted=Count("pk", filter=Q(is_restarted=True)),
        durable=Count("pk", filter=Q(is_restarted=False, end_date__lt=settled_before)),
        durable_saving=Sum(saving, filter=Q(is_restarted=False, end_date__lt=settled_before)),
        provisional=Count("pk", filter=Q(is_restarted=False, end_date__gte=settled_before)),
        provisional_saving=Sum(saving, filter=Q(is_restarted=False, end_date__gte=settled_before)),
    )
    rows = (
        Row("ended", "Uitkeringen beëindigd", {"n": found["ended"], "saving": None}),
        Row("restarted", "Binnen 6 maanden opnieuw een uitkering", {"n": found["restarted"], "saving": None}),
        Row(
            "durable",
            "Duurzaam beëindigd (6 maanden verstreken)",
            {"n": found["durable"], "saving": _money(found["durable_saving"], found["durable"])},
        ),
        Row(
            "provisional",
            "Duurzaam tot nu toe (6 maanden nog niet verstreken)",
            {"n": found["provisional"], "saving": _money(found["provisional_saving"], found["provisional"])},
        ),
    )
    table = Table(
        "terminations",
        "Duurzame beëindigingen en besparing",
        "Uitkeringen",
        (
            Column("n", "Aantal"),
            Column("saving", "Geschatte besparing per jaar", AMOUNT, cases="n", additive=True),
        ),
        rows,
        primary="n",
        chart="bar",
        note=f"Peildatum {as_of:%d-%m-%Y}. Besparing: 12 × het laatste maandbedrag van de beëindigde uitkering.",
    )
    return IndicatorResult("D1", period.code, (table,))


def _money(amount: Decimal | None, n: int) -> Decimal | None:
    return (amount or Decimal("0.00")) if n else None


def plan_planned_actions(period: Period, filters: Filters) -> IndicatorResult:
    table = Table(
        "actions",
        "Acties uit het uitvoeringsplan",
        "Actie",
        (Column("status", "Status", TEXT),),
        (),
        unavailable=(
            "Nog niet beschikbaar: de acties van het jaarlijkse uitvoeringsplan en hun voortgang worden nog "
            "niet in Naleving bijgehouden. Voeg ze toe aan het rapport uit de eigen planning."
        ),
    )
    return IndicatorResult("PLAN", period.code, (table,))
