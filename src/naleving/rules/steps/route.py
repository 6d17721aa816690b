"""Rules 4-6 of the contract: the criminal route, no blame, and the limitation period."""

from __future__ import annotations

from decimal import Decimal

from naleving.rules.context import Context, dutch_date, euro, money_json, step
from naleving.rules.model import Json, Sanction, TraceStep
from naleving.rules.money import add_years

CULPABILITY_NL = {
    "opzet": "opzet",
    "grove_schuld": "grove schuld",
    "normaal": "normale verwijtbaarheid",
    "verminderd": "verminderde verwijtbaarheid",
    "geen": "geen verwijtbaarheid",
}


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


def limitation(ctx: Context, amount: Decimal) -> tuple[Sanction | None, TraceStep]:
    """Rule 6: more than the limitation period between the end of the breach and the decision: no fine."""
    years = ctx.params.integer("limitation.years")
    end = ctx.request.violation.end
    last_day = add_years(end, years)
    lapsed = ctx.request.decision_date > last_day
    inputs: dict[str, Json] = {
        "violation_end": str(end),
        "decision_date": str(ctx.request.decision_date),
        "last_day": str(last_day),
        "parameters": ctx.used("limitation.years"),
    }
    citation = ctx.params.dated("limitation.years").citation()
    if lapsed:
        text = (
            f"De overtreding eindigde op {dutch_date(end)}. Dat is meer dan {years} jaar geleden. "
            "Daarom mag de gemeente geen boete meer geven."
        )
        return Sanction(type="geen", reason="verjaard"), step("verjaring", citation, inputs, True, text)
    text = f"De overtreding eindigde op {dutch_date(end)}. Dat is niet langer dan {years} jaar geleden."
    return None, step("verjaring", citation, inputs, False, text)
