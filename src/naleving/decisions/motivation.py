"""The motivation of a besluit in B1 Dutch, written from the engine's outcome and the consulent's weighing.

What the fine letter must say (issue #18): the fact and the period, the culpability with its reasons, the
percentage and the calculation and any cap exactly as in the engine's response, what is recovered, the
authority's own role, the resident's circumstances and draagkracht, dringende redenen and the answer to the
zienswijze. The consulent edits the text on the page but cannot leave it empty; the API and older callers
get this text as it is. Amounts, percentages and citations come from the stored response and its trace,
never recomputed, so the letter says what the engine decided.

Pure: no database, no clock.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from naleving.common.formatting import euro, long_date, month_year
from naleving.decisions.legal_basis import benefit_noun, citation
from naleving.decisions.models import SanctionType
from naleving.decisions.weighing import factors
from naleving.rules.context import CULPABILITY_NL

REASONS = "verwijtbaarheid_redenen"
#: What was not reported, after "U heeft niet of niet op tijd doorgegeven ..." (violation kinds of the contract)
FACTS = {
    "income": "dat u inkomsten had",
    "cohabitation": "dat u samenwoonde",
    "address": "waar u echt woonde",
    "household": "wie er bij u in huis woonden",
    "assets": "dat u geld of bezit had (vermogen)",
    "vehicle": "dat u een auto of ander voertuig had",
    "abroad": "dat u in het buitenland was",
    "detention": "dat u in de gevangenis zat",
    "study": "dat u een opleiding volgde",
    "other": "een wijziging die belangrijk was voor uw uitkering",
}
#: The rules that settle the sanction before a fine is computed (rules.engine.SETTLING_RULES)
SETTLING = ("strafrechtelijke_route", "verwijtbaarheid", "verjaring", "waarschuwing", "dringende_redenen")


def motivation_write(
    *,
    engine_response: dict,
    engine_request: dict,
    sanction_type: str,
    fine_amount,
    recovery_amount,
    verwijtbaarheid: str,
    answers: dict | None,
    regulation: str | None = None,
) -> str:
    """The motivation paragraphs (separated by a blank line) for the chosen outcome and the weighing.

    ``engine_response`` and ``engine_request`` are the decision contract's JSON as the besluit stores them;
    ``sanction_type``, ``fine_amount`` and ``recovery_amount`` what the consulent chose (equal to the proposal
    unless they deviate); ``answers`` the weighing per factor code; ``regulation`` the law whose articles are
    cited (the request's when left out)."""
    regulation = regulation or engine_request.get("regulation")
    answers = {code: str(text or "").strip() for code, text in (answers or {}).items()}
    paragraphs = [
        _fact(engine_request, engine_response, regulation),
        _sanction(
            engine_response,
            sanction_type,
            Decimal(str(fine_amount or 0)),
            verwijtbaarheid,
            answers,
            regulation,
        ),
        _recovery(engine_response, Decimal(str(recovery_amount or 0)), regulation),
        *_weighing(answers),
    ]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _fact(request: dict, response: dict, regulation: str | None) -> str:
    violation = request.get("violation") or {}
    fact = FACTS.get(violation.get("kind"), FACTS["other"])
    lines = [f"U heeft niet of niet op tijd doorgegeven {fact}."]
    if violation.get("start") and violation.get("end"):
        start, end = date.fromisoformat(violation["start"]), date.fromisoformat(violation["end"])
        lines.append(f"Het gaat om de periode van {long_date(start)} tot en met {long_date(end)}.")
    lines.append(f"Dat moest u wel doorgeven ({citation(regulation, 'inlichtingenplicht')}).")
    amount = Decimal(response.get("benadelingsbedrag") or "0")
    if amount > 0:
        lines.append(f"Daardoor kreeg u {euro(amount)} {benefit_noun(regulation)} te veel.")
    else:
        lines.append("U kreeg daardoor geen geld te veel.")
    return " ".join(lines)


def _step(response: dict, rule: str) -> dict | None:
    return next((s for s in response.get("trace") or [] if s.get("rule") == rule), None)


def _settling_text(response: dict) -> str:
    """The engine's words for the rule that settled the sanction (the last settling rule in the trace)."""
    steps = [s for s in response.get("trace") or [] if s.get("rule") in SETTLING]
    return steps[-1]["text_nl"] if steps else ""


def _culpability(verwijtbaarheid: str, answers: dict) -> str:
    if verwijtbaarheid not in CULPABILITY_NL or verwijtbaarheid == "geen":
        return ""
    text = f"De gemeente vindt dat u dit te verwijten valt. De mate van verwijtbaarheid is: {CULPABILITY_NL[verwijtbaarheid]}."
    if answers.get(REASONS):
        text += f" {_lead(REASONS, 'De redenen daarvoor:')} {_sentence(answers[REASONS])}"
    return text


def _sanction(
    response: dict,
    sanction_type: str,
    fine: Decimal,
    verwijtbaarheid: str,
    answers: dict,
    regulation: str | None,
) -> str:
    proposed = response.get("sanction") or {}
    proposed_type = proposed.get("type")
    lines = [_culpability(verwijtbaarheid, answers)]
    if sanction_type == SanctionType.BOETE:
        lines.insert(0, f"U krijgt een boete van {euro(fine)} ({citation(regulation, 'boete')}).")
        if proposed_type == SanctionType.BOETE:
            lines += _calculation(response)
            proposed_fine = Decimal(proposed.get("fine_amount") or "0")
            if fine != proposed_fine:
                lines.append(
                    f"De beslisregels kwamen uit op {euro(proposed_fine)}. Na de weging hieronder verlaagt de "
                    f"gemeente de boete tot {euro(fine)}."
                )
    elif proposed_type == sanction_type:
        lines.append(_settling_text(response))
    else:
        lines.append(_lighter(proposed, sanction_type))
    return " ".join(line for line in lines if line)


def _lighter(proposed: dict, sanction_type: str) -> str:
    """The consulent chose a lighter sanction than the proposal (maatwerk)."""
    was = SanctionType(proposed["type"]).label.lower() if proposed.get("type") else "een sanctie"
    if proposed.get("type") == SanctionType.BOETE and proposed.get("fine_amount"):
        was = f"een boete van {euro(proposed['fine_amount'])}"
    elif proposed.get("type") == SanctionType.WAARSCHUWING:
        was = "een waarschuwing"
    chosen = {
        SanctionType.WAARSCHUWING: "geeft de gemeente u een schriftelijke waarschuwing in plaats van een boete",
        SanctionType.GEEN: "geeft de gemeente u geen boete en geen waarschuwing",
    }.get(sanction_type, "kiest de gemeente een lichtere sanctie")
    return f"De beslisregels stelden {was} voor. Na de weging hieronder {chosen}."


def _calculation(response: dict) -> list[str]:
    """The percentage, the base, the result and the cap, in the engine's numbers."""
    sanction = response["sanction"]
    step = _step(response, "boete") or {}
    inputs = step.get("inputs") or {}
    lines = []
    percentage = sanction.get("base_percentage")
    if percentage is None:  # no benadelingsbedrag: the fixed starting amount
        lines.append(
            f"Er is geen geld te veel betaald. Dan is de boete {euro(step.get('result'))} ({step.get('citation')})."
        )
    else:
        base, amount = Decimal(inputs.get("base") or "0"), Decimal(inputs.get("benadelingsbedrag") or "0")
        if sanction.get("recidive"):
            share = ((inputs.get("parameters") or {}).get("fine.recidive_percentage") or {}).get(
                "value", "150"
            )
            lines.append(
                f"U kreeg eerder een boete of straf voor hetzelfde soort overtreding (herhaling). Daarom telt "
                f"{share}% van {euro(amount)}: dat is {euro(base)}."
            )
        lines.append(
            f"De boete is {percentage}% van {euro(base)}. Dat is {euro(step.get('result'))} ({step.get('citation')})."
        )
    cap = _cap(response)
    if cap:
        lines.append(cap)
    return lines


def _cap(response: dict) -> str:
    step = _step(response, "plafond")
    capped_by = response["sanction"].get("capped_by")
    if step is None or not capped_by:
        return ""
    inputs, final = step.get("inputs") or {}, response["sanction"].get("fine_amount")
    if capped_by == "draagkracht":
        parameters = inputs.get("parameters") or {}
        months = next(
            (p["value"] for name, p in parameters.items() if name.startswith("draagkracht.months.")), ""
        )
        share = (parameters.get("draagkracht.norm_percentage") or {}).get("value", "")
        return (
            f"Dat is meer dan u kunt betalen. U hoeft niet meer te betalen dan in {months} maanden past: "
            f"{share}% van uw bijstandsnorm per maand. Daarom is de boete {euro(final)} ({step.get('citation')})."
        )
    return (
        f"De wet zet een grens aan de hoogte van de boete: {euro(inputs.get('category_cap'))}. Daarom is de "
        f"boete {euro(final)} ({step.get('citation')})."
    )


def _recovery(response: dict, chosen: Decimal, regulation: str | None) -> str:
    recovery = response.get("recovery") or {}
    proposed = Decimal(recovery.get("amount") or "0")
    if chosen == 0 and proposed == 0:
        return ""
    if chosen == 0:
        return f"De beslisregels kwamen uit op een terugvordering van {euro(proposed)}. Na de weging hieronder vordert de gemeente niets terug."
    text = f"U moet {euro(chosen)} terugbetalen ({citation(regulation, 'terugvordering')})."
    if chosen < proposed:
        text += f" De beslisregels kwamen uit op {euro(proposed)}. Na de weging hieronder vordert de gemeente minder terug."
    elif Decimal(recovery.get("refrained_amount") or "0") > 0:
        text += (
            f" Voor {euro(recovery['refrained_amount'])} ziet de gemeente af van terugvordering, omdat er "
            f"dringende redenen zijn ({citation(regulation, 'terugvordering_dringende_redenen')})."
        )
    return text


def _lead(code: str, default: str) -> str:
    return next((f.motivation_lead for f in factors() if f.code == code), default)


def _weighing(answers: dict) -> list[str]:
    """One paragraph per answered factor (the culpability reasons are already given), in the file's order."""
    found = [
        f"{factor.motivation_lead} {_sentence(answers[factor.code])}"
        for factor in factors()
        if factor.code != REASONS and answers.get(factor.code)
    ]
    return ["De gemeente heeft bij dit besluit ook het volgende afgewogen.", *found] if found else []


# -- the maatregel (Pw 18) ---------------------------------------------------------------------------------


def maatregel_motivation_write(
    *,
    engine_response: dict,
    verzuim,
    percentage,
    months: int,
    start_month: date,
    monthly,
    total,
    answers: dict | None,
) -> str:
    """The motivation of a maatregel: the obligation and its article (from the engine's response), the day,
    the reduction, recidive, and the weighing (path ``maatregel``) in the file's order. The facts, the
    resident's zienswijze and the answer to it are in the letter's own sections (``maatregel_letter``), so
    they are not repeated here.

    ``verzuim`` gives the day (``happened_on``); the figures are the ones the consulent chose."""
    obligation = engine_response.get("obligation") or {}
    proposal = engine_response.get("maatregel") or {}
    answers = {code: str(text or "").strip() for code, text in (answers or {}).items()}
    article = obligation.get("article", "art. 18 Pw")
    paragraphs = [
        f"U bent een verplichting van de Participatiewet niet nagekomen: "
        f"{obligation.get('label_nl', '').rstrip('.').lower()} ({article}), op {long_date(verzuim.happened_on)}. "
        f"Daarom verlagen wij uw {benefit_noun('Pw')} met {_percent(percentage)} van de bijstandsnorm, "
        f"{_months(months)} lang, vanaf {month_year(start_month)}. Dat is {euro(Decimal(str(monthly)))} per maand, "
        f"{euro(Decimal(str(total)))} in totaal.",
    ]
    if proposal.get("recidive"):
        paragraphs.append(
            "U kreeg eerder een verlaging voor het niet nakomen van zo'n verplichting. Daarom geldt de langere "
            "periode van de verordening."
        )
    found = [
        f"{factor.motivation_lead} {_sentence(answers[factor.code])}"
        for factor in factors("maatregel")
        if factor.code != "zienswijze" and answers.get(factor.code)
    ]
    if found:
        paragraphs += ["Wij hebben bij dit besluit het volgende afgewogen.", *found]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def _percent(value) -> str:
    number = Decimal(str(value)).normalize()
    return f"{number:f}".replace(".", ",") + " procent"


def _months(months: int) -> str:
    return "1 maand" if months == 1 else f"{months} maanden"
