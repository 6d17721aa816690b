"""The decision-contract request for a closed investigation: findings, household and sanction history.

Pure reads; ``services.decision_propose`` and ``services.besluit_record`` send the result to the engine and
store it with the besluit, so the reasoning can be replayed in an objection.
"""

from datetime import date, timedelta

from django.conf import settings

from naleving.common.termijnen import term_end
from naleving.decisions import finality
from naleving.decisions.models import Besluit, BesluitStatus, SanctionType
from naleving.prevention.selectors import first_change_report_on
from naleving.residents.selectors import active_benefit
from naleving.signals.choices import Origin

#: Earlier vastgestelde besluiten as decision-contract history types. An aangifte is not a criminal
#: sanction: Naleving does not know how the criminal case ended, so it is passed as `strafrechtelijk` with
#: `irrevocable: false` (visible in the trace, never a ground for recidive).
HISTORY_TYPE = {
    SanctionType.WAARSCHUWING: "waarschuwing",
    SanctionType.BOETE: "boete",
    SanctionType.AANGIFTE: "strafrechtelijk",
}


def irrevocable_on(sent: date) -> date:
    """The day a besluit sent on ``sent`` becomes irrevocable when nobody objects: the day after the objection
    term (Awb 6:7, 6:8, extended by the Atw). ``finality.irrevocable_on`` gives the day for a stored besluit
    with its objection and appeals; this is its first case, for history built without a database (the demo)."""
    return term_end(sent) + timedelta(days=1)


#: AOW age (pensioenleeftijd) is 67 from 2024 (Algemene Ouderdomswet art. 7a); it rises to 67 and 3 months
#: in 2028, which this approximation ignores.
AOW_AGE = 67
#: Signal origins that are the resident's own report; a change reported online (wijziging doorgeven) is a
#: ChangeReport and counts too (``_self_reported``).
SELF_REPORT_ORIGINS = frozenset({Origin.ZELFMELDING})


def age_band(birth_date: date, on: date) -> str:
    """The decision contract's age band of someone born on ``birth_date``, on ``on``."""
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if age >= AOW_AGE:
        return "aow"
    return "21_to_aow" if age >= 21 else "18_to_20"


def _detection(investigation, start: date) -> tuple[date | None, date | None]:
    """When the municipality found out (the earliest signal that is not a self-report, or the start of the
    investigation) and when the resident reported it themselves: a signal of theirs, or a change they
    reported of the same kind (``prevention.selectors.first_change_report_on``), the earliest. Dates before
    the period are left out: the contract refuses them, and a report older than the breach is about
    something else."""
    detected = [investigation.opened_on]
    self_reported = []
    for signal in investigation.signals.all():
        (self_reported if signal.origin in SELF_REPORT_ORIGINS else detected).append(signal.received_on)
    reported = first_change_report_on(
        investigation.resident, investigation.violation_kind, (start, investigation.period_end)
    )
    if reported is not None:
        self_reported.append(reported)
    detected = [day for day in detected if day >= start]
    self_reported = [day for day in self_reported if day >= start]
    return min(detected, default=None), min(self_reported, default=None)


def _violation(investigation, decision_date: date) -> dict:
    start, end = investigation.period_start, investigation.period_end
    violation = {"kind": investigation.violation_kind, "start": start.isoformat(), "end": end.isoformat()}
    detected, self_reported = _detection(investigation, start)
    if detected is not None:
        violation["detected_on"] = detected.isoformat()
    if self_reported is not None:
        violation["self_reported_on"] = self_reported.isoformat()
    paused = _paused_days(investigation, decision_date)
    if paused:
        violation["limitation_paused_days"] = paused
    if investigation.source_register:
        # Whatever the profile: the engine decides from the profile whether the register makes it exempt.
        violation["source_known"] = investigation.source_register
    return violation


