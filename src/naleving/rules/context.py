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


def dutch_date(day: date) -> str:
    months = [
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
    ]
    return f"{day.day} {months[day.month - 1]} {day.year}"


_FINE_ARTICLE = re.compile(r"art\. 18a ((?:lid [0-9]+(?: en [0-9]+)? )?)Pw")


@dataclass(frozen=True, slots=True)
class Context:
    """The request being decided and the parameters in force for its profile on its decision date."""

    request: DecisionRequest
    params: Params

    def cite(self, citation: str) -> str:
        """Pw citations as the request's regulation numbers them: IOAW and IOAZ have the duty to inform in
        art. 13(1) and the fine in art. 20a, with the same paragraphs (legal-rules.md); other articles keep
        their Pw number. Bbz 2004 assistance is Pw assistance."""
        law = self.request.regulation
        if law not in ("IOAW", "IOAZ"):
            return citation
        citation = citation.replace("art. 17 lid 1 Pw", f"art. 13 lid 1 {law}")
        return _FINE_ARTICLE.sub(lambda m: f"art. 20a {m.group(1)}{law}", citation)

    def used(self, *names: str) -> dict[str, Json]:
        """The parameters a step used, with value, confidence and source, for the trace."""
        return {name: dict(self.params.dated(name).described) for name in names}


def step(rule: str, citation: str, inputs: dict[str, Json], result: Json, text_nl: str) -> TraceStep:
    return TraceStep(rule=rule, citation=citation, inputs=inputs, result=result, text_nl=text_nl)
