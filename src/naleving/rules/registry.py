"""The loaded parameter set and profiles, the `rules_version`, and typed look-ups for one profile and date."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from naleving.rules.bounds import check_bounds
from naleving.rules.errors import ParameterFileError, RulesError, UnknownProfile
from naleving.rules.parameters import (
    DatedValue,
    Parameter,
    Ratio,
    load_parameters,
    parse_parameter_data,
    read_yaml_text,
)
from naleving.rules.profiles import Profile, load_profiles, parse_profile_data

ENGINE_VERSION = "1.0.0"
PACKAGE_DIR = Path(__file__).parent
PARAMETER_DIR = PACKAGE_DIR / "parameters"
PROFILE_DIR = PACKAGE_DIR / "profiles"
MAX_VIEWS = 20_000  # (profile, date) views kept; about six years of dates for each of five profiles


def files_hash(*directories: Path) -> str:
    """A short hash of every YAML file's name and bytes, so a decision names the exact parameter set."""
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(directory.glob("*.yaml")):
            digest.update(f"{directory.name}/{path.name}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Amendment:
    """A parameter set the municipality approved (four eyes) on top of the shipped files: dated amounts in
    the schema of `parameters/*.yaml`, and/or profile files in the schema of `profiles/*.yaml`.

    `seq` orders the approvals: a later approval wins over an earlier one and over the shipped files, for the
    periods its values cover. `parameters_text` and `profiles` are the YAML texts as approved, so a replay
    rebuilds exactly the same registry."""

    seq: int
    parameters_text: str = ""
    profiles: tuple[tuple[str, str], ...] = ()  # (profile name, YAML text)

    @property
    def label(self) -> str:
        return f"beheer, set {self.seq}"

    def parameters(self) -> list[Parameter]:
        if not self.parameters_text.strip():
            return []
        file = f"set-{self.seq}"
        return parse_parameter_data(read_yaml_text(self.parameters_text, file), file)


def amend(base: Mapping[str, Parameter], amendment: Amendment) -> dict[str, Parameter]:
    """`base` with the amendment's values laid over it: they come first, so they win for their periods."""
    merged = dict(base)
    for parameter in amendment.parameters():
        shipped = merged.get(parameter.name)
        where = parameter.file
        if shipped is None:
            raise ParameterFileError(
                where, parameter.name, "unknown parameter: only existing amounts can be set"
            )
        if (parameter.unit, parameter.scope) != (shipped.unit, shipped.scope):
            message = f"expected unit {shipped.unit!r} and scope {shipped.scope!r} as in {shipped.file}"
            raise ParameterFileError(where, parameter.name, message)
        values = tuple(replace(v, origin=amendment.label) for v in parameter.values)
        merged[parameter.name] = Parameter(
            shipped.name,
            shipped.unit,
            shipped.description,
            shipped.scope,
            shipped.file,
            values + shipped.values,
        )
    return merged


@dataclass(frozen=True, slots=True)
class Registry:
    """Law parameters, profiles over them, and the version that identifies both with the engine."""

    parameters: Mapping[str, Parameter]
    profiles: Mapping[str, Profile]
    version: str
    views: dict[tuple[str, date], Params] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(
        cls,
        parameter_dir: Path = PARAMETER_DIR,
        profile_dir: Path = PROFILE_DIR,
        amendments: tuple[Amendment, ...] = (),
    ) -> Registry:
        """The shipped files, with the approved amendments laid over them in the order of their `seq`.

        `version` names the parameter set: `1.0.0+<hash of the files>`, plus `+set<seq>` of the last
        amendment when there are any."""
        parameters = load_parameters(parameter_dir)
        ordered = sorted(amendments, key=lambda a: a.seq)
        for amendment in ordered:
            parameters = amend(parameters, amendment)
        profiles = load_profiles(profile_dir, parameters)
        for amendment in ordered:
            for name, text in amendment.profiles:
                file = f"{name}.yaml"
                profiles[name] = parse_profile_data(read_yaml_text(text, file), file, parameters)
        for profile in profiles.values():
            check_bounds(profile.parameters)
        version = f"{ENGINE_VERSION}+{files_hash(parameter_dir, profile_dir)}"
        if ordered:
            version += f"+set{ordered[-1].seq}"
        return cls(parameters=parameters, profiles=profiles, version=version)

    def params(self, profile: Profile, on: date) -> Params:
        """The parameters of `profile` on `on`, reused across decisions (look-ups are cached per view)."""
        key = (profile.name, on)
        view = self.views.get(key)
        if view is None:
            if len(self.views) >= MAX_VIEWS:
                self.views.clear()
            view = self.views[key] = Params(profile.parameters, on)
        return view

    def profile(self, name: str) -> Profile:
        try:
            return self.profiles[name]
        except KeyError:
            raise UnknownProfile(name, sorted(self.profiles)) from None


@functools.cache
def default_registry() -> Registry:
    """The registry of the files shipped with the package, loaded once per process."""
    return Registry.load()


@dataclass(frozen=True, slots=True)
class Params:
    """Typed look-ups of the parameters of one profile (or the law alone) on one date."""

    parameters: Mapping[str, Parameter]
    on: date
    cache: dict[str, DatedValue] = field(default_factory=dict, compare=False, repr=False)

    def dated(self, name: str) -> DatedValue:
        found = self.cache.get(name)
        if found is None:
            try:
                parameter = self.parameters[name]
            except KeyError:
                raise RulesError(f"unknown parameter {name!r}") from None
            found = self.cache[name] = parameter.at(self.on)
        return found

    def money(self, name: str) -> Decimal:
        value = self.dated(name).value
        if not isinstance(value, Decimal):
            raise RulesError(f"parameter {name!r} is not an amount")
        return value

    def integer(self, name: str) -> int:
        value = self.dated(name).value
        if isinstance(value, bool) or not isinstance(value, int):
            raise RulesError(f"parameter {name!r} is not a whole number")
        return value

    def words(self, name: str) -> tuple[str, ...]:
        value = self.dated(name).value
        if not isinstance(value, tuple) or not all(isinstance(item, str) for item in value):
            raise RulesError(f"parameter {name!r} is not a list of words")
        return tuple(str(item) for item in value)

    def flag(self, name: str) -> bool:
        value = self.dated(name).value
        if not isinstance(value, bool):
            raise RulesError(f"parameter {name!r} is not true or false")
        return value

    def ratio(self, name: str) -> Ratio:
        value = self.dated(name).value
        if not (isinstance(value, tuple) and len(value) == 2 and all(isinstance(i, int) for i in value)):
            raise RulesError(f"parameter {name!r} is not a ratio")
        return (int(value[0]), int(value[1]))
