"""The checks before a parameter set may be approved (issue 12): overlaps and gaps, every household row
present, and a change of more than 10 % against the previous period flagged (it needs a note).

Pure functions over `naleving.rules` objects; `services` runs them and stores the outcome on the set.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from naleving import rules
from naleving.rules.parameters import DatedValue, Parameter, json_value

#: Parameters that change together: a proposal that touches one must give every row for the same periods.
GROUPS = {"norm.": "bijstandsnormen", "asset_limit.": "vermogensgrenzen"}
#: A change larger than this share against the value before it is flagged and needs a note.
FLAG_SHARE = Decimal("0.10")
NUMERIC_UNITS = ("EUR", "EUR/month", "percent")


class SetRefused(Exception):
    """The proposal cannot be accepted: `code` is stable, `field` names the parameter (and value) at fault."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.field = code, message, field

    def to_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


@dataclass
class Findings:
    """What an approver must see: values a set replaces (shipped or approved earlier) and flagged changes."""

    overrides: list[dict] = field(default_factory=list)
    flagged: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"overrides": self.overrides, "flagged": self.flagged}


def _period(value: DatedValue) -> str:
    return f"{value.valid_from} t/m {value.valid_to or 'open einde'}"


def _overlaps(a: DatedValue, b: DatedValue) -> bool:
    return a.valid_from <= (b.valid_to or date.max) and b.valid_from <= (a.valid_to or date.max)


def _covering(values: tuple[DatedValue, ...], day: date) -> DatedValue | None:
    return next((v for v in values if v.covers(day)), None)


def check_complete(current: rules.Registry, proposed: list[Parameter]) -> None:
    """Every row of a group (all 9 norms, all 4 asset limits) with the same periods."""
    names = {p.name: p for p in proposed}
    for prefix, words in GROUPS.items():
        touched = [p for p in proposed if p.name.startswith(prefix)]
        if not touched:
            continue
        periods = {(v.valid_from, v.valid_to) for v in touched[0].values}
        for name in sorted(n for n in current.parameters if n.startswith(prefix)):
            given = names.get(name)
            if given is None:
                raise SetRefused(
                    "incomplete", f"De {words} gaan samen: {name} ontbreekt in dit voorstel.", name
                )
            if {(v.valid_from, v.valid_to) for v in given.values} != periods:
                raise SetRefused(
                    "incomplete", f"De {words} hebben dezelfde perioden nodig; {name} wijkt af.", name
                )


def check_gaps(current: rules.Registry, proposed: list[Parameter]) -> None:
    """No day without a value between the last value in force and a proposed value."""
    for parameter in proposed:
        existing = current.parameters[parameter.name].values
        for index, value in enumerate(sorted(parameter.values, key=lambda v: v.valid_from)):
            day_before = value.valid_from - timedelta(days=1)
            if _covering(parameter.values + existing, day_before) is not None:
                continue
            earlier = [
                v.valid_to for v in existing if v.valid_to is not None and v.valid_to < value.valid_from
            ]
            if earlier:
                message = (
                    f"Tussen {max(earlier)} en {value.valid_from} heeft {parameter.name} geen waarde. "
                    "Laat de nieuwe periode aansluiten."
                )
                raise SetRefused("gap", message, f"{parameter.name}.values[{index}].valid_from")


def check_pending(proposed: list[Parameter], pending: dict[int, list[Parameter]]) -> None:
    """No two open proposals for the same amount and period: the approver could not tell which one holds."""
    for parameter in proposed:
        for set_id, others in pending.items():
            for other in others:
                if other.name != parameter.name:
                    continue
                for value in parameter.values:
                    if any(_overlaps(value, o) for o in other.values):
                        message = (
                            f"{parameter.name} voor {_period(value)} staat al in voorstel {set_id}, dat nog op "
                            "goedkeuring wacht. Laat dat eerst beoordelen."
                        )
                        raise SetRefused("overlap", message, parameter.name)


def findings(current: rules.Registry, proposed: list[Parameter]) -> Findings:
    """The values the set replaces, and the changes of more than 10 % against the value the day before."""
    found = Findings()
    for parameter in proposed:
        existing = current.parameters[parameter.name].values
        for value in parameter.values:
            for old in existing:
                if _overlaps(value, old):
                    found.overrides.append(
                        {
                            "name": parameter.name,
                            "period": _period(value),
                            "replaces": json_value(old.value),
                            "replaced_period": _period(old),
                            "origin": old.origin or "meegeleverd",
                            "value": json_value(value.value),
                        }
                    )
            previous = _covering(existing, value.valid_from - timedelta(days=1))
            if parameter.unit not in NUMERIC_UNITS or previous is None:
                continue
            new, old_value = value.value, previous.value
            if isinstance(new, Decimal) and isinstance(old_value, Decimal) and old_value > 0:
                change = (new - old_value) / old_value
                if abs(change) > FLAG_SHARE:
                    found.flagged.append(
                        {
                            "name": parameter.name,
                            "valid_from": str(value.valid_from),
                            "previous": str(old_value),
                            "value": str(new),
                            "change_percent": f"{change * 100:.1f}",
                        }
                    )
    return found
