"""Factories for preventive interventions and referrals. Traits: ``reminder``, ``conversation``,
``extra_support`` (by the resident's fixed contact person); referrals ``in_progress``, ``completed``,
``not_taken_up``; reminder schedules (``life_event``), the reminders that fell due on them, and change
reports (``late``, ``handled``)."""

from datetime import UTC, date, datetime

import factory
from factory.django import DjangoModelFactory

from naleving.prevention.models import (
    ChangeKind,
    ChangeReport,
    ChangeReportStatus,
    Channel,
    InterventionKind,
    Partner,
    PreventiveIntervention,
    Referral,
    ReferralStatus,
    Reminder,
    ReminderKind,
    ReminderSchedule,
)
from naleving.residents.tests.factories import ResidentFactory


class PreventiveInterventionFactory(DjangoModelFactory):
    class Meta:
        model = PreventiveIntervention

    resident = factory.SubFactory(ResidentFactory)
    kind = InterventionKind.VOORLICHTING_INTAKE
    occurred_on = date(2026, 3, 2)
    topic = "Rechten en plichten bij de uitkering (inlichtingenplicht)"
    notes = "Voorlichting in eenvoudige taal (B1) met pictogrammen; folder meegegeven."
    performed_by = factory.SelfAttribute("resident.consulent")

    class Params:
        reminder = factory.Trait(
            kind=InterventionKind.PERIODIEKE_HERINNERING, topic="Herinnering: wijzigingen doorgeven", notes=""
        )
        conversation = factory.Trait(
            kind=InterventionKind.VOORLICHTINGSGESPREK, topic="Voorlichtingsgesprek: Inkomsten"
        )
        extra_support = factory.Trait(
            kind=InterventionKind.EXTRA_ONDERSTEUNING,
            topic="Extra ondersteuning door de vaste contactpersoon",
            resident=factory.SubFactory(ResidentFactory, extra_support=True),
            performed_by=factory.SelfAttribute("resident.fixed_contact_person"),
        )


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    resident = factory.SubFactory(ResidentFactory)
    partner = Partner.SCHULDHULP
    referred_on = date(2026, 3, 16)
    handover_note = "Warme overdracht; de inwoner stemt in met het delen van de gegevens."
    status = ReferralStatus.VERWEZEN
    referred_by = factory.SelfAttribute("resident.consulent")

    class Params:
        in_progress = factory.Trait(status=ReferralStatus.IN_BEHANDELING)
        completed = factory.Trait(status=ReferralStatus.AFGEROND, partner=Partner.WIJKTEAM)
        not_taken_up = factory.Trait(status=ReferralStatus.NIET_OPGEPAKT, partner=Partner.WMO)


class ReminderScheduleFactory(DjangoModelFactory):
    """A yearly schedule; trait ``life_event`` (once, with a topic)."""

    class Meta:
        model = ReminderSchedule

    resident = factory.SubFactory(ResidentFactory)
    kind = ReminderKind.JAARLIJKS
    topic = "Jaarlijkse herinnering: wijzigingen op tijd doorgeven"
    next_due_on = date(2027, 3, 2)
    interval_months = 12
    created_by = factory.SelfAttribute("resident.consulent")

    class Params:
        life_event = factory.Trait(
            kind=ReminderKind.LEVENSGEBEURTENIS, topic="Arbeidscontract eindigt", interval_months=None
        )


class ReminderFactory(DjangoModelFactory):
    """A reminder that fell due on its schedule's date: a letter in Dutch, with its reminder intervention."""

    class Meta:
        model = Reminder

    schedule = factory.SubFactory(ReminderScheduleFactory)
    resident = factory.SelfAttribute("schedule.resident")
    due_on = factory.SelfAttribute("schedule.next_due_on")
    channel = Channel.BRIEF
    language = "nl"
    intervention = factory.SubFactory(
        PreventiveInterventionFactory, resident=factory.SelfAttribute("..resident"), reminder=True
    )


class ChangeReportFactory(DjangoModelFactory):
    """A change reported on time; traits ``late`` and ``handled``."""

    class Meta:
        model = ChangeReport

    resident = factory.SubFactory(ResidentFactory)
    kind = ChangeKind.SAMENWONEN
    change_date = date(2026, 5, 1)
    reported_on = date(2026, 5, 4)
    description = "Mijn vriend komt bij mij wonen."
    term_days = 7
    on_time = True
    identified_with = "testlogin"
    reference = factory.Sequence(lambda n: f"W-2026-{n + 900000:06d}")

    class Params:
        late = factory.Trait(reported_on=date(2026, 6, 20), on_time=False)
        handled = factory.Trait(
            status=ChangeReportStatus.AFGEHANDELD,
            handled_at=factory.LazyFunction(lambda: datetime(2026, 5, 6, 10, 0, tzinfo=UTC)),
            handled_by=factory.SelfAttribute("resident.consulent"),
        )
