"""Rule 7 of the contract: the written warning instead of a fine (Pw 18a(4), Boetebesluit 2aa)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from naleving.rules.context import CULPABILITY_NL, Context, dutch_date, euro, step
from naleving.rules.model import HistoryItem, Json, Sanction, TraceStep
from naleving.rules.money import add_years

CITATION = "art. 18a lid 4 Pw; art. 2aa Boetebesluit"
_GROUND_REASON = {"klein_bedrag": "waarschuwing_klein_bedrag", "zelfmelding": "waarschuwing_zelfmelding"}
_TYPE_NL = {"waarschuwing": "waarschuwing", "boete": "boete", "strafrechtelijk": "straf"}


def warning_grounds(ctx: Context, amount: Decimal) -> list[str]:
    """The grounds of Boetebesluit 2aa(1) that hold: a small amount, or a timely self-report before detection."""
    grounds = []
    if amount <= ctx.params.money("warning.max_benadelingsbedrag"):
        grounds.append("klein_bedrag")
    violation = ctx.request.violation
    reported = violation.self_reported_on
    if reported is not None:
        in_time = reported <= violation.start + timedelta(days=ctx.params.integer("warning.self_report_days"))
        before_detection = violation.detected_on is None or reported < violation.detected_on
        if in_time and before_detection:
            grounds.append("zelfmelding")
    return grounds


def blocking_sanction(ctx: Context) -> HistoryItem | None:
    """An earlier sanction of a blocking type given in the look-back period from its date (18a(4))."""
    types = ctx.params.words("warning.blocked_by")
    years = ctx.params.integer("warning.lookback_years")
    start = ctx.request.violation.start
    for item in sorted(ctx.request.history, key=lambda h: h.date, reverse=True):
        if item.type in types and item.date <= start < add_years(item.date, years):
            return item
    return None


def _inputs(
    ctx: Context, amount: Decimal, grounds: list[str], blocker: HistoryItem | None
) -> dict[str, Json]:
    names = ["warning.max_benadelingsbedrag", "warning.lookback_years", "warning.blocked_by"]
    names += ["warning.give_when_allowed", "fine.culpabilities"]
    if ctx.request.violation.self_reported_on is not None:
        names.append("warning.self_report_days")
    return {
        "benadelingsbedrag": f"{amount:.2f}",
        "self_reported_on": None
        if ctx.request.violation.self_reported_on is None
        else str(ctx.request.violation.self_reported_on),
        "grounds": list(grounds),
        "blocked_by": None if blocker is None else {"type": blocker.type, "date": str(blocker.date)},
        "parameters": ctx.used(*names),
    }


def _blocked_text(ctx: Context, blocker: HistoryItem) -> str:
    years = ctx.params.integer("warning.lookback_years")
    return (
        f"U kreeg op {dutch_date(blocker.date)} al een {_TYPE_NL[blocker.type]}. "
        f"Deze overtreding begon binnen {years} jaar daarna. Daarom kan het niet bij een waarschuwing blijven."
    )


def _grounds_text(ctx: Context, grounds: list[str]) -> str:
    if "klein_bedrag" in grounds:
        limit = ctx.params.money("warning.max_benadelingsbedrag")
        return f"Het bedrag is niet hoger dan {euro(limit)}. Daarom krijgt u een schriftelijke waarschuwing."
    if grounds:
        return "U heeft het zelf en op tijd gemeld. Daarom krijgt u een schriftelijke waarschuwing."
    return "Een waarschuwing is volgens de wet niet mogelijk. Het bedrag is te hoog en u meldde het niet zelf op tijd."


def warning(ctx: Context, amount: Decimal) -> tuple[Sanction | None, TraceStep]:
    """A warning when allowed and not blocked; a profile that does not fine this culpability warns or lets go."""
    grounds = warning_grounds(ctx, amount)
    blocker = blocking_sanction(ctx)
    culpability = CULPABILITY_NL[ctx.request.culpability]
    fineable = ctx.request.culpability in ctx.params.words("fine.culpabilities")
    inputs = _inputs(ctx, amount, grounds, blocker)
    citation = ctx.cite(CITATION)
    if blocker is not None:
        text = _blocked_text(ctx, blocker)
        if fineable:
            return None, step("waarschuwing", citation, inputs, "geblokkeerd", text)
        text += f" De gemeente geeft bij {culpability} geen boete. U krijgt geen sanctie."
        return Sanction(type="geen", reason="geen_boete_beleid"), step(
            "waarschuwing", citation, inputs, "geen", text
        )
    if not fineable:
        text = (
            f"De gemeente geeft bij {culpability} geen boete. Daarom krijgt u een schriftelijke waarschuwing."
        )
        reason = _GROUND_REASON[grounds[0]] if grounds else "waarschuwing_beleid"
        return Sanction(type="waarschuwing", reason=reason), step(
            "waarschuwing", citation, inputs, "waarschuwing", text
        )
    if grounds and ctx.params.flag("warning.give_when_allowed"):
        sanction = Sanction(type="waarschuwing", reason=_GROUND_REASON[grounds[0]])
        return sanction, step("waarschuwing", citation, inputs, "waarschuwing", _grounds_text(ctx, grounds))
    if grounds:
        return None, step(
            "waarschuwing",
            citation,
            inputs,
            "niet_gekozen",
            "De gemeente kiest hier niet voor een waarschuwing.",
        )
    return None, step("waarschuwing", citation, inputs, "niet_toegestaan", _grounds_text(ctx, grounds))
