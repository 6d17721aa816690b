"""Rule 10 of the contract (non-cooperation) and the suggested follow-ups."""

from __future__ import annotations

from naleving.rules.context import Context, step
from naleving.rules.model import Json, Recovery, Sanction, Suspension, TraceStep


def cooperation(ctx: Context) -> tuple[Suspension | None, TraceStep]:
    """`refused`: suspension up to 8 weeks with a hersteltermijn and a risk and impact assessment (Pw 54);
    `unable`: no suspension, the municipality calls in help (Groningen actielijn 4)."""
    answer = ctx.request.cooperation
    citation = ctx.cite("art. 54 lid 1 Pw")
    inputs: dict[str, Json] = {"cooperation": answer}
    if answer == "refused":
        weeks = ctx.params.integer("suspension.max_weeks")
        days = ctx.params.integer("suspension.hersteltermijn_days")
        inputs["parameters"] = ctx.used("suspension.max_weeks", "suspension.hersteltermijn_days")
        text = (
            f"U werkt niet mee. De gemeente kan uw uitkering dan ten hoogste {weeks} weken stopzetten. "
            f"U krijgt eerst {days} dagen om het te herstellen. De gemeente kijkt vooraf wat dit voor u betekent."
        )
        suspension = Suspension(max_weeks=weeks, hersteltermijn_days=days, impact_assessment_required=True)
        return suspension, step("medewerking", citation, inputs, "opschorting", text)
    if answer == "unable":
        text = "U kunt niet meewerken. De uitkering wordt niet stopgezet. De gemeente zoekt hulp voor u."
        return None, step("medewerking", citation, inputs, "hulp_inschakelen", text)
    text = "U werkt mee aan het onderzoek. Er is geen reden om de uitkering stop te zetten."
    return None, step("medewerking", citation, inputs, "geen", text)


def followups(ctx: Context, breach: bool, recovery: Recovery, sanction: Sanction) -> tuple[str, ...]:
    """Suggested next steps; the consulent decides. Repeat the information after a breach without intent,
    refer to debt help when the fine hit the ability-to-pay cap or recovery was reduced for urgent
    reasons, call in help when the resident cannot co-operate."""
    found: list[str] = []
    if breach and ctx.request.culpability != "opzet":
        found.append("voorlichting_herhalen")
    hardship = sanction.capped_by == "draagkracht" or recovery.refrained_amount > 0
    if breach and ctx.request.income.on_benefit and hardship:
        found.append("verwijzing_schuldhulp")
    if ctx.request.cooperation == "unable":
        found.append("hulp_inschakelen")
    return tuple(found)
