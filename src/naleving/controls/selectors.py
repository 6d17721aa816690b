"""Reads for theme controls: the register's filters, deliveries and runs, and the effectiveness of runs (datasets.md "Control group and effectiveness").

A released run's hits and its control group became signals; the investigations that followed those signals
say whether a breach was found. Per run and group: the signals, the investigations closed with findings,
those that established a breach, the hit rate (breaches / closed investigations), the benadelingsbedrag of
the breaches, and the lift (hit rate of the selected / hit rate of the control group) with its 95 %
confidence interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import NormalDist

from django.db.models import Prefetch, Q, QuerySet

from naleving.controls.models import ControlHit, ControlRun, Delivery, Filter
from naleving.gemeenten.selectors import gemeente_scope
from naleving.investigations.choices import Outcome, Status


def _scope(actor) -> Q:
    """Deliveries and runs ``actor`` may see: those of their municipalities; one for the whole
    organisation only when they work for all (ADR 0021)."""
    return gemeente_scope(actor)


def filters_with_runs(actor) -> list[Filter]:
    """Every filter in the register with its owner, approvals and the runs ``actor`` may see."""
    runs = Prefetch("runs", queryset=ControlRun.objects.filter(_scope(actor)).select_related("gemeente"))
    return list(Filter.objects.select_related("owner").prefetch_related("approvals", runs))


def filter_runs(actor, filter_: Filter) -> QuerySet[ControlRun]:
    """The runs of one filter that ``actor`` may see."""
    return filter_.runs.filter(_scope(actor)).select_related("gemeente")


def filter_get(*, name: str) -> Filter:
    """One filter of the register by its name; ``Filter.DoesNotExist`` otherwise."""
    return Filter.objects.select_related("owner").get(name=name)


def filter_titles(names: Iterable[str]) -> list[str]:
    """The titles of the named filters, in register order."""
    wanted = set(names)
    return [title for name, title in Filter.objects.values_list("name", "title") if name in wanted]


def recent_deliveries(actor, limit: int = 10) -> list[Delivery]:
    return list(Delivery.objects.filter(_scope(actor)).select_related("created_by", "gemeente")[:limit])


def delivery_get(*, actor, delivery_id: int) -> Delivery:
    return Delivery.objects.filter(_scope(actor)).select_related("created_by", "gemeente").get(pk=delivery_id)


def run_get(*, actor, run_id: int) -> ControlRun:
    return (
        ControlRun.objects.filter(_scope(actor))
        .select_related("filter", "created_by", "fg_approved_by", "delivery", "gemeente")
        .get(pk=run_id)
    )


#: residents (public page, algoritmeregister) see hit rates only from this many closed investigations per group
PUBLIC_MIN_CLOSED = 5

#: z for a two-sided 95 % interval (1.959963…)
LIFT_Z = NormalDist().inv_cdf(0.975)


@dataclass
class GroupOutcome:
    """What the assessment of one group (the selected or the control group) of one or more runs found."""

    signals: int = 0
    closed: int = 0
    breaches: int = 0
    benadeling: Decimal = Decimal("0.00")
    open: int = 0  # investigations still open
    _signals: set[int] = field(default_factory=set, repr=False)
    _closed: set[int] = field(default_factory=set, repr=False)
    _breaches: dict[int, Decimal] = field(default_factory=dict, repr=False)
    _open: set[int] = field(default_factory=set, repr=False)

    @property
    def hit_rate(self) -> float | None:
        return self.breaches / self.closed if self.closed else None

    def add(self, signal_id: int, investigation: tuple | None) -> None:
        self._signals.add(signal_id)
        if investigation is not None:
            inv_id, status, outcome, amount = investigation
            if status == Status.AFGEROND and outcome in Outcome.values:
                self._closed.add(inv_id)
                if outcome == Outcome.SCHENDING:
                    self._breaches[inv_id] = amount or Decimal("0.00")
            elif status != Status.AFGEROND:
                self._open.add(inv_id)
        self._count()

    def merge(self, other: GroupOutcome) -> None:
        self._signals |= other._signals
        self._closed |= other._closed
        self._breaches |= other._breaches
        self._open |= other._open
        self._count()

    def _count(self) -> None:
        self.signals, self.closed = len(self._signals), len(self._closed)
        self.breaches, self.open = len(self._breaches), len(self._open)
        self.benadeling = sum(self._breaches.values(), Decimal("0.00"))


@dataclass
class Effectiveness:
    selected: GroupOutcome = field(default_factory=GroupOutcome)
    control: GroupOutcome = field(default_factory=GroupOutcome)

    @property
    def lift(self) -> float | None:
        """Hit rate of the selected / hit rate of the control group; None when either is unknown or the
        control group found no breach (then the ratio is not defined)."""
        selected, control = self.selected.hit_rate, self.control.hit_rate
        if selected is None or not control:
            return None
        return selected / control

    @property
    def lift_interval(self) -> tuple[float, float] | None:
        """The 95 % confidence interval of the lift (a risk ratio), by the Katz log method:
        exp(ln lift ± z·√(1/a − 1/n₁ + 1/c − 1/n₂)), with a and c the breaches and n₁ and n₂ the closed
        investigations of the selected and the control group. None when the lift is not defined or the
        selection found no breach (the log method needs a breach in both groups)."""
        lift = self.lift
        if lift is None or not self.selected.breaches:
            return None
        a, n1 = self.selected.breaches, self.selected.closed
        c, n2 = self.control.breaches, self.control.closed
        margin = LIFT_Z * math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
        return math.exp(math.log(lift) - margin), math.exp(math.log(lift) + margin)

    @property
    def lift_conclusion(self) -> str | None:
        """What the interval allows one to say: "hoger" (the filter finds more than chance), "onzeker"
        (the interval holds 1) or "lager" (it finds less than chance); None without an interval."""
        interval = self.lift_interval
        if interval is None:
            return None
        low, high = interval
        return "hoger" if low > 1 else "lager" if high < 1 else "onzeker"

    @property
    def public(self) -> bool:
        """Enough closed investigations in both groups to show residents the hit rates."""
        return min(self.selected.closed, self.control.closed) >= PUBLIC_MIN_CLOSED

    def merge(self, other: Effectiveness) -> None:
        self.selected.merge(other.selected)
        self.control.merge(other.control)


def runs_effectiveness(runs: Iterable[ControlRun]) -> dict[int, Effectiveness]:
    """{run id: Effectiveness} for the given runs, in two queries' worth of rows (no per-run queries)."""
    ids = [run.pk for run in runs]
    result = {pk: Effectiveness() for pk in ids}
    rows = (
        ControlHit.objects.filter(run_id__in=ids, signal__isnull=False)
        .order_by()
        .values_list(
            "run_id",
            "in_control_group",
            "signal_id",
            "signal__investigations__id",
            "signal__investigations__status",
            "signal__investigations__outcome",
            "signal__investigations__benadelingsbedrag",
        )
    )
    for run_id, in_control_group, signal_id, inv_id, status, outcome, amount in rows:
        outcome_of = result[run_id].control if in_control_group else result[run_id].selected
        outcome_of.add(signal_id, None if inv_id is None else (inv_id, status, outcome, amount))
    return result


def total_effectiveness(effects: Iterable[Effectiveness]) -> Effectiveness:
    """The runs together: an investigation followed from two runs counts once."""
    total = Effectiveness()
    for effect in effects:
        total.merge(effect)
    return total
