"""Policy profiles: YAML overlays on the law parameters, one file per organisation in `rules/profiles/`.

A profile may only change parameters whose scope is `policy` (what the law leaves to the municipality),
and every choice cites the seed document and section it comes from. A new municipality adds a profile by
adding a file; no code changes. A profile that names an unknown parameter, changes a law parameter or has an
invalid value fails validation with a message naming the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from naleving.rules.errors import ParameterFileError
from naleving.rules.parameters import (
    CONFIDENCES,
    DatedValue,
    Parameter,
    SeedSource,
    coerce_value,
    read_yaml,
)

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FIELDS = {
    "profile",
    "organisation",
    "document",
    "seed",
    "section",
    "valid_from",
    "valid_to",
    "description",
    "overrides",
}
_REQUIRED = ("profile", "organisation", "document", "seed", "section", "valid_from")
_OVERRIDE_FIELDS = {"value", "section", "seed", "valid_from", "valid_to", "confidence", "note"}


@dataclass(frozen=True, slots=True)
class Profile:
    """A policy profile: metadata, its period, and the parameters with its overrides laid over the law."""

    name: str
    organisation: str
    document: str
    seed: str
    section: str
    valid_from: date
    valid_to: date | None
    description: str
    file: str
    overridden: tuple[str, ...]
    parameters: Mapping[str, Parameter]

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


def _text(data: Mapping[str, Any], key: str, file: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ParameterFileError(file, key, "missing or not text")
    return value.strip()


def _day(raw: object, file: str, key: str) -> date:
    if not isinstance(raw, date):
        raise ParameterFileError(file, key, f"expected a date YYYY-MM-DD, got {raw!r}")
    return raw


def _override_entry(
    param: Parameter, raw: object, where: tuple[str, str], defaults: tuple[str, date, date | None]
) -> DatedValue:
    """One overriding value; `defaults` are the profile's seed and period."""
    file, key = where
    if not isinstance(raw, Mapping):
        raise ParameterFileError(file, key, "expected a mapping with value and section")
    unknown = set(raw) - _OVERRIDE_FIELDS
    if unknown:
        raise ParameterFileError(file, f"{key}.{sorted(unknown)[0]}", "unknown key")
    if "value" not in raw:
        raise ParameterFileError(file, f"{key}.value", "missing")
    value = coerce_value(param.unit, raw["value"], (file, f"{key}.value"))
    section = raw.get("section")
    if not isinstance(section, str) or not section.strip():
        raise ParameterFileError(file, f"{key}.section", "every profile choice cites its seed section")
    confidence = raw.get("confidence", "H")
    if confidence not in CONFIDENCES:
        raise ParameterFileError(file, f"{key}.confidence", f"expected one of {CONFIDENCES}")
    seed, start, end = defaults
    valid_from = _day(raw.get("valid_from", start), file, f"{key}.valid_from")
    valid_to = raw.get("valid_to", end)
    valid_to = None if valid_to is None else _day(valid_to, file, f"{key}.valid_to")
    source = SeedSource(seed=str(raw.get("seed", seed)), section=section.strip())
    return DatedValue(valid_from, valid_to, value, str(confidence), source=source)


def _overlay(
    base: Mapping[str, Parameter], raw: object, file: str, defaults: tuple[str, date, date | None]
) -> tuple[dict[str, Parameter], tuple[str, ...]]:
    if raw is None:
        return dict(base), ()
    if not isinstance(raw, Mapping):
        raise ParameterFileError(file, "overrides", "expected a mapping of parameter name to value")
    merged = dict(base)
    for name, entries in raw.items():
        key = f"overrides.{name}"
        param = base.get(str(name))
        if param is None:
            raise ParameterFileError(file, key, "unknown parameter")
        if param.scope != "policy":
            raise ParameterFileError(file, key, "this parameter is set by law; a profile cannot change it")
        items = entries if isinstance(entries, list) else [entries]
        values = tuple(_override_entry(param, item, (file, key), defaults) for item in items)
        merged[param.name] = Parameter(
            param.name, param.unit, param.description, param.scope, file, values + param.values
        )
    return merged, tuple(str(name) for name in raw)


def load_profile_file(path: Path, base: Mapping[str, Parameter]) -> Profile:
    return parse_profile_data(read_yaml(path), path.name, base)


def parse_profile_data(data: object, file: str, base: Mapping[str, Parameter]) -> Profile:
    """A profile from one file's content over the law parameters `base`; errors name `file`, which must be
    `<profile>.yaml`."""
    if not isinstance(data, Mapping):
        raise ParameterFileError(file, "-", "expected a mapping")
    unknown = set(data) - _FIELDS
    if unknown:
        raise ParameterFileError(file, sorted(unknown)[0], "unknown key")
    for key in _REQUIRED:
        if key not in data:
            raise ParameterFileError(file, key, "missing")
    name = _text(data, "profile", file)
    if not _NAME.match(name) or f"{name}.yaml" != file:
        raise ParameterFileError(
            file, "profile", f"{name!r} must be lower-case-with-dashes and match the file name"
        )
    valid_from = _day(data["valid_from"], file, "valid_from")
    valid_to = None if data.get("valid_to") is None else _day(data["valid_to"], file, "valid_to")
    seed = _text(data, "seed", file)
    parameters, overridden = _overlay(base, data.get("overrides"), file, (seed, valid_from, valid_to))
    return Profile(
        name=name,
        organisation=_text(data, "organisation", file),
        document=_text(data, "document", file),
        seed=seed,
        section=_text(data, "section", file),
        valid_from=valid_from,
        valid_to=valid_to,
        description=str(data.get("description") or "").strip(),
        file=file,
        overridden=overridden,
        parameters=parameters,
    )


def load_profiles(directory: Path, base: Mapping[str, Parameter]) -> dict[str, Profile]:
    """Load every `*.yaml` in `directory` as a profile over the law parameters `base`."""
    return {p.name: p for p in (load_profile_file(path, base) for path in sorted(directory.glob("*.yaml")))}
