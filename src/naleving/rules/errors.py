"""Exceptions of the decision engine: one root, `RulesError`, so callers can catch everything at once."""

from __future__ import annotations

from datetime import date


class RulesError(Exception):
    """Base class of every error the rules package raises on purpose."""


class ParameterNotInForce(RulesError):
    """No dated value of a parameter covers the date asked for; never replaced by a silent default."""

    def __init__(self, name: str, on: date, source: str = "") -> None:
        self.name = name
        self.on = on
        where = f" ({source})" if source else ""
        super().__init__(f"parameter {name!r} has no value in force on {on}{where}")


class ParameterFileError(RulesError):
    """A parameter or profile YAML file is invalid; the message names the file and the key."""

    def __init__(self, file: str, key: str, message: str) -> None:
        self.file = file
        self.key = key
        super().__init__(f"{file}: {key}: {message}")


class UnknownProfile(RulesError):
    """The policy profile asked for does not exist."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"unknown profile {name!r}; known profiles: {', '.join(known)}")


class RuleInputError(RulesError):
    """Invalid decision request: `code` is stable, `field` is the dotted request field at fault."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        self.code = code
        self.message = message
        self.field = field
        super().__init__(f"{code}: {message}" + (f" (field {field})" if field else ""))

    def to_dict(self) -> dict[str, dict[str, str | None]]:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}
