"""Outcome fairness of a filter (issue #23): per run, or over all runs of a filter, what the investigations
after release found per group, computed by ``naleving.analytics.outcomes``; the OutcomeReview that records it
and the FG's acknowledgement of a flagged review.

Where the numbers come from:
- population n_g and selected s_g per group: the run's bias check (counted on the delivery at run time);
- outcomes: each released hit's signal → its investigations closed with an outcome (breach or not) → the
  besluiten on those investigations (sanctioned: a vastgesteld besluit with a sanction other than "geen");
- a hit's group: raw deliveries are deleted after the run and a hit keeps no attributes, so the group is
  read from the resident the signal is about (or whose BSN the hit has), as the bias check derives it:
  the age band on the run's reference date, the household type of the benefit running on that date (else
  the resident's), the district. Sex is not in the resident administration: it is reported as not
  available after the run.
An investigation followed from two runs counts once, as in the effectiveness figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from naleving.analytics.outcomes import MIN_OUTCOMES, GroupCounts, outcome_report
from naleving.analytics.population import AGE_BANDS, ATTRIBUTES, UNDER_18
from naleving.audit.services import audit_record
from naleving.controls.models import ControlHit, ControlRun, Filter, OutcomeReview
from naleving.controls.permissions import APPROVE_FILTER, RUN, require
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType
from naleving.investigations.choices import Outcome, Status
from naleving.residents.models import Benefit, Resident

#: the attributes that can be read back from the resident for hits stored without their groups (sex lives only
#: in the delivery, which is deleted after the run; since issue #23 each hit keeps its groups)
KNOWN_AFTER_RUN = ("age_band", "household_type", "district")


def age_band(birth: date, on: date) -> str:
    """The bias check's age band (analytics.population) of someone born on ``birth``, on ``on``."""
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 18:
        return UNDER_18
    for band, upper in zip(AGE_BANDS, (26, 39, 54), strict=False):
        if age <= upper:
            return band
    return AGE_BANDS[-1]


@dataclass
class _Case:
    """One investigation with an outcome, as the assessment of one hit."""

    control: bool
    groups: dict[str, str]
    breach: bool
    sanctioned: bool


def _released_runs(filter_: Filter | None, run: ControlRun | None) -> list[ControlRun]:
    if run is not None:
        return [run]
    assert filter_ is not None
    # Only released runs have assessed hits; the others would add population without outcomes.
    return list(filter_.runs.filter(status=ControlRun.Status.RELEASED).order_by("reference_date", "pk"))


def _groups_of(hits: list[tuple], runs: dict[int, ControlRun]) -> dict[tuple[int, str], dict[str, str]]:
    """{(run id, client id): {attribute: group}} for the hits whose resident is known."""
    resident_ids = {h[3] for h in hits if h[3]}
    bsns = {h[2] for h in hits if h[2] and not h[3]}
    residents = {
        r.pk: r for r in Resident.objects.filter(Q(pk__in=resident_ids) | Q(bsn__in=bsns)).order_by()
    }
    by_bsn = {r.bsn: r for r in residents.values()}
    benefits = defaultdict(list)
    for b in Benefit.objects.filter(resident_id__in=list(residents)).order_by("start_date"):
        benefits[b.resident_id].append(b)
    found = {}
    for run_id, _control, bsn, resident_id, client_id in hits:
        resident = residents.get(resident_id) if resident_id else by_bsn.get(bsn)
        if resident is None:
            continue
        on = runs[run_id].reference_date
        running = [
            b
            for b in benefits[resident.pk]
            if b.start_date <= on and (b.end_date is None or b.end_date >= on)
        ]
        found[(run_id, client_id)] = {
            "age_band": age_band(resident.birth_date, on),
            "household_type": running[-1].household_type if running else resident.household_type,
            "district": resident.district,
        }
    return found


def _cases(runs: list[ControlRun]) -> list[_Case]:
    by_id = {run.pk: run for run in runs}
    rows = list(
        ControlHit.objects.filter(run__in=runs, signal__isnull=False)
        .order_by()
        .values_list(
            "run_id",
            "in_control_group",
            "bsn",
            "signal__resident_id",
            "client_id",
            "signal__investigations__id",
            "signal__investigations__status",
            "signal__investigations__outcome",
            "groups",
        )
    )
    # the groups the run stored with each hit (from the delivery, sex included); for runs stored before
    # that, from the resident's record on the reference date (no sex: residents keep none)
    stored = {(r[0], r[4]): r[8] for r in rows if r[8]}
    groups = _groups_of([r[:5] for r in rows if (r[0], r[4]) not in stored], by_id) | stored
    closed = {
        r[5]: r for r in rows if r[5] is not None and r[6] == Status.AFGEROND and r[7] in Outcome.values
    }
    sanctioned = set(
        Besluit.objects.filter(investigation_id__in=list(closed), status=BesluitStatus.VASTGESTELD)
        .exclude(sanction_type=SanctionType.GEEN)
        .values_list("investigation_id", flat=True)
    )
    cases = []
    for inv_id, (run_id, control, _bsn, _resident, client_id, _i, _s, outcome, _g) in sorted(closed.items()):
        cases.append(
            _Case(
                control=control,
                groups=groups.get((run_id, client_id), {}),
                breach=outcome == Outcome.SCHENDING,
                sanctioned=inv_id in sanctioned,
            )
        )
    return cases


