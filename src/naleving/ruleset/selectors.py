"""Reads: the parameter source the whole application hands the engine (shipped files + approved sets)."""

import functools

from naleving import rules
from naleving.ruleset.models import ParameterSet, SetKind, SetStatus


def amendment(parameter_set: ParameterSet, seq: int) -> rules.Amendment:
    """A set as the engine takes it (`seq` given, so a proposal can be tried before it has one)."""
    if parameter_set.kind == SetKind.PROFILE:
        return rules.Amendment(seq=seq, profiles=((parameter_set.profile_name, parameter_set.text),))
    return rules.Amendment(seq=seq, parameters_text=parameter_set.text)


def approved_amendments(up_to: int | None = None) -> tuple[rules.Amendment, ...]:
    """The approved sets in the order of approval, up to and including `up_to` (all when None)."""
    approved = ParameterSet.objects.filter(status=SetStatus.APPROVED).order_by("seq")
    if up_to is not None:
        approved = approved.filter(seq__lte=up_to)
    return tuple(amendment(s, s.seq) for s in approved)


@functools.lru_cache(maxsize=32)
def _registry(amendments: tuple[rules.Amendment, ...]) -> rules.Registry:
    return rules.Registry.load(amendments=amendments) if amendments else rules.default_registry()


def registry(up_to: int | None = None) -> rules.Registry:
    """The engine's parameter source: the shipped files with the approved sets (up to `up_to`) laid over them.

    One small query per call; the loaded registry is cached per list of sets, so an approval takes effect in
    every process on its next call."""
    return _registry(approved_amendments(up_to))


def source() -> tuple[int | None, rules.Registry]:
    """(`seq` of the last approved set or None, the registry with the sets up to it), read together so that a
    besluit stores exactly the set it was decided with."""
    amendments = approved_amendments()
    return (amendments[-1].seq if amendments else None), _registry(amendments)


def registry_at(seq: int | None) -> rules.Registry:
    """The registry a besluit was decided with: the sets approved up to its `seq` (None: shipped files only)."""
    return _registry(approved_amendments(seq) if seq is not None else ())


def registry_for_commands() -> rules.Registry:
    """`registry()` for the command line, which may run before the database is migrated: without the table
    there is no approved set, so the shipped files are the whole source."""
    from django.db import DatabaseError

    try:
        return registry()
    except DatabaseError:
        return rules.default_registry()


def current_seq() -> int | None:
    """The `seq` of the last approved set, which a besluit stores to be replayed (None: shipped files only)."""
    last = (
        ParameterSet.objects.filter(status=SetStatus.APPROVED).order_by("-seq").values_list("seq", flat=True)
    )
    return last.first()


def parameter_sets():
    return ParameterSet.objects.select_related("proposed_by", "decided_by")


def parameter_set_seq(pk: int) -> int | None:
    """The sequence number an approved parameter set got (None while it is open or was rejected)."""
    return ParameterSet.objects.values_list("seq", flat=True).get(pk=pk)
