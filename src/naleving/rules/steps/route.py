"""Rules 4-6 of the contract: the criminal route, no blame, and the limitation period."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from naleving.rules.context import CULPABILITY_NL, Context, dutch_date, euro, money_json, step
from naleving.rules.model import Json, Sanction, TraceStep
from naleving.rules.money import ZERO, add_years, cents_down
from naleving.rules.steps.fine import earlier_offence


def criminal_route(ctx: Context, amount: Decimal) -> tuple[Sanction | None, TraceStep]:
    """Rule 4: intent and a benadelingsbedrag at or above the aangiftegrens go to the public prosecutor."""
    culpability = ctx.request.culpability
    inputs: dict[str, Json] = {"culpability": culpability, "benadelingsbedrag": money_json(amount)}
    if culpability != "opzet":
        text = "Er is geen opzet vastgesteld. Daarom doet de gemeente geen aangifte bij de politie."
        return None, step("strafrechtelijke_route", "art. 5:44 Awb", inputs, False, text)
    threshold = ctx.params.money("criminal.aangiftegrens")
    citation = ctx.params.dated("criminal.aangiftegrens").citation()
    inputs["parameters"] = ctx.used("criminal.aangiftegrens")
    if amount >= threshold:
        text = (
            f"Er is opzet en het bedrag is {euro(threshold)} of meer. "
            "Daarom doet de gemeente aangifte. U krijgt dan geen boete van de gemeente."
        )
        sanction = Sanction(type="aangifte", reason="aangifte_boven_grens")
        return sanction, step("strafrechtelijke_route", citation, inputs, True, text)
    text = f"Er is opzet, maar het bedrag is lager dan {euro(threshold)}. De gemeente handelt het zelf af."
    return None, step("strafrechtelijke_route", citation, inputs, False, text)


def no_blame(ctx: Context, amount: Decimal) -> tuple[Sanction | None, TraceStep]:
    """Rule 5: without any culpability there is no fine (Awb 5:41)."""
    culpability = ctx.request.culpability
    inputs: dict[str, Json] = {"culpability": culpability}
    if culpability == "geen":
        text = "U valt niets te verwijten. Daarom krijgt u geen boete en geen waarschuwing."
        return Sanction(type="geen", reason="geen_verwijtbaarheid"), step(
            "verwijtbaarheid", "art. 5:41 Awb", inputs, True, text
        )
    text = (
        f"De gemeente vindt dat u iets te verwijten valt ({CULPABILITY_NL[culpability]}). "
        "Daarom kijkt zij naar een waarschuwing of een boete."
    )
    return None, step("verwijtbaarheid", "art. 5:41 Awb", inputs, False, text)


def highest_fine(ctx: Context, amount: Decimal) -> tuple[Decimal | None, bool]:
    """The highest fine that could be imposed for the breach (Awb 5:53): the benadelingsbedrag (18a(1)), or
    150 % of it with recidive (18a(5)); None without one, when the maximum is the second category of 18a(3),
    always above EUR 340."""
    if amount == ZERO:
        return None, False
    if earlier_offence(ctx) is None:
        return amount, False
    return cents_down(amount * ctx.params.money("fine.recidive_percentage") / 100), True


def limitation(ctx: Context, amount: Decimal) -> tuple[Sanction | None, TraceStep]:
    """Rule 6 (Awb 5:45): three years after the breach when the highest fine that could be imposed is not above
    EUR 340, else five (5:53); time in objection or appeal against the fine does not count (5:45(3))."""
    highest, with_recidive = highest_fine(ctx, amount)
    small_max = ctx.params.money("limitation.small_fine_max")
    small = highest is not None and highest <= small_max
    name = "limitation.years_small" if small else "limitation.years"
    years = ctx.params.integer(name)
    end = ctx.request.violation.end
    paused = ctx.request.violation.limitation_paused_days
    last_day = add_years(end, years) + timedelta(days=paused)
    lapsed = ctx.request.decision_date > last_day
    inputs: dict[str, Json] = {
        "violation_end": str(end),
        "decision_date": str(ctx.request.decision_date),
        "highest_fine": money_json(highest),
        "recidive": with_recidive,
        "paused_days": paused,
        "last_day": str(last_day),
        "parameters": ctx.used(name, "limitation.small_fine_max"),
    }
    citation = "art. 5:45 lid 1 Awb" if small else "art. 5:45 lid 2 Awb; art. 5:53 Awb"
    if paused:
        citation += "; art. 5:45 lid 3 Awb"
    if highest is not None and small:
        why = (
            f"De hoogste boete die mogelijk is, is {euro(highest)}. Dat is niet meer dan {euro(small_max)}, "
            f"dus geldt een termijn van {years} jaar."
        )
    else:
        why = f"Er is een boete van meer dan {euro(small_max)} mogelijk, dus geldt een termijn van {years} jaar."
    if paused:
        why += f" De {paused} dagen van bezwaar of beroep tellen niet mee."
    if lapsed:
        text = (
            f"De overtreding eindigde op {dutch_date(end)}. {why} Die termijn is voorbij sinds "
            f"{dutch_date(last_day)}. Daarom mag de gemeente geen boete meer geven."
        )
        return Sanction(type="geen", reason="verjaard"), step("verjaring", citation, inputs, True, text)
    text = (
        f"De overtreding eindigde op {dutch_date(end)}. {why} "
        f"De gemeente kan tot en met {dutch_date(last_day)} een boete geven."
    )
    return None, step("verjaring", citation, inputs, False, text)
