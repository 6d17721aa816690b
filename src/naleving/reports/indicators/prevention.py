"""Prevention indicators: P1 (preventive interventions), P2 (partner cooperation and aftercare), PREV (the
effect of information at intake, SZW) and CHG (changes reported by residents on time, Baanbrekers)."""

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q

from naleving.decisions.models import SanctionType
from naleving.investigations.choices import Outcome, Status
from naleving.investigations.models import Investigation
from naleving.prevention.models import (
    InterventionKind,
    Partner,
    PreventiveIntervention,
    Referral,
    ReferralStatus,
)
from naleving.reports.indicators.base import DaysBetween, Filters, choice_rows, in_period
from naleving.reports.indicators.claims import decided_in
from naleving.reports.periods import Period
from naleving.reports.tables import RATE, TEXT, Column, IndicatorResult, Row, Table, ratio
from naleving.residents.models import Benefit, Resident

#: P2's aftercare: a referral within this many days after a breach was established
AFTERCARE_DAYS = 365
WARNING, REFERRAL = "waarschuwing", "verwijzing"


def _reach(qs) -> dict:
    return qs.aggregate(n=Count("pk"), residents=Count("resident_id", distinct=True))


def _residents_reached(period: Period, filters: Filters) -> int:
    """Distinct residents reached in the period by any kind: an intervention, a warning or a referral."""
    interventions = PreventiveIntervention.objects.filter(
        filters.residents(), in_period("occurred_on", period)
    )
    warnings = decided_in(period, filters).filter(sanction_type=SanctionType.WAARSCHUWING)
    referrals = Referral.objects.filter(filters.residents(), in_period("referred_on", period))
    ids = [qs.order_by().values("resident_id") for qs in (interventions, warnings, referrals)]
    return ids[0].union(ids[1], ids[2]).count()  # UNION drops duplicates: each resident once


def p1_preventive_interventions(period: Period, filters: Filters) -> IndicatorResult:
    """Preventive interventions in the period by type, plus the warnings (besluiten) and referrals."""
    interventions = PreventiveIntervention.objects.filter(
        filters.residents(), in_period("occurred_on", period)
    )
    by_kind = {
        kind: {"n": n, "residents": r}
        for kind, n, r in interventions.order_by()
        .values("kind")
        .annotate(n=Count("pk"), residents=Count("resident_id", distinct=True))
        .values_list("kind", "n", "residents")
    }
    by_kind[WARNING] = _reach(decided_in(period, filters).filter(sanction_type=SanctionType.WAARSCHUWING))
    by_kind[REFERRAL] = _reach(Referral.objects.filter(filters.residents(), in_period("referred_on", period)))
    kinds = [
        *InterventionKind.choices,
        (WARNING, "Waarschuwing (besluit, art. 18a lid 4 Pw)"),
        (REFERRAL, "Verwijzing naar een partner"),
    ]
    zero = {"n": 0, "residents": 0}
    total = {"n": sum(v["n"] for v in by_kind.values()), "residents": _residents_reached(period, filters)}
    table = Table(
        "by_kind",
        "Preventieve interventies naar soort",
        "Soort",
        # a resident reached by two kinds counts in both rows and once in the total: no line adds up
        (Column("n", "Aantal"), Column("residents", "Inwoners bereikt", additive=False)),
        choice_rows(kinds, lambda k: by_kind.get(k, zero), total=total),
        primary="n",
        chart="bar",
        note=(
            "Inwoners bereikt telt elke inwoner één keer per soort; het totaal telt elke inwoner één keer, "
            "ook wie meer soorten kreeg. Het aantal telt interventies."
        ),
    )
    return IndicatorResult("P1", period.code, (table,))


def _partner_status_table(key: str, title: str, qs, note: str = "") -> Table:
    cells = {(p, s): n for p, s, n in qs.order_by().values_list("partner", "status").annotate(n=Count("pk"))}

    def values(partner: str | None) -> dict:
        row = {
            s: sum(n for (p, ss), n in cells.items() if ss == s and partner in (None, p))
            for s in ReferralStatus.values
        }
        return {"n": sum(row.values()), **row}

    return Table(
        key,
        title,
        "Partner",
        (Column("n", "Verwijzingen"), *(Column(s, label) for s, label in ReferralStatus.choices)),
        choice_rows(Partner.choices, values, total=values(None)),
        primary="n",
        chart="bar",
        note=note,
    )


def p2_partner_cooperation(period: Period, filters: Filters) -> IndicatorResult:
    """Referrals made in the period by partner and follow-up status; and those made within 12 months after
    an established breach (aftercare, Groningen item 3)."""
    referrals = Referral.objects.filter(filters.residents(), in_period("referred_on", period))
    breach_before = (
        Investigation.objects.filter(
            resident_id=OuterRef("resident_id"),
            status=Status.AFGEROND,
            outcome=Outcome.SCHENDING,
            closed_on__lte=OuterRef("referred_on"),
        )
        .annotate(gap=DaysBetween(OuterRef("referred_on"), "closed_on"))
        .filter(gap__lte=AFTERCARE_DAYS)
    )
    after_breach = referrals.filter(Exists(breach_before))
    return IndicatorResult(
        "P2",
        period.code,
        (
            _partner_status_table("by_partner", "Verwijzingen naar partners en hun opvolging", referrals),
            _partner_status_table(
                "after_breach",
                "Nazorg: verwijzingen na een vastgestelde schending",
                after_breach,
                note="Verwijzingen binnen 12 maanden nadat bij de inwoner een schending is vastgesteld.",
            ),
        ),
    )


