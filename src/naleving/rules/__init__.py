"""naleving.rules: the framework-free sanction decision engine (docs: docs/rules/, contract:
decision-contract.md).

Pure functions over frozen dataclasses, `Decimal` money, dated parameters in YAML (`parameters/`) and policy
profiles as overlays (`profiles/`). No Django and no clock: the peildatum is always an argument.

    request = parse_request(json_data)           # RuleInputError(code, message, field) when invalid
    response = evaluate(request)                  # DecisionResponse with the trace
                                                  # ("kind": "maatregel": MaatregelRequest -> MaatregelResponse)
    OBLIGATIONS                                   # the maatregel's obligation catalogue (Pw 18(4), 18(2))
    response_to_dict(response)                    # JSON-ready, amounts as "500.00"
    four_eyes_policy(profile, on)                 # FourEyes: when a second official co-signs
    parameter_gaps(profile, today, horizon_days)  # parameters missing today or ending soon
"""

from naleving.rules.api import (
    asset_limit,
    available_profiles,
    norm,
    parameter_gaps,
    parameters_in_force,
    rules_version,
)
from naleving.rules.describe import missing_parameter_nl
from naleving.rules.engine import evaluate
from naleving.rules.errors import (
    ParameterFileError,
    ParameterNotInForce,
    RuleInputError,
    RulesError,
    UnknownProfile,
)
from naleving.rules.explain import explain
from naleving.rules.four_eyes import FourEyes, FourEyesReason, four_eyes_policy
from naleving.rules.io import parse_request, request_to_dict, response_to_dict
from naleving.rules.maatregel.catalogue import CATALOGUE as OBLIGATIONS
from naleving.rules.maatregel.catalogue import Obligation
from naleving.rules.maatregel.model import (
    Breach,
    Maatregel,
    MaatregelHistoryItem,
    MaatregelJudgements,
    MaatregelRequest,
    MaatregelResponse,
    ObligationOutcome,
)
from naleving.rules.model import (
    Correction,
    DecisionRequest,
    DecisionResponse,
    HistoryItem,
    Household,
    Income,
    Judgements,
    MonthlyAmount,
    Recovery,
    Sanction,
    Suspension,
    TraceStep,
    Violation,
)
from naleving.rules.registry import ENGINE_VERSION, Amendment, Registry, default_registry

RULES_VERSION = rules_version()

__all__ = [
    "ENGINE_VERSION",
    "OBLIGATIONS",
    "RULES_VERSION",
    "Amendment",
    "Breach",
    "Correction",
    "DecisionRequest",
    "DecisionResponse",
    "FourEyes",
    "FourEyesReason",
    "HistoryItem",
    "Household",
    "Income",
    "Judgements",
    "Maatregel",
    "MaatregelHistoryItem",
    "MaatregelJudgements",
    "MaatregelRequest",
    "MaatregelResponse",
    "MonthlyAmount",
    "Obligation",
    "ObligationOutcome",
    "ParameterFileError",
    "ParameterNotInForce",
    "Recovery",
    "Registry",
    "RuleInputError",
    "RulesError",
    "Sanction",
    "Suspension",
    "TraceStep",
    "UnknownProfile",
    "Violation",
    "asset_limit",
    "available_profiles",
    "default_registry",
    "evaluate",
    "explain",
    "four_eyes_policy",
    "missing_parameter_nl",
    "norm",
    "parameter_gaps",
    "parameters_in_force",
    "parse_request",
    "request_to_dict",
    "response_to_dict",
    "rules_version",
]
