"""Dated parameters: loading and validating the YAML files in `rules/parameters/`.

Every parameter has a name, a unit and a list of dated values, each with `valid_from`, optional `valid_to`,
a legal basis (law, article, paragraph, link) and a confidence (H, M, L or UNCONFIRMED, as in
legal-rules.md). A value is looked up for a date; when no dated value covers the date the lookup raises
`ParameterNotInForce`, it never falls back to a default.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from naleving.rules.errors import ParameterFileError, ParameterNotInForce
from naleving.rules.model import Json

Ratio = tuple[int, int]
Value = Decimal | int | bool | str | tuple[str, ...] | Ratio

CONFIDENCES = ("H", "M", "L", "UNCONFIRMED")
SCOPES = ("law", "policy")
MONEY_UNITS = ("EUR", "EUR/month")
INT_UNITS = ("days", "weeks", "months", "years")
UNITS = (*MONEY_UNITS, *INT_UNITS, "percent", "ratio", "list", "bool", "code")
_RATIO = re.compile(r"^(\d+)/(\d+)$")
_FIELDS = {"name", "unit", "description", "values"}
_VALUE_FIELDS = {"valid_from", "valid_to", "value", "legal_basis", "confidence", "source", "note"}


#: libyaml's parser where PyYAML has it (its wheels do): the same documents, about 7 times faster than the
#: pure-Python parser (0.04 s against 0.28 s for the 38 parameter files), and the rules are read often
#: (every registry load, every test that decides). The pure-Python `SafeLoader` otherwise.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DecimalLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Safe YAML loader that reads floats as exact `Decimal`s (1345.45 stays 1345.45)."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    return Decimal(str(loader.construct_scalar(node)).replace("_", ""))  # type: ignore[arg-type]


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with exact decimals; a syntax error names the file."""
    return read_yaml_text(path.read_text(encoding="utf-8"), path.name)


def read_yaml_text(text: str, file: str) -> Any:
    """Parse YAML text with exact decimals; a syntax error names `file`."""
    try:
        return yaml.load(text, Loader=_DecimalLoader)
    except yaml.YAMLError as exc:
        raise ParameterFileError(file, "-", f"invalid YAML: {exc}") from exc


def json_value(value: Value | date | None) -> Json:
    """A parameter or input value as JSON: amounts and ratios as text, lists as lists."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | date):
        return str(value)
    if len(value) == 2 and all(isinstance(item, int) for item in value):
        return f"{value[0]}/{value[1]}"
    return [str(item) for item in value]


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """Where a value comes from in the law (or case law), with a link to the text."""

    law: str
    article: str
    url: str
    paragraph: str | None = None
    citation_text: str | None = None

    def citation(self) -> str:
        """The citation as Dutch decisions write it, e.g. `art. 18a lid 4 Pw`."""
        if self.citation_text:
            return self.citation_text
        text = f"art. {self.article}"
        if self.paragraph:
            text += f" lid {self.paragraph}" if self.paragraph[0].isdigit() else f" onder {self.paragraph}"
        return f"{text} {self.law}"


@dataclass(frozen=True, slots=True)
class SeedSource:
    """The policy document (seed) and section a profile choice comes from."""

    seed: str
    section: str

    def citation(self) -> str:
        return f"{self.seed}, {self.section}"


@dataclass(frozen=True, slots=True)
class DatedValue:
    """One value of a parameter with its period of validity and its basis."""

    valid_from: date
    valid_to: date | None
    value: Value
    confidence: str
    legal_basis: LegalBasis | None = None
    source: SeedSource | None = None
    #: where a value managed by the municipality comes from (`beheer, set 3`); None for a shipped value
    origin: str | None = field(default=None, compare=False)
    cited: str = field(init=False, compare=False, repr=False)
    described: dict[str, Json] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Computed once at load time: the trace cites every value it uses.
        if self.source is not None:
            cited = self.source.citation()
        else:
            cited = self.legal_basis.citation() if self.legal_basis else ""
        object.__setattr__(self, "cited", cited)
        described: dict[str, Json] = {
            "value": json_value(self.value),
            "confidence": self.confidence,
            "source": cited,
        }
        object.__setattr__(self, "described", described)

    def covers(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def citation(self) -> str:
        return self.cited


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named, dated parameter. `values` are searched in order; the first that covers the date wins."""

    name: str
    unit: str
    description: str
    scope: str
    file: str
    values: tuple[DatedValue, ...]

    def at(self, on: date) -> DatedValue:
        for dated in self.values:
            if dated.covers(on):
                return dated
        raise ParameterNotInForce(self.name, on, self.file)