def _paused_days(investigation, decision_date: date) -> int:
    """Days the limitation term stood still (Awb 5:45(3)) for the besluiten already taken on this
    investigation: when a new besluit is prepared on it (after an objection or appeal), those days count."""
    if investigation.pk is None:
        return 0
    primary = Besluit.objects.filter(investigation=investigation, replaces__isnull=True)
    return sum(finality.remedy_paused_days(besluit, on=decision_date) for besluit in primary)


def _amounts(investigation) -> dict:
    """``monthly`` when the findings have amounts per month, else the benadelingsbedrag."""
    months = list(investigation.finding_months.order_by("month"))
    if months:
        return {
            "monthly": [
                {"month": m.month_key, "paid": f"{m.paid:.2f}", "entitled": f"{m.entitled:.2f}"}
                for m in months
            ]
        }
    return {"benadelingsbedrag": f"{investigation.benadelingsbedrag:.2f}"}


def _history_kind(besluit: Besluit) -> str:
    if besluit.investigation_id and besluit.investigation.violation_kind:
        return besluit.investigation.violation_kind
    return ((besluit.engine_request or {}).get("violation") or {}).get("kind") or "other"


def history(*, resident, investigation, decision_date: date) -> list[dict]:
    """The resident's earlier vastgestelde warnings, fines and criminal reports, oldest first.

    A besluit replaced by a decision on objection (status ``vervangen``) no longer counts; the decision on
    objection does, dated as the besluit it replaced (the sanction was imposed then) and irrevocable when its
    chain of objection and appeals says so (``finality.irrevocable_on`` on ``decision_date``)."""
    earlier = (
        Besluit.objects.filter(
            resident=resident, status=BesluitStatus.VASTGESTELD, sanction_type__in=list(HISTORY_TYPE)
        )
        .exclude(investigation=investigation)
        .select_related("investigation")
        .order_by("decision_date", "pk")
    )
    dated = [(finality.root_of(besluit).decision_date, besluit) for besluit in earlier]
    items = []
    for imposed, besluit in sorted(dated, key=lambda pair: (pair[0], pair[1].pk)):
        if imposed > decision_date:
            continue
        item = {
            "type": HISTORY_TYPE[besluit.sanction_type],
            "kind": _history_kind(besluit),
            "date": imposed.isoformat(),
        }
        if besluit.sanction_type == SanctionType.BOETE:
            # the date it became irrevocable, so the engine can tell whether that was before the new breach
            # (decision-contract.md rule 8); a fine still open to objection or appeal is not irrevocable
            final = finality.irrevocable_on(besluit, on=decision_date)
            if final is not None:
                item["irrevocable_on"] = final.isoformat()
            else:
                item["irrevocable"] = False
        elif besluit.sanction_type == SanctionType.AANGIFTE:
            item["irrevocable"] = False
        items.append(item)
    return items


def profile_of(resident) -> str:
    """The policy profile for ``resident``'s case: their municipality's verordeningen when it names a
    profile (ADR 0021), else the installation's default."""
    return resident.gemeente.policy_profile or settings.NALEVING_DEFAULT_PROFILE


def build_request(*, investigation, decision_date: date, cooperation: str = "yes") -> dict:
    """The decision-contract request (decision-contract.md) for the findings of ``investigation``."""
    resident = investigation.resident
    benefit = active_benefit(resident, decision_date)
    return {
        "profile": profile_of(resident),
        "decision_date": decision_date.isoformat(),
        "regulation": benefit.regulation if benefit else "Pw",
        "violation": _violation(investigation, decision_date),
        **_amounts(investigation),
        "culpability": investigation.verwijtbaarheid,
        "history": history(resident=resident, investigation=investigation, decision_date=decision_date),
        "household": {
            "type": resident.household_type,
            "kostendelers": resident.kostendelers,
            "age_band": age_band(resident.birth_date, decision_date),
        },
        "income": {"on_benefit": benefit is not None},
        "cooperation": cooperation,
    }
