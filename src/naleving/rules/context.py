"""What every rule step sees: the request, the parameters of its profile on the decision date, and helpers
to write JSON-ready trace inputs and Dutch amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from naleving.rules.model import DecisionRequest, Json, TraceStep
from naleving.rules.registry import Params


def money_json(amount: Decimal | None) -> Json:
    """An amount as the contract writes it: text with exactly two decimals."""
    return None if amount is None else f"{amount:.2f}"


def euro(amount: Decimal) -> str:
    """An amount as Dutch text writes it: `€ 1.681,80`."""
    text = f"{amount:,.2f}"
    return "€ " + text.replace(",", " ").replace(".", ",").replace(" ", ".")


MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: date) -> str:
    """`date(2027, 1, 5)` → `5 januari 2027`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


CULPABILITY_NL = {
    "opzet": "opzet",
    "grove_schuld": "grove schuld",
    "normaal": "normale verwijtbaarheid",
    "verminderd": "verminderde verwijtbaarheid",
    "geen": "geen verwijtbaarheid",
}

#: The Pw articles the engine cites and their IOAW/IOAZ counterparts (legal-rules.md, "Verified statute
#: texts"; docs/rules/ioaw-ioaz-articles.md, read in the texts valid from 2026-07-01): duty to inform 13(1),
#: fine 20a (paragraphs 1-7 as 18a), suspension 17(1), herziening 17(3), recovery 25(1) with dringende redenen
#: 25(7), set-off 28. Pw 53a has no counterpart; the duty of 13(1) is cited alone.
IOAW_ARTICLES: dict[str, str] = {
    "art. 17 lid 1 Pw": "art. 13 lid 1 {law}",
    "art. 53a Pw": "art. 13 lid 1 {law}",
    "art. 54 lid 1 Pw": "art. 17 lid 1 {law}",
    "art. 54 lid 3 Pw": "art. 17 lid 3 {law}",
    "art. 58 lid 1 en 8 Pw": "art. 25 lid 1 en 7 {law}",
    "art. 60 lid 4 Pw": "art. 28 {law}",
}
_FINE_ARTICLE = re.compile(r"^art\. 18a ((?:lid [0-9]+(?: en [0-9]+)? )?)Pw$")


@dataclass(frozen=True, slots=True)
class Context:
    """The request being decided and the parameters in force for its profile on its decision date."""

    request: DecisionRequest
    params: Params

    def cite(self, citation: str) -> str:
        """Pw citations as the request's regulation numbers them: an IOAW or IOAZ decision cites its own law
        (`IOAW_ARTICLES`, the fine in art. 20a with the same paragraphs as 18a), never the Pw. Bbz 2004
        assistance is Pw assistance."""
        law = self.request.regulation
        if law not in ("IOAW", "IOAZ"):
            return citation
        parts: list[str] = []
        for part in citation.split("; "):
            part = _FINE_ARTICLE.sub(lambda m: f"art. 20a {m.group(1)}{law}", part)
            part = IOAW_ARTICLES.get(part, part).format(law=law)
            if part not in parts:
                parts.append(part)
        return "; ".join(parts)

    def used(self, *names: str) -> dict[str, Json]:
        """The parameters a step used, with value, confidence and source, for the trace."""
        return {name: dict(self.params.dated(name).described) for name in names}


def step(rule: str, citation: str, inputs: dict[str, Json], result: Json, text_nl: str) -> TraceStep:
    return TraceStep(rule=rule, citation=citation, inputs=inputs, result=result, text_nl=text_nl)


def step_to_dict(step: TraceStep) -> dict[str, Json]:
    return {
        "rule": step.rule,
        "citation": step.citation,
        "inputs": step.inputs,
        "result": step.result,
        "text_nl": step.text_nl,
    }
