"""The decision engine: the rules of decision-contract.md, in order, each adding one step to the trace."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import overload

from naleving.rules.context import Context
from naleving.rules.maatregel.model import MaatregelRequest, MaatregelResponse
from naleving.rules.maatregel.rules import evaluate_maatregel
from naleving.rules.model import DecisionRequest, DecisionResponse, Sanction, TraceStep
from naleving.rules.registry import Registry, default_registry
from naleving.rules.steps.aftercare import cooperation, followups
from naleving.rules.steps.facts import benadelingsbedrag, correction_and_recovery, exempt_fact
from naleving.rules.steps.fine import base_fine, caps, recidive, urgent_reasons
from naleving.rules.steps.route import criminal_route, limitation, no_blame
from naleving.rules.steps.warning import warning
from naleving.rules.validate import validate_request

Rule = Callable[[Context, Decimal], tuple[Sanction | None, TraceStep | None]]

# Rules 4-7 and the first part of rule 8: each may settle the sanction; the first that does ends the chain.
SETTLING_RULES: tuple[Rule, ...] = (criminal_route, no_blame, limitation, warning, urgent_reasons)


def fine(ctx: Context, amount: Decimal, trace: list[TraceStep]) -> Sanction:
    """Rules 8 and 9: recidive, the percentage (or the EUR 150 starting amount) and the caps."""
    is_recidive, recidive_step = recidive(ctx, amount)
    base, base_step = base_fine(ctx, amount, is_recidive)
    final, capped_by, cap_step = caps(ctx, amount, base)
    trace += [recidive_step, base_step, cap_step]
    reason = "boete_startbedrag" if base.percentage is None else "boete_percentage"
    return Sanction(
        type="boete",
        reason=reason,
        fine_amount=final,
        base_percentage=base.percentage,
        recidive=base.recidive,
        capped_by=capped_by,
    )


def sanction(ctx: Context, amount: Decimal, trace: list[TraceStep]) -> Sanction:
    for rule in SETTLING_RULES:
        settled, rule_step = rule(ctx, amount)
        if rule_step is not None:
            trace.append(rule_step)
        if settled is not None:
            return settled
    return fine(ctx, amount, trace)


@overload
def evaluate(request: DecisionRequest, registry: Registry | None = None) -> DecisionResponse: ...
@overload
def evaluate(request: MaatregelRequest, registry: Registry | None = None) -> MaatregelResponse: ...
def evaluate(
    request: DecisionRequest | MaatregelRequest, registry: Registry | None = None
) -> DecisionResponse | MaatregelResponse:
    """Decide a request: pure, so the same request (and parameter set) always gives the same response. A
    `MaatregelRequest` (`"kind": "maatregel"`) is decided by the maatregel rules (`rules.maatregel.rules`).

    Raises `RuleInputError` for an invalid request and `ParameterNotInForce` when a parameter the decision
    needs has no value on the decision date.
    """
    registry = registry or default_registry()
    if isinstance(request, MaatregelRequest):
        return evaluate_maatregel(request, registry)
    return _evaluate_breach(request, registry)


def _evaluate_breach(request: DecisionRequest, registry: Registry) -> DecisionResponse:
    profile = validate_request(request, registry)
    ctx = Context(request, registry.params(profile, request.decision_date))
    exempt, exempt_step = exempt_fact(ctx)
    amount, amount_step = benadelingsbedrag(ctx)
    correction, recovery, recovery_step = correction_and_recovery(ctx, exempt, amount)
    trace = [exempt_step, amount_step, recovery_step]
    decided = Sanction(type="geen", reason="vrijgesteld_feit") if exempt else sanction(ctx, amount, trace)
    suspension, cooperation_step = cooperation(ctx)
    trace.append(cooperation_step)
    return DecisionResponse(
        profile=profile.name,
        rules_version=registry.version,
        decision_date=request.decision_date,
        breach=not exempt,
        benadelingsbedrag=amount,
        correction=correction,
        recovery=recovery,
        sanction=decided,
        suspension=suspension,
        followups=followups(ctx, not exempt, recovery, decided),
        trace=tuple(trace),
    )
