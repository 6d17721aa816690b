"""The other records of a resident's file (prevention, change reports, corrections, AVG objections,
registratieverzoeken) have their own terms: the dry run lists them when old enough, the approved list
destroys them and the resident with them, the certificate counts them and nothing else changes; a record
the law still needs stays, and so does the resident."""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from naleving.decisions.tests.factories import BesluitFactory
from naleving.prevention.tests.factories import (
    ChangeReportFactory,
    PreventiveInterventionFactory,
    ReferralFactory,
    ReminderFactory,
)
from naleving.residents.models import Correction, PrivacyObjection, Registratieverzoek, Resident
from naleving.residents.tests.factories import BenefitFactory, ResidentFactory
from naleving.retention.selectors import destruction_candidates
from naleving.retention.services import (
    destruction_list_approve,
    destruction_list_execute,
    destruction_list_propose,
)
from naleving.retention.terms import terms_load

ON = date(2026, 6, 1)
FILE_TYPES = ("preventiedossier", "wijziging_afgehandeld", "correctie", "bezwaar_verwerking")


def _file(resident, *, handled_at=datetime(2023, 2, 1, 9, 0, tzinfo=UTC)) -> dict:
    """A record of every non-case kind for ``resident``. The ORM directly for the three AVG models of
    residents, which have no factories (as in dossier/tests/test_inzage.py)."""
    PreventiveInterventionFactory(resident=resident, conversation=True, occurred_on=date(2019, 3, 1))
    ReminderFactory(schedule__resident=resident)
    ReferralFactory(resident=resident, completed=True, referred_on=date(2019, 4, 1))
    return {
        "wijziging_afgehandeld": ChangeReportFactory(resident=resident, handled=True).pk,
        "correctie": Correction.objects.create(
            resident=resident,
            field="phone",
            old_value="0612345678",
            new_value="0687654321",
            requested_on=date(2019, 5, 1),
            reason="Nieuw nummer",
        ).pk,
        "bezwaar_verwerking": PrivacyObjection.objects.create(
            resident=resident,
            received_on=date(2019, 6, 1),
            grounds="Geen themacontroles.",
            status="afgewezen",
            decided_on=date(2019, 7, 1),
            weighing="Gewogen.",
        ).pk,
        "registratieverzoek": Registratieverzoek.objects.create(
            resident=resident,
            bsn=resident.bsn,
            details={"family_name": resident.family_name},
            status="afgehandeld",
            handled_at=handled_at,
        ).pk,
    }


@pytest.fixture
def old_file(world):
    """A resident whose benefit ended in 2019 with only file records (no case): all past their term."""
    resident = ResidentFactory(family_name="Oudedossier")
    BenefitFactory(resident=resident, start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    return {"resident": resident, **_file(resident)}


def _counts() -> dict[str, int]:
    models = apps.get_models(include_auto_created=True)
    return {
        m._meta.label: m._default_manager.count() for m in models if m._meta.managed and not m._meta.proxy
    }


@pytest.mark.django_db
def test_dry_run_lists_the_file_records_of_an_old_file(old_file):
    before = _counts()
    out = StringIO()
    call_command("retention", "dry-run", "--on", ON.isoformat(), stdout=out)
    text = out.getvalue()
    resident = old_file["resident"]
    assert f"preventiedossier {resident.pk} (dossier {resident.pk})" in text
    for record_type in ("wijziging_afgehandeld", "correctie", "bezwaar_verwerking", "registratieverzoek"):
        assert f"{record_type} {old_file[record_type]} (dossier {resident.pk})" in text
    assert f"inwoner_zonder_uitkering {resident.pk} " in text  # nothing of the file is left behind
    assert "Oudedossier" not in text
    assert _counts() == before


@pytest.mark.django_db
def test_approval_destroys_the_file_records_and_anonymises_the_resident(old_file, world, make_user):
    resident = old_file["resident"]
    dlist = destruction_list_propose(world["beheerder"], on=ON)
    destruction_list_approve(world["fg"], destruction_list=dlist, as_role="fg")
    destruction_list_approve(make_user("archivaris"), destruction_list=dlist, as_role="archivaris")
    jansen_before = Resident.objects.filter(pk=world["jansen"].pk).values().get()
    before = _counts()

    certificate = destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)

    after = _counts()
    assert certificate.counts == {
        "bezwaar_verwerking": 1,
        "correctie": 1,
        "inwoner_zonder_uitkering": 1,
        "preventiedossier": 1,
        "registratieverzoek": 1,
        "wijziging_afgehandeld": 1,
    }
    changed = {label: after[label] - before[label] for label in before if before[label] != after[label]}
    assert changed == {
        "prevention.PreventiveIntervention": -2,  # the conversation and the reminder's own
        "prevention.Reminder": -1,
        "prevention.ReminderSchedule": -1,
        "prevention.Referral": -1,
        "prevention.ChangeReport": -1,
        "residents.Correction": -1,
        "residents.PrivacyObjection": -1,
        "residents.Registratieverzoek": -1,
        "retention.DestructionCertificate": 1,
        "audit.AuditEvent": 1,
    }
    assert certificate.rows["prevention.Referral"] == 1
    anonymised = Resident.objects.get(pk=resident.pk)
    assert anonymised.family_name == "Vernietigd" and anonymised.bsn.startswith("X")
    assert Resident.objects.filter(pk=world["jansen"].pk).values().get() == jansen_before


