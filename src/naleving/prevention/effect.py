"""The effect of prevention, as figures the reports use (SZW 004 §5.1: "meetbaar maken wat het effect is van
preventie in de handhaving"; Baanbrekers: changes reported by residents, on time).

Plain counts over the whole organisation; the reports app applies small-number suppression before it
shows them to readers outside the enforcement team. A comparison between residents who did and did not
receive intake information is an observation, not proof of cause: who gets an intake is not random.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from naleving.common.sets import id_set
from naleving.prevention.models import ChangeReport, InterventionKind, PreventiveIntervention


@dataclass(frozen=True)
class GroupRate:
    residents: int
    with_breach: int

    @property
    def rate(self) -> float | None:
        """The share with an established breach (0-1); ``None`` for an empty group."""
        return self.with_breach / self.residents if self.residents else None


@dataclass(frozen=True)
class IntakeEffect:
    start: date
    end: date
    informed: GroupRate
    not_informed: GroupRate


def _benefit_residents(start: date, end: date) -> set[int]:
    from naleving.residents.models import Benefit

    running = Benefit.objects.filter(
        Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    )
    return set(running.values_list("resident_id", flat=True))


def _breached_residents(start: date, end: date) -> set[int]:
    # Read-only aggregate over the investigations' outcomes (indicator I1's definition of a breach).
    from naleving.investigations.choices import Outcome, Status
    from naleving.investigations.models import Investigation

    closed = Investigation.objects.filter(
        status=Status.AFGEROND, outcome=Outcome.SCHENDING, closed_on__range=(start, end)
    )
    return set(closed.values_list("resident_id", flat=True))


def intake_effect(*, start: date, end: date) -> IntakeEffect:
    """Breach rate of residents who received intake information vs those who did not.

    Population: residents with a benefit running at some time in [start, end]. *Informed*: a
    "voorlichting bij intake" on or before ``end``. *Breach*: an investigation closed in the period that
    established a breach of the duty to inform.
    """
    population = _benefit_residents(start, end)
    informed_ids = set(
        PreventiveIntervention.objects.filter(
            kind=InterventionKind.VOORLICHTING_INTAKE,
            occurred_on__lte=end,
            resident_id__in=id_set(population),
        ).values_list("resident_id", flat=True)
    )
    breached = _breached_residents(start, end) & population
    others = population - informed_ids
    return IntakeEffect(
        start=start,
        end=end,
        informed=GroupRate(len(informed_ids), len(breached & informed_ids)),
        not_informed=GroupRate(len(others), len(breached & others)),
    )


@dataclass(frozen=True)
class OnTimeShare:
    start: date
    end: date
    reported: int
    on_time: int

    @property
    def share(self) -> float | None:
        return self.on_time / self.reported if self.reported else None


def change_reports_on_time(*, start: date, end: date, kind: str | None = None) -> OnTimeShare:
    """Changes residents reported in [start, end] (by the date reported) and how many were on time."""
    reports = ChangeReport.objects.filter(reported_on__range=(start, end))
    if kind:
        reports = reports.filter(kind=kind)
    return OnTimeShare(
        start=start, end=end, reported=reports.count(), on_time=reports.filter(on_time=True).count()
    )
