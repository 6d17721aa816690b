"""`Reader`: typed access to one decoded JSON object of a request; every error names the dotted field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from naleving.rules.errors import RuleInputError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class Reader:
    """Typed access to one JSON object; every error names the dotted field."""

    def __init__(self, data: object, prefix: str, allowed: set[str]) -> None:
        if not isinstance(data, Mapping):
            raise RuleInputError("invalid_type", "expected a JSON object", prefix.rstrip(".") or None)
        unknown = sorted(set(map(str, data)) - allowed)
        if unknown:
            raise RuleInputError("unknown_field", f"unknown field {unknown[0]!r}", prefix + unknown[0])
        self.data: Mapping[str, Any] = data
        self.prefix = prefix

    def field(self, key: str) -> str:
        return self.prefix + key

    def raw(self, key: str, required: bool = False) -> Any:
        value = self.data.get(key)
        if value is None and required:
            raise RuleInputError("missing_field", f"{self.field(key)} is required", self.field(key))
        return value

    def text(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        value = self.raw(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise RuleInputError("invalid_type", "expected text", self.field(key))
        return value

    def choice(self, key: str, default: str | None = None) -> str:
        value = self.text(key, default, required=default is None)
        assert value is not None  # required when there is no default
        return value

    def day(self, key: str, required: bool = False) -> date | None:
        value = self.raw(key, required)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or not _DATE.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise RuleInputError("invalid_date", "expected a date YYYY-MM-DD", self.field(key)) from None

    def required_day(self, key: str) -> date:
        value = self.day(key, required=True)
        assert value is not None  # required=True raises instead
        return value

    def amount(self, key: str, required: bool = False) -> Decimal | None:
        value = self.raw(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            raise RuleInputError("invalid_amount", "expected an amount in euros", self.field(key))
        text = str(value).strip()
        if not _NUMBER.match(text):
            raise RuleInputError(
                "invalid_amount", "expected an amount in euros, like 1369.06", self.field(key)
            )
        return Decimal(text)

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise RuleInputError("invalid_type", "expected true or false", self.field(key))
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.raw(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise RuleInputError("invalid_type", "expected a whole number", self.field(key))
        return value

    def objects(self, key: str) -> list[Any]:
        value = self.raw(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise RuleInputError("invalid_type", "expected a list", self.field(key))
        return value

    def child(self, key: str, allowed: set[str], required: bool = False) -> Reader:
        return Reader(self.raw(key, required) or {}, self.field(key) + ".", allowed)
