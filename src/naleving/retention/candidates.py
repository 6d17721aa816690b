"""The shape of a destruction candidate and the arithmetic of terms, shared by the selectors of the case
records (``selectors``) and of the other records of a resident's file (``file_records``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from naleving.retention.terms import EVENTS, Term, Terms


@dataclass(frozen=True)
class Candidate:
    record_type: str
    object_id: int
    resident_id: int | None
    event_date: date
    due_on: date
    reason: str


@dataclass
class Candidates:
    due: list[Candidate] = field(default_factory=list)
    held: list[Candidate] = field(default_factory=list)

    def ids(self, record_type: str) -> set[int]:
        return {c.object_id for c in self.due if c.record_type == record_type}

    def add(
        self,
        record_type: str,
        object_id: int,
        resident_id: int | None,
        event_date: date,
        due_on: date,
        reason: str,
        *,
        held: str = "",
    ) -> None:
        """Add to ``due``, or to ``held`` with the reason it is held in front of the term's reason."""
        if held:
            self.held.append(
                Candidate(
                    record_type, object_id, resident_id, event_date, due_on, f"Aangehouden: {held}. {reason}"
                )
            )
        else:
            self.due.append(Candidate(record_type, object_id, resident_id, event_date, due_on, reason))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def latest_event_past(terms: Terms, record_types: Iterable[str], on: date) -> date | None:
    """The latest event date from which a term of one of ``record_types`` (in force on ``on``) can have run
    out by ``on``, or None when none of them has a term: a term of n years runs out no sooner than 365 n days
    after its event (``add_years``), so a filter on this date keeps every record ``past_term`` finds."""
    years = [term.years for record_type in record_types if (term := terms.in_force(record_type, on))]
    return on - timedelta(days=365 * min(years)) if years else None


def term_reason(term: Term, event_date: date, due_on: date) -> str:
    mark = " (termijn UNCONFIRMED)" if term.unconfirmed else ""
    return (
        f"{term.label}: {term.years} jaar na de {EVENTS[term.counted_from]} ({event_date:%d-%m-%Y}), "
        f"verstreken op {due_on:%d-%m-%Y}. Bron: {term.source}{mark}."
    )


def past_term(terms: Terms, record_type: str, event_date: date, on: date) -> tuple[Term, date] | None:
    """The term in force and the day it ran out, when it ran out on or before ``on``."""
    term = terms.in_force(record_type, on)
    if term is None:
        return None
    due_on = add_years(event_date, term.years)
    return (term, due_on) if due_on <= on else None


def reverse_relations(model) -> list:
    """Every relation from another model to ``model`` (hidden ``related_name="+"`` ones too), except the
    auto-created through tables of many-to-many fields."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created
        and not f.concrete
        and (f.one_to_many or f.one_to_one)
        and not f.related_model._meta.auto_created
    ]
