"""What an approved change of the law would do to the open cases: the effect preview an approver sees before
approving a parameter set (issue 12). It lives with the decisions because it builds their requests; the
ruleset pages call it."""

from datetime import date

from django.utils import timezone

from naleving import rules
from naleving.decisions.engine_request import build_request
from naleving.decisions.selectors import awaiting_decision
from naleving.ruleset.models import ParameterSet
from naleving.ruleset.services import read_set


def effect_preview(*, parameter_set: ParameterSet, on: date | None = None) -> list[dict]:
    """The open cases (closed investigations with a breach and no besluit yet) whose proposal changes when the
    set is approved, evaluated on `on` (default: today, or the set's first day when that is later)."""
    current, with_set, parameters = read_set(parameter_set)
    if on is None:
        starts = [v.valid_from for p in parameters for v in p.values]
        on = max([timezone.localdate(), *([min(starts)] if starts else [])])
    changed = []
    for investigation in awaiting_decision():
        request = build_request(investigation=investigation, decision_date=on)
        before, after = _outcome(request, current), _outcome(request, with_set)
        if before != after:
            changed.append(
                {
                    "investigation": investigation.pk,
                    "resident": investigation.resident_id,
                    "before": before,
                    "after": after,
                }
            )
    return changed


def _outcome(request: dict, registry: rules.Registry) -> str:
    try:
        response = rules.evaluate(rules.parse_request(request, registry=registry), registry)
    except rules.ParameterNotInForce:
        return "geen besluit mogelijk (bedrag ontbreekt)"
    except rules.RuleInputError as exc:
        return f"geen besluit mogelijk ({exc.code})"
    sanction = response.sanction
    fine = f", boete € {sanction.fine_amount:.2f}" if sanction.fine_amount is not None else ""
    return f"{sanction.type}{fine}, terugvordering € {response.recovery.amount:.2f}"
