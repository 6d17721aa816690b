"""Investigation indicators: I1 (hit rate), I2 (lead time), R1 (recurrence) and LAA (address investigations
after LAA/BRP signals, Groningen's item 8)."""

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from naleving.decisions.models import Besluit, BesluitStatus
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation
from naleving.reports.indicators.base import (
    DaysBetween,
    Filters,
    choice_rows,
    counts_by,
    in_period,
    list_median,
    list_percentile,
)
from naleving.reports.periods import Period
from naleving.reports.tables import AMOUNT, DAYS, RATE, TEXT, Column, IndicatorResult, Row, Table, ratio
from naleving.signals.choices import Origin, ViolationKind
from naleving.signals.models import Signal

NO_SIGNAL = "zonder_signaal"
UNKNOWN_CONTROL = "onbekend"
#: signals of the randomly drawn control groups of theme-control runs (not hits of any control)
CONTROL_GROUP = "controlegroep"
#: "24 months" of R1, in days (two years of 365 days)
RECURRENCE_DAYS = 730


def closed_in(period: Period, filters: Filters):
    """Investigations closed in the period with findings (breach or no breach)."""
    return Investigation.objects.filter(
        filters.residents(),
        in_period("closed_on", period),
        status=Status.AFGEROND,
        outcome__in=Outcome.values,
    )


def _hit_columns(first: Column | None = None) -> tuple[Column, ...]:
    head = (first,) if first else ()
    return (
        *head,
        Column("closed", "Onderzoeken afgerond"),
        Column("breach", "Schending vastgesteld"),
        Column("hit_rate", "Trefkans", RATE, cases="closed", numerator="breach"),
    )


def _hits(n_closed: int, n_breach: int, **extra) -> dict:
    return {**extra, "closed": n_closed, "breach": n_breach, "hit_rate": ratio(n_breach, n_closed)}


def _theme_control_name(path: str = "signals__"):
    """The theme control a signal came from: the filter of the control run whose released hit it is,
    ``controlegroep`` for a released member of a run's control group, or for signals filed by reference
    ``TC-<control>-...`` (the demo data) the control named there."""
    from naleving.analytics import CONTROLS
    from naleving.controls.models import ControlHit

    hits = ControlHit.objects.filter(signal_id=OuterRef(f"{path}pk"))
    released = hits.filter(in_control_group=False).values("run__filter__name")[:1]
    drawn = hits.filter(in_control_group=True).annotate(group=Value(CONTROL_GROUP)).values("group")[:1]
    whens = [
        When(**{f"{path}external_reference__startswith": f"TC-{name}-"}, then=Value(name))
        for name in CONTROLS
    ]
    by_reference = Case(*whens, default=Value(UNKNOWN_CONTROL), output_field=CharField())
    return Coalesce(Subquery(released), Subquery(drawn), by_reference, output_field=CharField())