def prev_prevention_effect(period: Period, filters: Filters) -> IndicatorResult:
    """Residents with a benefit in the period: the share with a breach established in the period, for those
    who received information at intake (on or before the period's end) and those who did not."""
    # IN (subquery) rather than EXISTS per resident: PostgreSQL hashes each set once (4× faster here).
    with_benefit = Benefit.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.start), start_date__lte=period.end
    ).values("resident_id")
    informed_ids = PreventiveIntervention.objects.filter(
        kind=InterventionKind.VOORLICHTING_INTAKE, occurred_on__lte=period.end
    ).values("resident_id")
    breached_ids = Investigation.objects.filter(
        in_period("closed_on", period), status=Status.AFGEROND, outcome=Outcome.SCHENDING
    ).values("resident_id")
    cohort = Resident.objects.filter(filters.residents(""), pk__in=with_benefit).annotate(
        informed=ExpressionWrapper(Q(pk__in=informed_ids), output_field=BooleanField()),
        breached=ExpressionWrapper(Q(pk__in=breached_ids), output_field=BooleanField()),
    )
    grouped = {
        informed: (n, b)
        for informed, n, b in cohort.order_by()
        .values("informed")
        .annotate(n=Count("pk"), b=Count("pk", filter=Q(breached=True)))
        .values_list("informed", "n", "b")
    }

    def values(n: int, b: int) -> dict:
        return {"residents": n, "breached": b, "rate": ratio(b, n)}

    informed, not_informed = grouped.get(True, (0, 0)), grouped.get(False, (0, 0))
    rows = (
        Row("met_voorlichting", "Met voorlichting bij de intake", values(*informed)),
        Row("zonder_voorlichting", "Zonder voorlichting bij de intake", values(*not_informed)),
        Row(
            "totaal",
            "Totaal",
            values(informed[0] + not_informed[0], informed[1] + not_informed[1]),
            total=True,
        ),
    )
    table = Table(
        "effect",
        "Schendingen met en zonder voorlichting bij de intake",
        "Groep",
        (
            Column("residents", "Inwoners met uitkering"),
            Column("breached", "Met vastgestelde schending"),
            Column("rate", "Aandeel met schending", RATE, cases="residents", numerator="breached"),
        ),
        rows,
        primary="rate",
        chart="bar",
        note=(
            "Een verschil is geen bewijs van effect: wie voorlichting kreeg, verschilt ook op andere punten "
            "(bijvoorbeeld de duur van de uitkering). Vergelijk over meerdere perioden."
        ),
    )
    return IndicatorResult("PREV", period.code, (table,))


def chg_changes_reported(period: Period, filters: Filters) -> IndicatorResult:
    """Changes residents reported themselves (wijziging doorgeven) in the period, by the date reported, and
    the share reported on time (``ChangeReport.on_time``, fixed when the report arrives).

    Until the prevention app's ``ChangeReport`` table exists the figure is marked "nog niet beschikbaar"
    rather than estimated.
    """
    model = _change_report_model()
    if model is None:
        return IndicatorResult("CHG", period.code, (_changes_unavailable(),))
    qs = model.objects.filter(filters.residents(), in_period("reported_on", period))
    grouped = {
        kind: (n, on_time)
        for kind, n, on_time in qs.order_by()
        .values("kind")
        .annotate(n=Count("pk"), on_time=Count("pk", filter=Q(on_time=True)))
        .values_list("kind", "n", "on_time")
    }

    def values(n: int, on_time: int) -> dict:
        return {"n": n, "on_time": on_time, "share": ratio(on_time, n)}

    kinds = model._meta.get_field("kind").choices
    table = Table(
        "on_time",
        "Wijzigingen doorgegeven door inwoners",
        "Soort wijziging",
        (
            Column("n", "Doorgegeven"),
            Column("on_time", "Op tijd"),
            Column("share", "Aandeel op tijd", RATE, cases="n", numerator="on_time"),
        ),
        choice_rows(
            kinds,
            lambda k: values(*grouped.get(k, (0, 0))),
            total=values(sum(n for n, _ in grouped.values()), sum(o for _, o in grouped.values())),
        ),
        primary="n",
    )
    return IndicatorResult("CHG", period.code, (table,))


def _changes_unavailable() -> Table:
    return Table(
        "on_time",
        "Wijzigingen doorgegeven door inwoners",
        "Soort wijziging",
        (Column("n", "Aantal", TEXT),),
        (),
        unavailable=(
            "Nog niet beschikbaar: Naleving registreert wijzigingen die inwoners zelf doorgeven nog niet. "
            "Dit cijfer verschijnt zodra het formulier 'wijziging doorgeven' in gebruik is."
        ),
    )


def _change_report_model():
    """``prevention.ChangeReport`` when the model and its table exist, else None."""
    try:
        model = apps.get_model("prevention", "ChangeReport")
    except LookupError:
        return None
    with connection.cursor() as cursor:
        if model._meta.db_table not in connection.introspection.table_names(cursor):
            return None
    return model