def outcome_counts(runs: Iterable[ControlRun]) -> dict[str, dict[str, GroupCounts]]:
    """{attribute: {group: GroupCounts}} over ``runs``: population and selection from their bias checks,
    outcomes from the investigations after release."""
    runs = list(runs)
    counts: dict[str, dict[str, GroupCounts]] = {a: {} for a in ATTRIBUTES}
    for run in runs:
        for attribute in ATTRIBUTES:
            section = (run.bias or {}).get(attribute) or {}
            for group, g in (section.get("groups") or {}).items():
                here = GroupCounts(population=int(g.get("n") or 0), selected=int(g.get("s") or 0))
                counts[attribute][group] = counts[attribute].get(group, GroupCounts()) + here
    for case in _cases(runs):
        for attribute, group in case.groups.items():
            if case.control:
                here = GroupCounts(control_with_outcome=1, control_breaches=int(case.breach))
            else:
                here = GroupCounts(
                    with_outcome=1, no_breach=int(not case.breach), sanctioned=int(case.sanctioned)
                )
            counts[attribute][group] = counts[attribute].get(group, GroupCounts()) + here
    return counts


def outcome_report_for(*, filter_: Filter | None = None, run: ControlRun | None = None) -> dict:
    """The outcome report of one run, or over all runs of ``filter_`` (no write)."""
    runs = _released_runs(filter_, run)
    report = outcome_report(outcome_counts(runs), MIN_OUTCOMES)
    # runs stored before the hits kept their groups: sex cannot be read back (residents keep none)
    if not ControlHit.objects.filter(run__in=runs).exclude(groups={}).exists():
        for attribute in set(ATTRIBUTES) - set(KNOWN_AFTER_RUN):
            report["attributes"][attribute]["unavailable"] = True  # type: ignore[index]
    report["runs"] = [r.pk for r in runs]
    report["outcomes"] = sum(
        g["n_outcome"]
        for g in report["attributes"]["district"]["groups"].values()  # type: ignore[index]
    )
    return report


@transaction.atomic
def outcome_review_record(
    *, actor=None, filter_: Filter | None = None, run: ControlRun | None = None
) -> OutcomeReview:
    """Record the outcome review of ``run`` (or over all runs of ``filter_``) with its report and whether it
    is flagged; a flagged review waits for the FG. ``actor`` None: the system (the demo, a scheduled job)."""
    if actor is not None:
        require(actor, RUN)
    if run is None and filter_ is None:
        raise ValidationError("Kies een run of een filter voor de uitkomstcontrole.")
    filter_ = run.filter if run is not None else filter_
    report = outcome_report_for(filter_=filter_, run=run)
    review = OutcomeReview.objects.create(
        filter=filter_, run=run, report=report, flagged=bool(report["flagged"])
    )
    audit_record(
        actor=actor,
        code="control.outcome_review",
        obj=review,
        after={
            "filter": filter_.name,
            "run": run.pk if run is not None else None,
            "outcomes": report["outcomes"],
            "flagged": review.flagged,
            "verdicts": {a: s["verdict"] for a, s in report["attributes"].items()},
        },
    )
    return review


@transaction.atomic
def outcome_review_acknowledge(*, actor, review: OutcomeReview, note: str) -> OutcomeReview:
    """The FG has seen a flagged outcome review and writes down what follows from it."""
    require(actor, APPROVE_FILTER)
    review = OutcomeReview.objects.select_for_update().get(pk=review.pk)
    note = (note or "").strip()
    if not review.flagged:
        raise ValidationError("Alleen een gemarkeerde uitkomstcontrole vraagt een reactie van de FG.")
    if review.fg_seen_at is not None:
        raise ValidationError("De FG heeft deze uitkomstcontrole al gezien.")
    if not note:
        raise ValidationError({"note": "Schrijf wat er met de uitkomst gebeurt (toelichting FG)."})
    review.fg_seen_by, review.fg_seen_at, review.fg_note = actor, timezone.now(), note
    review.save(update_fields=["fg_seen_by", "fg_seen_at", "fg_note"])
    audit_record(actor=actor, code="control.outcome_review_seen", obj=review, after={"note": note})
    return review


def flagged_reviews_waiting():
    """Flagged outcome reviews the FG has not yet seen, newest first."""
    return OutcomeReview.objects.filter(flagged=True, fg_seen_at__isnull=True).select_related("filter", "run")


def recent_reviews(limit: int = 50) -> list[OutcomeReview]:
    """The newest recorded outcome reviews (counts per group only: every register reader may see them)."""
    return list(OutcomeReview.objects.select_related("filter", "run", "fg_seen_by")[:limit])


def review_get(*, review_id: int) -> OutcomeReview:
    """One outcome review; ``OutcomeReview.DoesNotExist`` otherwise."""
    return OutcomeReview.objects.select_related("filter", "run").get(pk=review_id)


def latest_review(*, filter_: Filter, run: ControlRun | None = None) -> OutcomeReview | None:
    """The newest recorded review of the run (or of the filter over all its runs)."""
    return (
        OutcomeReview.objects.filter(filter=filter_, run=run)
        .select_related("fg_seen_by")
        .order_by("-created_at", "-pk")
        .first()
    )