def _as_int(unit: str, raw: object, where: tuple[str, str]) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ParameterFileError(*where, f"expected a whole number of {unit} >= 0, got {raw!r}")
    return raw


def _as_words(unit: str, raw: object, where: tuple[str, str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ParameterFileError(*where, f"expected a list of words, got {raw!r}")
    return tuple(raw)


def _as_bool(unit: str, raw: object, where: tuple[str, str]) -> bool:
    if not isinstance(raw, bool):
        raise ParameterFileError(*where, f"expected true or false, got {raw!r}")
    return raw


def _as_ratio(unit: str, raw: object, where: tuple[str, str]) -> Ratio:
    match = _RATIO.match(str(raw))
    if match is None or int(match.group(2)) == 0:
        raise ParameterFileError(*where, f"expected a ratio like 50/75, got {raw!r}")
    return (int(match.group(1)), int(match.group(2)))


def _as_code(unit: str, raw: object, where: tuple[str, str]) -> str:
    if not isinstance(raw, str) or not raw:
        raise ParameterFileError(*where, f"expected a code word, got {raw!r}")
    return raw


def coerce_value(unit: str, raw: object, where: tuple[str, str]) -> Value:
    """Check a raw YAML value against its unit and return the typed value; `where` is (file, key)."""
    if unit in MONEY_UNITS or unit == "percent":
        return _as_decimal(unit, raw, where)
    if unit in INT_UNITS:
        return _as_int(unit, raw, where)
    converters: dict[str, Callable[[str, object, tuple[str, str]], Value]] = {
        "list": _as_words,
        "bool": _as_bool,
        "ratio": _as_ratio,
    }
    return converters.get(unit, _as_code)(unit, raw, where)


def _as_decimal(unit: str, raw: object, where: tuple[str, str]) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise ParameterFileError(*where, f"expected a number ({unit}), got {raw!r}")
    value = Decimal(raw)
    if value < 0:
        raise ParameterFileError(*where, f"expected a number >= 0, got {raw!r}")
    if unit in MONEY_UNITS and value != value.quantize(Decimal("0.01")):
        raise ParameterFileError(*where, f"an amount has at most two decimals, got {raw!r}")
    return value.quantize(Decimal("0.01")) if unit in MONEY_UNITS else value


def _date(raw: object, where: tuple[str, str], *, required: bool) -> date | None:
    if raw is None and not required:
        return None
    if not isinstance(raw, date):
        raise ParameterFileError(*where, f"expected a date YYYY-MM-DD, got {raw!r}")
    return raw


def _mapping(raw: object, where: tuple[str, str], what: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise ParameterFileError(*where, f"expected {what}, got {raw!r}")
    return raw


def parse_legal_basis(raw: object, where: tuple[str, str]) -> LegalBasis:
    data = _mapping(raw, where, "a legal_basis mapping with law, article and url")
    for key in ("law", "article", "url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ParameterFileError(where[0], f"{where[1]}.{key}", "missing or not text")
    unknown = set(data) - {"law", "article", "url", "paragraph", "citation"}
    if unknown:
        raise ParameterFileError(where[0], f"{where[1]}.{sorted(unknown)[0]}", "unknown key")
    paragraph = data.get("paragraph")
    citation = data.get("citation")
    return LegalBasis(
        law=data["law"],
        article=data["article"],
        url=data["url"],
        paragraph=None if paragraph is None else str(paragraph),
        citation_text=None if citation is None else str(citation),
    )


def parse_dated_value(unit: str, raw: object, where: tuple[str, str]) -> DatedValue:
    """Validate one entry of `values:` of a law parameter."""
    data = _mapping(raw, where, "a mapping with valid_from, value, legal_basis and confidence")
    unknown = set(data) - _VALUE_FIELDS
    if unknown:
        raise ParameterFileError(where[0], f"{where[1]}.{sorted(unknown)[0]}", "unknown key")
    valid_from = _date(data.get("valid_from"), (where[0], f"{where[1]}.valid_from"), required=True)
    valid_to = _date(data.get("valid_to"), (where[0], f"{where[1]}.valid_to"), required=False)
    assert valid_from is not None  # required=True guarantees it
    if valid_to is not None and valid_to < valid_from:
        raise ParameterFileError(where[0], f"{where[1]}.valid_to", "ends before valid_from")
    if "value" not in data:
        raise ParameterFileError(where[0], f"{where[1]}.value", "missing")
    value = coerce_value(unit, data["value"], (where[0], f"{where[1]}.value"))
    confidence = data.get("confidence")
    if confidence not in CONFIDENCES:
        raise ParameterFileError(where[0], f"{where[1]}.confidence", f"expected one of {CONFIDENCES}")
    basis = parse_legal_basis(data.get("legal_basis"), (where[0], f"{where[1]}.legal_basis"))
    return DatedValue(valid_from, valid_to, value, str(confidence), legal_basis=basis)


def check_no_overlap(values: tuple[DatedValue, ...], where: tuple[str, str]) -> None:
    ordered = sorted(values, key=lambda v: v.valid_from)
    for before, after in itertools.pairwise(ordered):
        if before.valid_to is None or before.valid_to >= after.valid_from:
            raise ParameterFileError(*where, f"periods overlap at {after.valid_from}")


def parse_parameter(raw: object, file: str, index: int, scope: str) -> Parameter:
    where = (file, f"parameters[{index}]")
    data = _mapping(raw, where, "a parameter mapping")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ParameterFileError(file, f"{where[1]}.name", "missing or not text")
    unknown = set(data) - _FIELDS
    if unknown:
        raise ParameterFileError(file, f"{name}.{sorted(unknown)[0]}", "unknown key")
    unit = data.get("unit")
    if unit not in UNITS:
        raise ParameterFileError(file, f"{name}.unit", f"expected one of {UNITS}, got {unit!r}")
    raw_values = data.get("values")
    # A policy parameter may have no value at all: a figure only the municipality can set (the maatregel's
    # afstemmingsverordening). Asking for it raises ParameterNotInForce, which refuses the decision.
    if not isinstance(raw_values, list) or not (raw_values or scope == "policy"):
        expected = "a list" if scope == "policy" else "a non-empty list"
        raise ParameterFileError(file, f"{name}.values", f"expected {expected}")
    values = tuple(
        parse_dated_value(unit, v, (file, f"{name}.values[{i}]")) for i, v in enumerate(raw_values)
    )
    check_no_overlap(values, (file, f"{name}.values"))
    return Parameter(name, unit, str(data.get("description", "")), scope, file, values)


def load_parameter_file(path: Path) -> list[Parameter]:
    """The parameters of one file, parsed once per process for the same name and content: every parameter
    set proposed, approved or previewed loads the shipped files again, and parsing them was most of that.
    The parameters are frozen; amendments build new ones."""
    return list(_parsed_parameter_file(path.read_text(encoding="utf-8"), path.name))


@functools.lru_cache(maxsize=64)
def _parsed_parameter_file(text: str, file: str) -> tuple[Parameter, ...]:
    return tuple(parse_parameter_data(read_yaml_text(text, file), file))


def parse_parameter_data(raw: object, file: str) -> list[Parameter]:
    """The parameters of one file's content (`scope` and `parameters`), validated; errors name `file`."""
    data = _mapping(raw, (file, "-"), "a mapping with scope and parameters")
    scope = data.get("scope")
    if scope not in SCOPES:
        raise ParameterFileError(file, "scope", f"expected one of {SCOPES}, got {scope!r}")
    unknown = set(data) - {"scope", "parameters"}
    if unknown:
        raise ParameterFileError(file, sorted(unknown)[0], "unknown key")
    items = data.get("parameters")
    if not isinstance(items, list) or not items:
        raise ParameterFileError(file, "parameters", "expected a non-empty list")
    return [parse_parameter(item, file, i, str(scope)) for i, item in enumerate(items)]


def load_parameters(directory: Path) -> dict[str, Parameter]:
    """Load every `*.yaml` in `directory`; a name defined twice is an error naming both files."""
    found: dict[str, Parameter] = {}
    for path in sorted(directory.glob("*.yaml")):
        for parameter in load_parameter_file(path):
            if parameter.name in found:
                other = found[parameter.name].file
                raise ParameterFileError(path.name, parameter.name, f"already defined in {other}")
            found[parameter.name] = parameter
    return found
