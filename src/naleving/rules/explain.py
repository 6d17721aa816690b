"""`explain`: a decision response (its JSON form; a breach of the duty to inform or a maatregel) as readable
Dutch text, the reasons step by step."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from naleving.rules.context import euro
from naleving.rules.errors import RuleInputError

_SANCTION_NL = {
    "geen": "geen",
    "waarschuwing": "schriftelijke waarschuwing",
    "boete": "boete",
    "aangifte": "aangifte",
}


def _object(value: object, field: str | None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RuleInputError("invalid_response", "expected a JSON object", field)
    return value


def _amount(value: object, field: str) -> str:
    if value is None:
        return "-"
    try:
        return euro(Decimal(str(value)))
    except InvalidOperation:
        raise RuleInputError("invalid_response", "expected an amount", field) from None


def _sanction_line(sanction: Mapping[str, Any]) -> str:
    kind = str(sanction.get("type"))
    line = _SANCTION_NL.get(kind, kind)
    if kind == "boete":
        line += f" {_amount(sanction.get('fine_amount'), 'sanction.fine_amount')}"
        if sanction.get("base_percentage") is not None:
            line += f" ({sanction['base_percentage']}%)"
        if sanction.get("recidive"):
            line += ", herhaling"
        if sanction.get("capped_by"):
            line += f", begrensd door {sanction['capped_by']}"
    return f"{line} (reden: {sanction.get('reason')})"


def _outcome(data: Mapping[str, Any]) -> list[str]:
    recovery = _object(data.get("recovery", {}), "recovery")
    correction = _object(data.get("correction", {}), "correction")
    suspension = data.get("suspension")
    lines = [
        f"  Schending van de inlichtingenplicht: {'ja' if data.get('breach', True) else 'nee'}",
        f"  Benadelingsbedrag: {_amount(data.get('benadelingsbedrag'), 'benadelingsbedrag')}",
        f"  Herstel: {correction.get('type', '-')} {_amount(correction.get('amount'), 'correction.amount')}",
        f"  Terugvordering: {_amount(recovery.get('amount'), 'recovery.amount')}"
        + (f", afgezien van {_amount(recovery['refrained_amount'], 'recovery.refrained_amount')}"
           if recovery.get("refrained_amount") not in (None, "0.00") else ""),
        f"  Sanctie: {_sanction_line(_object(data.get('sanction', {}), 'sanction'))}",
    ]  # fmt: skip
    if isinstance(suspension, Mapping):
        lines.append(
            f"  Opschorting: ten hoogste {suspension.get('max_weeks')} weken, "
            f"hersteltermijn {suspension.get('hersteltermijn_days')} dagen"
        )
    followups = data.get("followups") or []
    if followups:
        lines.append(f"  Vervolgstappen: {', '.join(map(str, followups))}")
    return lines


def _maatregel_outcome(data: Mapping[str, Any]) -> list[str]:
    obligation = _object(data.get("obligation", {}), "obligation")
    outcome = _object(data.get("maatregel", {}), "maatregel")
    line = "geen verlaging"
    if outcome.get("type") == "verlaging":
        months = outcome.get("months")
        line = (
            f"verlaging van {outcome.get('percentage')}% van de norm "
            f"{_amount(outcome.get('norm'), 'maatregel.norm')}: "
            f"{_amount(outcome.get('monthly_amount'), 'maatregel.monthly_amount')} per maand, "
            f"{months} {'maand' if months == 1 else 'maanden'}, samen "
            f"{_amount(outcome.get('total_amount'), 'maatregel.total_amount')}"
        )
        if outcome.get("recidive"):
            line += ", herhaling"
    lines = [
        f"  Verplichting: {obligation.get('label_nl', '-')} ({obligation.get('article', '-')})",
        f"  Maatregel: {line} (reden: {outcome.get('reason')})",
    ]
    if outcome.get("reconsider_within_months") is not None:
        lines.append(f"  Heroverweging: binnen {outcome['reconsider_within_months']} maanden")
    followups = data.get("followups") or []
    if followups:
        lines.append(f"  Vervolgstappen: {', '.join(map(str, followups))}")
    return lines


def _steps(trace: object) -> list[str]:
    if not isinstance(trace, list) or not trace:
        raise RuleInputError("invalid_response", "expected a non-empty list of steps", "trace")
    lines = []
    for index, raw in enumerate(trace, start=1):
        item = _object(raw, f"trace[{index - 1}]")
        for key in ("rule", "citation", "text_nl"):
            if not isinstance(item.get(key), str):
                raise RuleInputError(
                    "invalid_response", f"a step needs {key} as text", f"trace[{index - 1}].{key}"
                )
        lines.append(f"  {index}. {item['rule']} ({item['citation']})")
        lines.append(f"     {item['text_nl']}")
    return lines


def explain(response_dict: Mapping[str, Any]) -> str:
    """Render a response's outcome and trace as text; raise `RuleInputError` when it is not a response."""
    data = _object(response_dict, None)
    header = (
        f"Besluit volgens profiel {data.get('profile', '?')}, peildatum {data.get('decision_date', '?')} "
        f"(regels {data.get('rules_version', '?')})"
    )
    steps = _steps(data.get("trace"))
    outcome = _maatregel_outcome(data) if data.get("kind") == "maatregel" else _outcome(data)
    return "\n".join([header, "", "Uitkomst", *outcome, "", "Redenen", *steps]) + "\n"
