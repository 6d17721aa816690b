"""Which municipalities a report covers: one (a report per municipality) or several (the combined report).

A reader gets only the municipalities they work for (``gemeenten.selectors.gemeenten_of``). The combined
report of a reader who works for all municipalities (``works_for_all``) is the whole organisation's; that of
a reader scoped to several is the combination of theirs, and of one reader scoped to one it is that one.
Every figure is computed for the municipalities covered (``Filters.gemeenten``), so the reports per
municipality add up to the combined report; suppression is applied to each report afterwards.
"""

from dataclasses import dataclass, field

from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.selectors import gemeenten_all, gemeenten_of
from naleving.reports.indicators.controls import WHOLE_ORGANISATION_ONLY


class UnknownGemeente(LookupError):
    """The code names no municipality, or one the reader does not work for (the message names the value)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(f"onbekende gemeente {code!r}")


@dataclass(frozen=True)
class ReportScope:
    #: (CBS code, name) of every municipality the report covers, by name
    gemeenten: tuple[tuple[str, str], ...]
    #: primary keys for ``Filters.gemeenten``; empty: the whole organisation (unlinked signals included)
    ids: tuple[int, ...] = ()
    #: one municipality was asked for (``?gemeente=`` / ``--gemeente``)
    single: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def code(self) -> str:
        """The code to carry into links: the chosen municipality's, or empty for the combined report."""
        return self.gemeenten[0][0] if self.single else ""

    @property
    def heading(self) -> str:
        """ "Gemeente Waalwijk", "alle gemeenten: Heusden, Loon op Zand, Waalwijk" or "gemeenten: A, B"."""
        names = ", ".join(name for _code, name in self.gemeenten)
        if self.single or len(self.gemeenten) == 1:
            return f"Gemeente {names}"
        return f"alle gemeenten: {names}" if not self.ids else f"gemeenten: {names}"

    def as_json(self) -> list[dict[str, str]]:
        return [{"code": code, "name": name} for code, name in self.gemeenten]


def _scope(chosen: list[Gemeente], *, every: int, single: bool) -> ReportScope:
    whole = len(chosen) == every
    notes: tuple[str, ...] = ()
    if not whole:
        notes = (WHOLE_ORGANISATION_ONLY,)
        if not single:
            notes = ("Deze rapportage telt de gemeenten waarvoor u werkt samen.", *notes)
    return ReportScope(
        gemeenten=tuple((g.code, g.name) for g in chosen),
        ids=() if whole else tuple(g.pk for g in chosen),
        single=single,
        notes=notes,
    )


def report_scope(actor, code: str = "") -> ReportScope:
    """The municipalities a report for ``actor`` covers: the one named by ``code``, or without a code all
    those ``actor`` works for. ``actor`` None reads with full rights (the command line). Raises
    ``UnknownGemeente`` for a code that names no municipality ``actor`` works for, and for a reader who
    works for none."""
    every = list(gemeenten_all().order_by("name"))
    allowed = every if actor is None else list(gemeenten_of(actor).order_by("name"))
    code = code.strip()
    if code:
        found = [g for g in allowed if g.code == code.upper()]
        if not found:
            raise UnknownGemeente(code)
        return _scope(found, every=len(every), single=True)
    if not allowed:
        raise UnknownGemeente("")
    return _scope(allowed, every=len(every), single=False)


def choices_for(actor) -> list[tuple[str, str]]:
    """The municipality select of the report page: (code, name) of those ``actor`` works for, only when the
    organisation has more than one (otherwise nobody has to choose)."""
    if gemeenten_all().count() < 2:
        return []
    return list(gemeenten_of(actor).order_by("name").values_list("code", "name"))
