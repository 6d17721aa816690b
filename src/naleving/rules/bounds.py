"""Limits the law puts on figures a municipality sets: checked when a registry loads, so a profile version (or
an approved parameter set) outside them is rejected with the parameter named, before any decision uses it.

- The months of a reduction for an obligation of Pw 18(4) lie within `maatregel.pw18_4.months_min` ..
  `months_max` (1 to 3, Pw 18(5)) in force on the figure's `valid_from`; the percentage is not the
  municipality's to set (100 %, 18(5)).
- A category of the afstemmingsverordening (Pw 18(2)) reduces by 1 to 100 % of the norm, for at least 1 month.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from naleving.rules.errors import ParameterFileError, ParameterNotInForce
from naleving.rules.parameters import DatedValue, Parameter, Value

#: a policy parameter -> the law parameters that bound it (minimum, maximum)
LAW_BOUNDS = {
    "maatregel.verordening.pw18_4.months_first": (
        "maatregel.pw18_4.months_min",
        "maatregel.pw18_4.months_max",
    ),
    "maatregel.verordening.pw18_4.months_recidive": (
        "maatregel.pw18_4.months_min",
        "maatregel.pw18_4.months_max",
    ),
}
#: a policy parameter -> fixed bounds (minimum, maximum or None), with the reason in words
FIXED_BOUNDS: dict[str, tuple[Decimal, Decimal | None, str]] = {}
for _category in (1, 2, 3):
    _prefix = f"maatregel.verordening.category.{_category}"
    FIXED_BOUNDS[f"{_prefix}.percentage"] = (
        Decimal(1),
        Decimal(100),
        "a reduction is 1 to 100 percent of the norm (art. 18 lid 2 Pw)",
    )
    FIXED_BOUNDS[f"{_prefix}.months"] = (
        Decimal(1),
        None,
        "a reduction lasts at least 1 month (art. 18 lid 2 Pw)",
    )


def _number(value: Value) -> Decimal:
    assert isinstance(value, int | Decimal) and not isinstance(value, bool)  # months and percent units
    return Decimal(value)


def _law_value(parameters: Mapping[str, Parameter], name: str, dated: DatedValue, figure: str) -> Decimal:
    try:
        return _number(parameters[name].at(dated.valid_from).value)
    except ParameterNotInForce:
        message = f"the law sets no limit ({name}) on {dated.valid_from}, when this value starts"
        raise ParameterFileError(parameters[figure].file, figure, message) from None


def check_bounds(parameters: Mapping[str, Parameter]) -> None:
    """Raise `ParameterFileError` naming the file and the parameter whose value is outside its limits."""
    for name, (low_name, high_name) in LAW_BOUNDS.items():
        figure = parameters.get(name)
        if figure is None or low_name not in parameters or high_name not in parameters:
            continue  # a parameter set without the maatregel (a test's own files)
        for dated in figure.values:
            low = _law_value(parameters, low_name, dated, name)
            high = _law_value(parameters, high_name, dated, name)
            if not low <= _number(dated.value) <= high:
                message = (
                    f"{dated.value} (from {dated.valid_from}) is outside {low} to {high} months, the limits of "
                    f"art. 18 lid 5 Pw ({low_name}, {high_name})"
                )
                raise ParameterFileError(figure.file, name, message)
    for name, (low_value, high_value, reason) in FIXED_BOUNDS.items():
        figure = parameters.get(name)
        for dated in () if figure is None else figure.values:
            value = _number(dated.value)
            if value < low_value or (high_value is not None and value > high_value):
                message = f"{dated.value} (from {dated.valid_from}) is not allowed: {reason}"
                raise ParameterFileError(parameters[name].file, name, message)
