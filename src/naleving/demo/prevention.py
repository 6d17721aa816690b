"""Preventive interventions and referrals to partners (pillar 1 of the cirkel van naleving), pure."""

from datetime import date, timedelta

from naleving.common.bulk import unsaved
from naleving.demo import texts
from naleving.demo.benefits import Grant
from naleving.demo.common import Ctx, pick, random_date
from naleving.demo.decisions import Decision
from naleving.demo.signals import SignalCase
from naleving.prevention.models import (
    InterventionKind,
    Partner,
    PreventiveIntervention,
    Referral,
    ReferralStatus,
)
from naleving.residents.choices import PreferredLanguage
from naleving.signals.choices import Route, ViolationKind

INTAKE_SHARE = 0.9
REMINDER_EVERY = timedelta(days=182)
SUPPORT_EVERY = timedelta(days=120)
AFTERCARE_SHARE = 0.5
SCHULDHULP_AFTER_CLAIM = 0.35


class Prevention:
    """Collects interventions and referrals; every date stays before the reference date."""

    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.interventions: list[PreventiveIntervention] = []
        self.referrals: list[Referral] = []

    def intervene(self, grant: Grant, kind: str, day: date, topic: str, notes: str, by=None) -> None:
        if self.ctx.period_start <= day < self.ctx.reference_date:
            self.interventions.append(
                unsaved(PreventiveIntervention, resident=grant.resident, kind=kind, occurred_on=day, topic=topic, notes=notes,
                                       performed_by=by or grant.resident.consulent)
            )  # fmt: skip

    def refer(self, grant: Grant, partner: str, day: date) -> None:
        if day >= self.ctx.reference_date:
            return
        note = texts.HANDOVER[partner].format(district=grant.resident.district)
        self.referrals.append(
            unsaved(Referral, resident=grant.resident, partner=partner, referred_on=day, handover_note=note,
                     status=self._status(day), referred_by=grant.resident.consulent)
        )  # fmt: skip

    def _status(self, day: date) -> str:
        age = (self.ctx.reference_date - day).days
        if age < 14:
            return ReferralStatus.VERWEZEN
        if age < 90:
            weights = {
                ReferralStatus.IN_BEHANDELING: 0.6,
                ReferralStatus.VERWEZEN: 0.25,
                ReferralStatus.NIET_OPGEPAKT: 0.15,
            }
        else:
            weights = {
                ReferralStatus.AFGEROND: 0.7,
                ReferralStatus.NIET_OPGEPAKT: 0.15,
                ReferralStatus.IN_BEHANDELING: 0.15,
            }
        return pick(self.ctx.rng, weights)


def _every(start: date, until: date, step: timedelta):
    day = start + step
    while day <= until:
        yield day
        day += step


def _benefit_contacts(ctx: Ctx, prevention: Prevention, grant: Grant) -> None:
    resident, start = grant.resident, grant.benefit.start_date
    if grant.is_new and ctx.rng.random() < INTAKE_SHARE:
        notes = texts.INTAKE_NOTES
        if resident.preferred_language != PreferredLanguage.NL:
            notes += f" Gesprek met tolk ({PreferredLanguage(resident.preferred_language).label})."
        day = start + timedelta(days=ctx.rng.randint(0, 14))
        prevention.intervene(grant, InterventionKind.VOORLICHTING_INTAKE, day, texts.INTAKE_TOPIC, notes)
    for day in _every(start, grant.active_until, REMINDER_EVERY):
        prevention.intervene(grant, InterventionKind.PERIODIEKE_HERINNERING, day, texts.REMINDER_TOPIC,
                             texts.REMINDER_NOTES)  # fmt: skip
    if resident.needs_extra_support:
        for day in _every(start, grant.active_until, SUPPORT_EVERY):
            prevention.intervene(grant, InterventionKind.EXTRA_ONDERSTEUNING, day, texts.SUPPORT_TOPIC,
                                 texts.SUPPORT_NOTES, by=resident.fixed_contact_person)  # fmt: skip
    roll, threshold = ctx.rng.random(), 0.0
    for partner, share in texts.REFERRALS.items():
        threshold += share
        if roll < threshold:
            prevention.refer(grant, partner, random_date(ctx.rng, grant.active_from, grant.active_until))
            break


def _signal_contacts(ctx: Ctx, prevention: Prevention, cases: list[SignalCase]) -> None:
    for case in cases:
        if (
            case.signal.route == Route.PREVENTIEF_CONTACT
            and case.grant is not None
            and ctx.rng.random() < 0.9
        ):
            day = case.triaged_on + timedelta(days=ctx.rng.randint(1, 21))
            topic = f"Voorlichtingsgesprek: {ViolationKind(case.signal.kind).label}"
            prevention.intervene(
                case.grant, InterventionKind.VOORLICHTINGSGESPREK, day, topic, texts.CONVERSATION_NOTES
            )


def _aftercare(ctx: Ctx, prevention: Prevention, decisions: list[Decision]) -> None:
    for decision in decisions:
        grant, decided = decision.case.grant, decision.besluit.decision_date
        if ctx.rng.random() < AFTERCARE_SHARE:
            day = decided + timedelta(days=ctx.rng.randint(7, 30))
            prevention.intervene(grant, InterventionKind.VOORLICHTINGSGESPREK, day, "Nazorg na besluit",
                                 texts.AFTERCARE_NOTES)  # fmt: skip
        if decision.claims and ctx.rng.random() < SCHULDHULP_AFTER_CLAIM:
            prevention.refer(grant, Partner.SCHULDHULP, decided + timedelta(days=ctx.rng.randint(0, 14)))


def prevention_build(
    ctx: Ctx, grants: list[Grant], signal_cases: list[SignalCase], decisions: list[Decision]
):
    """Intake information, reminders, support, conversations after signals and aftercare, and referrals."""
    prevention = Prevention(ctx)
    for grant in grants:
        _benefit_contacts(ctx, prevention, grant)
    _signal_contacts(ctx, prevention, signal_cases)
    _aftercare(ctx, prevention, decisions)
    return prevention.interventions, prevention.referrals
