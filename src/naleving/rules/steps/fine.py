"""Rules 8 and 9 of the contract: the fine (percentages, recidive, dringende redenen) and its caps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from naleving.rules.context import CULPABILITY_NL, Context, euro, money_json, step
from naleving.rules.model import HistoryItem, Json, Sanction, TraceStep
from naleving.rules.money import ZERO, add_years, cents, cents_down
from naleving.rules.norms import exact_norm, norm_parameters

RECIDIVE_TYPES = ("boete", "strafrechtelijk")
#: How the engine reads "onherroepelijk" in 18a(5): a choice, not the letter of the law, so the trace says so.
IRREVOCABLE_READING = (
    "keuze: een eerdere sanctie telt alleen als die onherroepelijk was vóór het begin van deze overtreding "
    "(de lezing in het voordeel van de inwoner; art. 18a lid 5 Pw zegt niet wanneer)"
)


@dataclass(frozen=True, slots=True)
class Fine:
    """The fine before the caps: amount, percentage (None for the fixed starting amount), recidive."""

    amount: Decimal
    percentage: int | None
    recidive: bool


def urgent_reasons(ctx: Context, amount: Decimal) -> tuple[Sanction | None, TraceStep | None]:
    """Rule 8, 18a(7): with dringende redenen (a human judgement) the college refrains from the fine."""
    if not ctx.request.judgements.urgent_reasons_fine:
        return None, None
    text = "Er zijn dringende redenen om geen boete te geven. Daarom krijgt u geen boete."
    result = step(
        "dringende_redenen", ctx.cite("art. 18a lid 7 Pw"), {"urgent_reasons_fine": True}, True, text
    )
    return Sanction(type="geen", reason="dringende_redenen"), result


def counts_as_irrevocable(item: HistoryItem, start: date) -> bool:
    """18a(5) needs an irrevocable earlier sanction but does not say by when. With `irrevocable_on` it counts
    only when it became irrevocable before the new breach began (re-offending after a final sanction: the
    reading in the resident's favour, a choice marked in the trace); without it, `irrevocable` decides."""
    if item.irrevocable_on is not None:
        return item.irrevocable_on < start
    return item.irrevocable


def earlier_offence(ctx: Context) -> HistoryItem | None:
    """An irrevocable fine or criminal sanction for the same kind, imposed in the look-back before the breach."""
    start = ctx.request.violation.start
    for item in sorted(ctx.request.history, key=lambda h: h.date, reverse=True):
        if item.type not in RECIDIVE_TYPES or item.kind != ctx.request.violation.kind:
            continue
        if not counts_as_irrevocable(item, start):
            continue
        name = (
            "fine.recidive_lookback_years_prison" if item.prison_sentence else "fine.recidive_lookback_years"
        )
        if add_years(start, -ctx.params.integer(name)) <= item.date < start:
            return item
    return None


def _earlier_json(item: HistoryItem) -> dict[str, Json]:
    found: dict[str, Json] = {"type": item.type, "date": str(item.date)}
    if item.irrevocable_on is not None:
        found["irrevocable_on"] = str(item.irrevocable_on)
    return found


def recidive(ctx: Context, amount: Decimal) -> tuple[bool, TraceStep]:
    """18a(5)-(6): recidive only counts when there is a benadelingsbedrag."""
    citation = ctx.cite("art. 18a lid 5 en 6 Pw; art. 2 lid 6 Boetebesluit")
    if amount == ZERO:
        text = "Er is geen bedrag te veel betaald. Herhaling (recidive) telt dan niet mee."
        return False, step("recidive", citation, {"benadelingsbedrag": "0.00"}, False, text)
    item = earlier_offence(ctx)
    inputs: dict[str, Json] = {
        "kind": ctx.request.violation.kind,
        "violation_start": str(ctx.request.violation.start),
        "earlier": None if item is None else _earlier_json(item),
        "irrevocable_reading": IRREVOCABLE_READING,
        "parameters": ctx.used("fine.recidive_lookback_years", "fine.recidive_lookback_years_prison"),
    }
    if item is None:
        text = "U kreeg de afgelopen jaren geen boete of straf voor hetzelfde soort overtreding. Er is geen herhaling."
        return False, step("recidive", citation, inputs, False, text)
    text = (
        "U kreeg eerder al een boete of straf voor hetzelfde soort overtreding. "
        "Dat heet herhaling (recidive). Daardoor is de boete hoger."
    )
    return True, step("recidive", citation, inputs, True, text)


def base_fine(ctx: Context, amount: Decimal, is_recidive: bool) -> tuple[Fine, TraceStep]:
    """Boetebesluit 2(2)-(6) and (11): a percentage of the (150 %) benadelingsbedrag, or EUR 150 without one."""
    culpability = ctx.request.culpability
    if amount == ZERO:
        start = ctx.params.money("fine.no_benadeling_start_amount")
        inputs: dict[str, Json] = {"parameters": ctx.used("fine.no_benadeling_start_amount")}
        text = (
            f"Er is geen bedrag te veel betaald en geen waarschuwing gegeven. De boete is dan {euro(start)}."
        )
        citation = "art. 2 lid 11 Boetebesluit"
        return Fine(start, None, False), step("boete", citation, inputs, money_json(start), text)
    names = [f"fine.percentage.{culpability}"] + (["fine.recidive_percentage"] if is_recidive else [])
    percentage = ctx.params.money(names[0])
    base = amount * ctx.params.money("fine.recidive_percentage") / 100 if is_recidive else amount
    # Round half up (the contract), but never above the statutory maximum of 18a(1)/(5): the (150 %)
    # benadelingsbedrag, which for an odd cent amount with recidive has half a cent.
    fine = min(cents(base * percentage / 100), cents_down(base))
    inputs = {
        "benadelingsbedrag": money_json(amount),
        "base": money_json(cents(base)),
        "parameters": ctx.used(*names),
    }
    text = f"Bij {CULPABILITY_NL[culpability]} is de boete {percentage}% van {euro(cents(base))}. Dat is {euro(fine)}."
    if is_recidive:
        text = f"Door de herhaling telt {euro(cents(base))} in plaats van {euro(amount)}. " + text
    citation = "art. 2 lid 2 tot en met 6 Boetebesluit"
    return Fine(fine, int(percentage), is_recidive), step("boete", citation, inputs, money_json(fine), text)


def category_cap(ctx: Context, amount: Decimal) -> tuple[Decimal, list[str], str]:
    """The statutory cap: cat2 without benadeling (18a(3)); cat5 for opzet, cat3 otherwise (18a(1));
    50/75 or 25/75 x cat3 for normal or reduced culpability (Boetebesluit 2(7), which only bites above
    100/75 x cat3, exactly where the percentage would exceed it)."""
    culpability = ctx.request.culpability
    if amount == ZERO:
        return ctx.params.money("fine.category.2"), ["fine.category.2"], "art. 18a lid 3 Pw"
    if culpability == "opzet":
        return ctx.params.money("fine.category.5"), ["fine.category.5"], "art. 18a lid 1 Pw"
    category = ctx.params.money("fine.category.3")
    if culpability == "grove_schuld":
        return category, ["fine.category.3"], "art. 18a lid 1 Pw"
    ratio_name = f"fine.cap_ratio.{culpability}"
    numerator, denominator = ctx.params.ratio(ratio_name)
    cap = cents(category * numerator / denominator)
    return cap, ["fine.category.3", ratio_name, "fine.cap_threshold_ratio"], "art. 2 lid 7 Boetebesluit"


def draagkracht_cap(ctx: Context) -> tuple[Decimal | None, list[str]]:
    """Case law (CRvB 2014:3754, 4-8-2020): on a minimum income, at most `months` x the room above the
    beslagvrije voet (5 % since 4-8-2020) x the applicable norm, kostendelersnorm included; rounded once, at
    the end, to cents."""
    if not ctx.request.income.on_benefit:
        return None, []
    household = ctx.request.household
    months_name = f"draagkracht.months.{ctx.request.culpability}"
    norm = exact_norm(household.type, household.age_band, household.kostendelers, ctx.params)
    share = ctx.params.money("draagkracht.norm_percentage")
    cap = cents(ctx.params.integer(months_name) * share * norm / 100)
    names = [months_name, "draagkracht.norm_percentage"]
    return cap, names + norm_parameters(
        household.type, household.age_band, household.kostendelers, ctx.params
    )


def _cap_text(ctx: Context, final: Decimal, capped_by: str | None, draagkracht: Decimal | None) -> str:
    if capped_by == "draagkracht":
        months = ctx.params.integer(f"draagkracht.months.{ctx.request.culpability}")
        share = format(ctx.params.money("draagkracht.norm_percentage").normalize(), "f")
        return (
            f"U heeft een inkomen op bijstandsniveau. U hoeft niet meer te betalen dan in {months} maanden "
            f"past: {share}% van uw bijstandsnorm per maand. De boete wordt daarom {euro(final)}."
        )
    if capped_by == "categorie":
        return f"De wet zet een grens aan de hoogte van de boete. De boete wordt daarom {euro(final)}."
    extra = "" if draagkracht is None else " en blijft binnen wat u kunt betalen"
    return f"De boete blijft onder de grens in de wet{extra}. De boete is {euro(final)}."


def caps(ctx: Context, amount: Decimal, fine: Fine) -> tuple[Decimal, str | None, TraceStep]:
    """Rule 9: the lower of the statutory cap and the draagkracht cap wins and is named in `capped_by`."""
    statutory, statutory_names, citation = category_cap(ctx, amount)
    draagkracht, draagkracht_names = draagkracht_cap(ctx)
    final, capped_by = fine.amount, None
    if draagkracht is not None and draagkracht < final and draagkracht < statutory:
        final, capped_by = draagkracht, "draagkracht"
        citation += "".join("; " + ctx.params.dated(name).citation() for name in draagkracht_names[:2])
    elif statutory < final:
        final, capped_by = statutory, "categorie"
    inputs: dict[str, Json] = {
        "fine": money_json(fine.amount),
        "category_cap": money_json(statutory),
        "draagkracht_cap": money_json(draagkracht),
        "parameters": ctx.used(*statutory_names, *draagkracht_names),
    }
    result: Json = {"fine_amount": money_json(final), "capped_by": capped_by}
    return (
        final,
        capped_by,
        step("plafond", ctx.cite(citation), inputs, result, _cap_text(ctx, final, capped_by, draagkracht)),
    )
