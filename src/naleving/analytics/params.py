"""Run parameters: definitions, defaults and parsing (from the command line's NAME=VALUE or from Python).

Whole-number parameters are `int`, others `Decimal` with at most 2 decimals (exact; in JSON output a
Decimal is written as a string). `min_group_size` belongs to the bias check and so to every control.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from naleving.analytics.errors import ParameterError

Value = int | Decimal


@dataclass(frozen=True)
class ParameterInfo:
    name: str
    default: Value
    minimum: Value
    description: str

    @property
    def whole(self) -> bool:
        return isinstance(self.default, int)

    def parse(self, raw: object) -> Value:
        """A value from text, int or Decimal; raises ParameterError when malformed or below the minimum."""
        value = self._convert(raw)
        if value < self.minimum:
            raise ParameterError(f"parameter {self.name} moet minstens {self.minimum} zijn, niet {raw!r}")
        return value

    def _convert(self, raw: object) -> Value:
        if isinstance(raw, bool) or not isinstance(raw, str | int | Decimal):
            raise ParameterError(f"parameter {self.name}: {raw!r} is geen getal")
        text = str(raw).strip()
        pattern = r"-?[0-9]+" if self.whole else r"-?[0-9]+(\.[0-9]{1,2})?"
        if not re.fullmatch(pattern, text):
            kind = (
                "een geheel getal"
                if self.whole
                else "een getal met hoogstens 2 decimalen (punt als scheiding)"
            )
            raise ParameterError(f"parameter {self.name} moet {kind} zijn, niet {raw!r}")
        try:
            return int(text) if self.whole else Decimal(text)
        except (ValueError, InvalidOperation) as e:  # pragma: no cover - the pattern already guards
            raise ParameterError(f"parameter {self.name}: {raw!r} is geen getal") from e


MIN_GROUP_SIZE = ParameterInfo(
    name="min_group_size",
    default=30,
    minimum=1,
    description="Biascheck: alleen groepen met minstens zoveel actieve cliënten tellen mee voor de "
    "pariteitsverhouding en het verschil.",
)


def resolve(definitions: Mapping[str, ParameterInfo], given: Mapping[str, object]) -> dict[str, Value]:
    """Defaults overridden by `given`, which may only name parameters in `definitions`."""
    unknown = sorted(set(given) - set(definitions))
    if unknown:
        known = ", ".join(sorted(definitions)) or "geen"
        raise ParameterError(f"onbekende parameter(s) {', '.join(unknown)}; bekend: {known}")
    return {
        name: info.parse(given[name]) if name in given else info.default for name, info in definitions.items()
    }


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """`["min_vehicles=4"]` -> `{"min_vehicles": "4"}`; a name given twice is an error."""
    result: dict[str, str] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(f"--param verwacht NAAM=WAARDE, niet {item!r}")
        if name in result:
            raise ParameterError(f"parameter {name} is twee keer opgegeven")
        result[name] = value
    return result
