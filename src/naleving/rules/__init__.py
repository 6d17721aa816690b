"""naleving.rules: the framework-free sanction decision engine (decision-contract.md).

Pure functions over frozen dataclasses, `Decimal` money, dated parameters in YAML and policy profiles as
overlays. No Django, no clock: the peildatum is always an argument.
"""

from naleving.rules.api import asset_limit, norm
from naleving.rules.errors import (
    ParameterFileError,
    ParameterNotInForce,
    RuleInputError,
    RulesError,
    UnknownProfile,
)

__all__ = [
    "ParameterFileError",
    "ParameterNotInForce",
    "RuleInputError",
    "RulesError",
    "UnknownProfile",
    "asset_limit",
    "norm",
]