def i1_hit_rate(period: Period, filters: Filters) -> IndicatorResult:
    """Investigations closed in the period that established a breach / all closed, per origin and control."""
    from naleving.analytics import CONTROLS

    qs = closed_in(period, filters)
    counted = {
        "closed": Count("pk", distinct=True),
        "breach": Count("pk", distinct=True, filter=Q(outcome=Outcome.SCHENDING)),
    }
    grouped = qs.order_by().values("signals__origin").annotate(**counted)
    by_origin = {
        o or NO_SIGNAL: (c, b) for o, c, b in grouped.values_list("signals__origin", "closed", "breach")
    }
    total = qs.aggregate(**counted)
    origins = [*Origin.choices, (NO_SIGNAL, "Zonder signaal (eigen onderzoek)")]
    origin_table = Table(
        "by_origin",
        "Trefkans naar herkomst van het signaal",
        "Herkomst",
        _hit_columns(),
        choice_rows(
            origins, lambda o: _hits(*by_origin.get(o, (0, 0))), total=_hits(total["closed"], total["breach"])
        ),
        primary="hit_rate",
        chart="bar",
        note="Een onderzoek na signalen uit meer dan één bron telt bij elke bron mee; het totaal telt het één keer.",
    )
    themed = qs.filter(signals__origin=Origin.THEMACONTROLE).annotate(control=_theme_control_name())
    grouped = themed.order_by().values("control").annotate(**counted)
    by_control = {c: (n, b) for c, n, b in grouped.values_list("control", "closed", "breach")}
    hits = Signal.objects.filter(
        in_period("received_on", period), filters.signals(), origin=Origin.THEMACONTROLE
    ).annotate(control=_theme_control_name(""))
    hit_counts = dict.fromkeys([*CONTROLS, CONTROL_GROUP, UNKNOWN_CONTROL], 0) | counts_by(hits, "control")
    controls = [(name, info.title_nl or name) for name, info in CONTROLS.items()]
    controls.append((CONTROL_GROUP, "Controlegroepen (aselect getrokken, geen treffer)"))
    controls.append((UNKNOWN_CONTROL, "Themacontrole niet te herleiden"))
    control_table = Table(
        "by_theme_control",
        "Themacontroles: treffers en trefkans",
        "Themacontrole",
        _hit_columns(Column("signals", "Treffers als signaal ontvangen")),
        choice_rows(controls, lambda c: _hits(*by_control.get(c, (0, 0)), signals=hit_counts[c])),
        primary="signals",
        chart="bar",
        note=(
            "Signalen van een themacontrole gevolgd naar de onderzoeken die erop volgden; de controle van een "
            "signaal is die van de run waarvan het een vrijgegeven treffer is. De aselect getrokken "
            "controlegroepen staan apart: hun trefkans is de maat waartegen die van de controles wordt "
            "afgezet (lift, zie TC)."
        ),
    )
    return IndicatorResult("I1", period.code, (origin_table, control_table))


def i2_lead_time(period: Period, filters: Filters) -> IndicatorResult:
    """Days from the first signal's receipt to the decision, for besluiten vastgesteld in the period."""
    first_origin = Subquery(
        Signal.objects.filter(investigations=OuterRef("investigation_id"))
        .order_by("received_on", "pk")
        .values("origin")[:1]
    )
    decided = Besluit.objects.filter(
        filters.residents(), in_period("decision_date", period), status=BesluitStatus.VASTGESTELD
    )
    without_signal = decided.filter(investigation__signals__isnull=True).count()
    rows_qs = (
        decided.annotate(first_received=Min("investigation__signals__received_on"), first_origin=first_origin)
        .filter(first_received__isnull=False)
        .values_list("decision_date", "first_received", "first_origin")
    )
    days_by_origin: dict[str, list[int]] = {o: [] for o in Origin.values}
    for decided_on, received, origin in rows_qs:  # decisions of one period: a few thousand at most
        days_by_origin.setdefault(origin, []).append((decided_on - received).days)

    def values(days: list[int]) -> dict:
        days = sorted(days)
        return {"n": len(days), "median": list_median(days), "p90": list_percentile(days, 0.9)}

    everything = [d for days in days_by_origin.values() for d in days]
    table = Table(
        "lead_time",
        "Doorlooptijd van signaal tot besluit",
        "Herkomst van het eerste signaal",
        (
            Column("n", "Besluiten"),
            Column("median", "Mediaan (dagen)", DAYS, cases="n"),
            Column("p90", "90e percentiel (dagen)", DAYS, cases="n"),
        ),
        choice_rows(Origin.choices, lambda o: values(days_by_origin[o]), total=values(everything)),
        primary="median",
        chart="bar",
        note=(
            f"{without_signal} besluit(en) zonder gekoppeld signaal tellen niet mee."
            if without_signal
            else ""
        ),
    )
    return IndicatorResult("I2", period.code, (table,), extra={"without_signal": without_signal})


def _breaches():
    return Investigation.objects.filter(status=Status.AFGEROND, outcome=Outcome.SCHENDING)