@pytest.mark.django_db
def test_file_records_stay_while_a_besluit_is_needed_for_recidive(world):
    """The benefit ended in 2019, but a fine of 2022 is needed for the recidive look-back until 2027 (art.
    18a lid 5 Pw): the file records stay with it, and so does the resident."""
    resident = ResidentFactory(family_name="Recidive")
    BenefitFactory(resident=resident, start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    ids = _file(resident, handled_at=datetime(2023, 2, 1, 9, 0, tzinfo=UTC))
    fine = BesluitFactory(
        resident=resident,
        investigation__resident=resident,
        investigation__closed_on=date(2022, 1, 3),
        decision_date=date(2022, 1, 10),
    )
    result = destruction_candidates(terms=terms_load(), on=ON)
    due = {(c.record_type, c.object_id) for c in result.due}
    held = {(c.record_type, c.object_id): c.reason for c in result.held}
    assert ("besluit_met_sanctie", fine.pk) not in due
    assert ("preventiedossier", resident.pk) not in due
    assert "besluiten" in held[("preventiedossier", resident.pk)]
    for record_type in ("wijziging_afgehandeld", "correctie", "bezwaar_verwerking"):
        assert (record_type, ids[record_type]) not in due
        assert held[(record_type, ids[record_type])].startswith("Aangehouden: het dossier heeft nog")
    assert ("inwoner_zonder_uitkering", resident.pk) not in due
    # The registratieverzoek counts from its handling and supports no case: it goes.
    assert ("registratieverzoek", ids["registratieverzoek"]) in due


@pytest.mark.django_db
def test_file_records_within_their_term_or_in_progress_are_not_listed(world):
    resident = ResidentFactory()
    BenefitFactory(resident=resident, start_date=date(2015, 1, 1), end_date=date(2022, 12, 31))
    recent = _file(resident, handled_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    ended_long_ago = ResidentFactory()
    BenefitFactory(resident=ended_long_ago, start_date=date(2010, 1, 1), end_date=date(2018, 12, 31))
    unhandled = ChangeReportFactory(resident=ended_long_ago)
    undecided = PrivacyObjection.objects.create(
        resident=ended_long_ago, received_on=date(2019, 1, 5), grounds="Geen controles."
    )
    result = destruction_candidates(terms=terms_load(), on=ON)
    due = {(c.record_type, c.object_id) for c in result.due}
    for record_type in (*FILE_TYPES[1:], "registratieverzoek"):
        assert (record_type, recent[record_type]) not in due  # 2022 + 5 years, handled 2026 + 1 year
    assert ("preventiedossier", resident.pk) not in due
    held = {(c.record_type, c.object_id): c.reason for c in result.held}
    assert "nog niet afgehandeld" in held[("wijziging_afgehandeld", unhandled.pk)]
    assert "nog niet beslist" in held[("bezwaar_verwerking", undecided.pk)]
    assert ("inwoner_zonder_uitkering", ended_long_ago.pk) not in due


def test_a_prevention_file_a_staying_besluit_refers_to_is_held(old_file):
    """A besluit of another resident that stays points at this file's referral (PROTECT): the file is held,
    and the reason says so; the other residents' files are not."""
    from naleving.prevention.models import Referral

    other = ResidentFactory(family_name="Anderdossier")
    BenefitFactory(resident=other, start_date=date(2015, 1, 1), end_date=date(2019, 12, 31))
    PreventiveInterventionFactory(resident=other, conversation=True, occurred_on=date(2019, 3, 1))
    referral = Referral.objects.get(resident=old_file["resident"])
    BesluitFactory(decision_date=date(2025, 3, 3), sent_on=date(2025, 3, 3), referral=referral)
    result = destruction_candidates(terms=terms_load(), on=ON)
    held = {c.object_id: c.reason for c in result.held if c.record_type == "preventiedossier"}
    due = {c.object_id for c in result.due if c.record_type == "preventiedossier"}
    assert "een besluit dat blijft, verwijst naar een verwijzing" in held[old_file["resident"].pk]
    assert other.pk in due and other.pk not in held


def test_a_besluit_that_goes_on_the_same_list_does_not_hold_the_file_it_refers_to(old_file):
    from naleving.prevention.models import Referral

    referral = Referral.objects.get(resident=old_file["resident"])
    going = BesluitFactory(
        decision_date=date(2015, 1, 12), sent_on=date(2015, 1, 12), sanction_type="geen", referral=referral
    )
    result = destruction_candidates(terms=terms_load(), on=ON)
    assert going.pk in {c.object_id for c in result.due if c.record_type == "besluit_zonder_sanctie"}
    due = {c.object_id for c in result.due if c.record_type == "preventiedossier"}
    assert old_file["resident"].pk in due