def r1_recurrence(period: Period, filters: Filters) -> IndicatorResult:
    """Residents with a breach established in the period, and those of them with an earlier breach
    established within the 24 months (730 days) before it."""
    earlier = (
        _breaches()
        .filter(
            Q(closed_on__lt=OuterRef("closed_on"))
            | Q(closed_on=OuterRef("closed_on"), pk__lt=OuterRef("pk")),
            resident_id=OuterRef("resident_id"),
        )
        .annotate(gap=DaysBetween(OuterRef("closed_on"), "closed_on"))
        .filter(gap__lte=RECURRENCE_DAYS)
    )
    in_period_qs = _breaches().filter(filters.residents(), in_period("closed_on", period))
    counts = in_period_qs.annotate(repeat=Exists(earlier)).aggregate(
        residents=Count("resident_id", distinct=True),
        recurrent=Count("resident_id", distinct=True, filter=Q(repeat=True)),
    )
    row = Row(
        "totaal",
        "Inwoners met een schending in de periode",
        {**counts, "share": ratio(counts["recurrent"], counts["residents"])},
        total=True,
    )
    table = Table(
        "recurrence",
        "Herhaling binnen 24 maanden",
        "Groep",
        (
            Column("residents", "Inwoners met een schending"),
            Column("recurrent", "Waarvan eerdere schending binnen 24 maanden"),
            Column("share", "Aandeel herhaling", RATE, cases="residents", numerator="recurrent"),
        ),
        (row,),
        primary="recurrent",
        chart="",
    )
    return IndicatorResult("R1", period.code, (table,))


ADDRESS_KINDS = (ViolationKind.ADDRESS, ViolationKind.HOUSEHOLD, ViolationKind.COHABITATION)


def laa_address_investigations(period: Period, filters: Filters) -> IndicatorResult:
    """Investigations closed in the period after a BRP/LAA signal or about the address, with the result."""
    from_laa = Exists(
        Investigation.signals.through.objects.filter(
            investigation_id=OuterRef("pk"), signal__origin=Origin.BRP_LAA
        )
    )
    about_address = ExpressionWrapper(Q(violation_kind__in=ADDRESS_KINDS), output_field=BooleanField())
    grouped = (
        closed_in(period, filters)
        .annotate(from_laa=from_laa, about_address=about_address)
        .order_by()
        .values("from_laa", "about_address")
        .annotate(
            closed=Count("pk"),
            breach=Count("pk", filter=Q(outcome=Outcome.SCHENDING)),
            benadeling=Sum("benadelingsbedrag", filter=Q(outcome=Outcome.SCHENDING)),
        )
    )
    groups = {(g["from_laa"], g["about_address"]): g for g in grouped}

    def values(*keys) -> dict:
        found = [groups[k] for k in keys if k in groups]
        closed, breach = sum(g["closed"] for g in found), sum(g["breach"] for g in found)
        amounts = [g["benadeling"] for g in found if g["benadeling"] is not None]
        return {
            "closed": closed,
            "breach": breach,
            "benadeling": sum(amounts) if amounts else None,
            "hit_rate": ratio(breach, closed),
        }

    laa, other_address = ((True, False), (True, True)), ((False, True),)
    rows = (
        Row("laa", "Na een signaal uit BRP/LAA", values(*laa)),
        Row("adres", "Over adres of woonsituatie (andere bron)", values(*other_address)),
        Row("totaal", "Totaal adresonderzoeken", values(*laa, *other_address), total=True),
    )
    table = Table(
        "address",
        "Adresonderzoeken (LAA en BRP)",
        "Onderzoek",
        (
            *_hit_columns(),
            Column("benadeling", "Benadelingsbedrag", AMOUNT, cases="breach", additive=True),
        ),
        rows,
        primary="closed",
    )
    corrections = Table(
        "brp_corrections",
        "Correcties in de BRP",
        "Correctie",
        (Column("n", "Aantal", TEXT),),
        (),
        unavailable=(
            "Naleving legt correcties in de BRP (Burgerzaken) niet vast; dit cijfer komt uit de eigen "
            "registratie van Burgerzaken."
        ),
    )
    return IndicatorResult("LAA", period.code, (table, corrections))
