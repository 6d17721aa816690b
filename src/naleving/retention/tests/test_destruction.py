"""Retention and destruction: the dry run lists what would go and why, both approvals (not the proposer)
let it go, the certificate remains and nothing else changes; records the law still needs stay."""

from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from naleving.audit.models import AuditEvent
from naleving.claims.tests.factories import VorderingFactory
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.tests.factories import InvestigationFactory, InvestigativeActionFactory
from naleving.residents.models import Resident
from naleving.residents.tests.factories import BenefitFactory, ResidentFactory
from naleving.retention.models import DestructionCertificate, ListStatus
from naleving.retention.selectors import destruction_candidates
from naleving.retention.services import (
    destruction_list_approve,
    destruction_list_execute,
    destruction_list_propose,
)
from naleving.retention.terms import TERMS_FILE, terms_load, terms_parse
from naleving.signals.tests.factories import SignalFactory

ON = date(2026, 6, 1)
OLD_TRIAGE = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def _geen_actie(resident, triaged_at=OLD_TRIAGE):
    return SignalFactory(
        resident=resident,
        route="geen_actie",
        triage_motivation="Geen aanwijzing.",
        triaged_at=triaged_at,
        external_reference="",
    )


@pytest.fixture
def old(world):
    """A resident whose benefit ended in 2020, with one old 'geen actie' signal and an old investigation
    closed without findings; plus a recent 'geen actie' signal of Jansen (still within its term)."""
    resident = ResidentFactory(family_name="Oudgediende")
    BenefitFactory(resident=resident, start_date=date(2018, 1, 1), end_date=date(2020, 12, 31))
    signal = _geen_actie(resident)
    investigation = InvestigationFactory(
        resident=resident, closed_without_breach=True, opened_on=date(2023, 1, 10)
    )
    investigation.closed_on = date(2023, 3, 1)
    investigation.save()
    InvestigativeActionFactory(investigation=investigation)
    recent = _geen_actie(world["jansen"], triaged_at=datetime(2026, 2, 1, tzinfo=UTC))
    return {"resident": resident, "signal": signal, "investigation": investigation, "recent": recent}


def _counts() -> dict[str, int]:
    models = apps.get_models(include_auto_created=True)
    return {
        m._meta.label: m._default_manager.count() for m in models if m._meta.managed and not m._meta.proxy
    }


def _due(on=ON, terms=None):
    return {
        (c.record_type, c.object_id) for c in destruction_candidates(terms=terms or terms_load(), on=on).due
    }


@pytest.mark.django_db
def test_dry_run_lists_what_would_go_and_why_and_changes_nothing(old):
    before = _counts()
    out = StringIO()
    call_command("retention", "dry-run", "--on", ON.isoformat(), stdout=out)
    text = out.getvalue()
    assert f"signaal_geen_actie {old['signal'].pk} (dossier {old['resident'].pk})" in text
    assert f"onderzoek_zonder_bevindingen {old['investigation'].pk}" in text
    assert "Selectielijst gemeenten en intergemeentelijke organen 2020" in text
    assert f"signaal_geen_actie {old['recent'].pk} " not in text  # triaged in 2026: within its term
    assert "Oudgediende" not in text  # numbers, never names
    assert _counts() == before


@pytest.mark.django_db
def test_approval_by_fg_and_archivist_destroys_and_keeps_a_certificate(old, world, make_user):
    archivaris = make_user("archivaris")
    dlist = destruction_list_propose(world["beheerder"], on=ON)
    listed = {(i.record_type, i.object_id) for i in dlist.items.all()}
    assert ("signaal_geen_actie", old["signal"].pk) in listed
    assert ("onderzoek_zonder_bevindingen", old["investigation"].pk) in listed
    assert ("inwoner_zonder_uitkering", old["resident"].pk) in listed
    assert all(i.reason for i in dlist.items.all())

    # Not yet approved by both: nothing can be executed.
    destruction_list_approve(world["fg"], destruction_list=dlist, as_role="fg")
    with pytest.raises(ValidationError):
        destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)
    destruction_list_approve(archivaris, destruction_list=dlist, as_role="archivaris")
    dlist.refresh_from_db()
    assert dlist.status == ListStatus.GOEDGEKEURD

    jansen_before = Resident.objects.filter(pk=world["jansen"].pk).values().get()
    before = _counts()
    certificate = destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)
    after = _counts()

    # What was on the list is gone; the resident row stays, anonymised, for the counts.
    assert certificate.counts == {
        "inwoner_zonder_uitkering": 1,
        "onderzoek_zonder_bevindingen": 1,
        "signaal_geen_actie": 1,
    }
    resident = Resident.objects.get(pk=old["resident"].pk)
    assert resident.family_name == "Vernietigd" and resident.bsn.startswith("X") and resident.street == ""
    assert resident.benefits.count() == 1  # the benefit period stays for the indicators
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert changed == {
        "signals.Signal": (
            before["signals.Signal"],
            before["signals.Signal"] - 2,
        ),  # + the investigation's own
        "investigations.Investigation": (
            before["investigations.Investigation"],
            before["investigations.Investigation"] - 1,
        ),
        "investigations.Investigation_signals": (
            before["investigations.Investigation_signals"],
            before["investigations.Investigation_signals"] - 1,
        ),
        "investigations.InvestigativeAction": (
            before["investigations.InvestigativeAction"],
            before["investigations.InvestigativeAction"] - 1,
        ),
        "retention.DestructionCertificate": (0, 1),
        "audit.AuditEvent": (before["audit.AuditEvent"], before["audit.AuditEvent"] + 1),
    }
    # Nothing else changes: Jansen (running benefit, recent signal) is untouched.
    assert Resident.objects.filter(pk=world["jansen"].pk).values().get() == jansen_before
    assert old["recent"].__class__.objects.filter(pk=old["recent"].pk).exists()

    # The certificate holds no personal data and remains; the audit log is not destroyed.
    certificate = DestructionCertificate.objects.get()
    assert "Oudgediende" not in str(certificate.__dict__)
    assert certificate.fg_name and certificate.archivist_name
    assert AuditEvent.objects.filter(code="retention.executed").count() == 1
    dlist.refresh_from_db()
    assert dlist.status == ListStatus.UITGEVOERD


@pytest.mark.django_db
def test_the_proposer_cannot_approve_and_one_person_approves_once(old, world, make_user):
    dlist = destruction_list_propose(world["beheerder"], on=ON)
    with pytest.raises(PermissionDenied):  # the beheerder holds no approval permission at all
        destruction_list_approve(world["beheerder"], destruction_list=dlist, as_role="fg")
    both = make_user("fg")
    both.groups.add(*make_user("archivaris").groups.all())
    destruction_list_approve(both, destruction_list=dlist, as_role="fg")
    with pytest.raises(ValidationError):
        destruction_list_approve(both, destruction_list=dlist, as_role="archivaris")
    fg_and_beheerder = make_user("fg")
    fg_and_beheerder.groups.add(*world["beheerder"].groups.all())
    own = destruction_list_propose(fg_and_beheerder, on=ON)
    with pytest.raises(ValidationError):
        destruction_list_approve(fg_and_beheerder, destruction_list=own, as_role="fg")


@pytest.mark.django_db
def test_a_besluit_still_needed_for_recidive_is_not_on_the_list(world):
    # a shorter (but still lawful: art. 18a lid 4 Pw) term for besluiten without a sanction
    terms = terms_parse(
        TERMS_FILE.read_text().replace(
            "record_type: besluit_zonder_sanctie\n    years: 5",
            "record_type: besluit_zonder_sanctie\n    years: 2",
        )
    )
    fine = BesluitFactory(
        decision_date=date(2022, 1, 10), sent_on=date(2022, 1, 10), investigation__closed_on=date(2022, 1, 3)
    )
    plain = BesluitFactory(
        decision_date=date(2022, 1, 10),
        sent_on=date(2022, 1, 10),
        investigation__closed_on=date(2022, 1, 3),
        sanction_type="geen",
        fine_amount=0,
    )
    on = date(2025, 1, 1)
    due = _due(on, terms)
    assert ("besluit_zonder_sanctie", plain.pk) in due
    assert ("besluit_met_sanctie", fine.pk) not in due  # recidive: 5 years (art. 18a lid 5 Pw)


@pytest.mark.django_db
def test_held_records_say_why_in_the_dry_run(world):
    aangifte = BesluitFactory(
        decision_date=date(2018, 1, 10),
        sent_on=date(2018, 1, 10),
        investigation__closed_on=date(2018, 1, 3),
        sanction_type="aangifte",
    )
    collecting = BesluitFactory(
        decision_date=date(2015, 1, 10), sent_on=date(2015, 1, 10), investigation__closed_on=date(2015, 1, 3)
    )
    VorderingFactory(besluit=collecting)  # still open: collection runs
    result = destruction_candidates(terms=terms_load(), on=ON)
    held = {c.object_id: c.reason for c in result.held if c.record_type == "besluit_met_sanctie"}
    assert "10 jaar" in held[aangifte.pk]
    assert "invordering loopt" in held[collecting.pk]
    assert not {c.object_id for c in result.due} & {aangifte.pk, collecting.pk}
    # The resident of the open vordering is not on the list either.
    assert collecting.resident_id not in {
        c.object_id for c in result.due if c.record_type == "inwoner_zonder_uitkering"
    }


@pytest.mark.django_db
def test_a_record_that_is_no_longer_due_at_execution_is_skipped(old, world, make_user):
    dlist = destruction_list_propose(world["beheerder"], on=ON)
    destruction_list_approve(world["fg"], destruction_list=dlist, as_role="fg")
    destruction_list_approve(make_user("archivaris"), destruction_list=dlist, as_role="archivaris")
    BenefitFactory(resident=old["resident"], start_date=date(2026, 5, 1))  # a new benefit since
    certificate = destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)
    assert "inwoner_zonder_uitkering" not in certificate.counts
    assert certificate.skipped == 1
    assert Resident.objects.get(pk=old["resident"].pk).family_name == "Oudgediende"


@pytest.mark.django_db
def test_execution_is_all_or_nothing(old, world, make_user, monkeypatch):
    from naleving.retention import services

    dlist = destruction_list_propose(world["beheerder"], on=ON)
    destruction_list_approve(world["fg"], destruction_list=dlist, as_role="fg")
    destruction_list_approve(make_user("archivaris"), destruction_list=dlist, as_role="archivaris")
    before = _counts()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.DestructionCertificate.objects, "create", fail)
    with pytest.raises(RuntimeError):
        destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)
    assert _counts() == before
    assert Resident.objects.get(pk=old["resident"].pk).family_name == "Oudgediende"


@pytest.mark.django_db
def test_an_old_case_goes_in_the_order_the_protected_keys_need(world, make_user):
    """Besluit (fine) → its investigation with findings and hearing, the paid vordering with its
    aflossing, and the resident: all past their terms, destroyed together in one transaction."""
    from naleving.claims.models import Aflossing, Vordering
    from naleving.decisions.models import Besluit
    from naleving.investigations.models import Investigation

    besluit = BesluitFactory(
        decision_date=date(2015, 1, 10), sent_on=date(2015, 1, 10), investigation__closed_on=date(2015, 1, 3)
    )
    vordering = VorderingFactory(besluit=besluit, paid=True, status_changed_on=date(2016, 1, 1))
    resident = besluit.resident
    BenefitFactory(resident=resident, start_date=date(2012, 1, 1), end_date=date(2015, 6, 30))
    assert Aflossing.objects.filter(vordering=vordering).exists()

    dlist = destruction_list_propose(world["beheerder"], on=ON)
    destruction_list_approve(world["fg"], destruction_list=dlist, as_role="fg")
    destruction_list_approve(make_user("archivaris"), destruction_list=dlist, as_role="archivaris")
    certificate = destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)

    assert certificate.counts == {
        "besluit_met_sanctie": 1,
        "inwoner_zonder_uitkering": 1,
        "vordering_afgedaan": 1,
    }
    assert not Besluit.objects.filter(pk=besluit.pk).exists()
    assert not Investigation.objects.filter(pk=besluit.investigation_id).exists()
    assert not Vordering.objects.filter(pk=vordering.pk).exists()
    assert not Aflossing.objects.filter(vordering_id=vordering.pk).exists()
    assert Resident.objects.get(pk=resident.pk).family_name == "Vernietigd"
    assert certificate.rows["claims.Aflossing"] >= 1


@pytest.mark.django_db
def test_a_besluit_waits_for_its_objection_chain(world):
    """The retention term runs from the day the besluit became irrevocable (decisions.finality): not while an
    objection is open, and not before its letter was sent."""
    from naleving.decisions.models import Bezwaar

    terms = terms_load()
    on = date(2026, 1, 1)
    unsent = BesluitFactory(
        decision_date=date(2015, 1, 10), investigation__closed_on=date(2015, 1, 3), sanction_type="geen"
    )
    objected = BesluitFactory(
        decision_date=date(2015, 1, 10),
        sent_on=date(2015, 1, 10),
        investigation__closed_on=date(2015, 1, 3),
        sanction_type="geen",
    )
    settled = BesluitFactory(
        decision_date=date(2015, 1, 10),
        sent_on=date(2015, 1, 10),
        investigation__closed_on=date(2015, 1, 3),
        sanction_type="geen",
    )
    Bezwaar.objects.create(besluit=objected, received_on=date(2015, 2, 1), decide_by=date(2015, 4, 1))
    result = destruction_candidates(terms=terms, on=on)
    listed = {c.object_id for c in [*result.due, *result.held] if c.record_type == "besluit_zonder_sanctie"}
    assert settled.pk in listed
    assert unsent.pk not in listed and objected.pk not in listed


def test_a_decision_on_a_late_objection_counts_from_the_original_term_however_late_it_was_sent(world):
    """A late objection, not excused and declared niet-ontvankelijk: the decision on it became irrevocable
    when the original objection term ended (decisions.finality), years before it was itself sent. The list
    reads every decision on objection, and of the primary besluiten those sent early enough to be past it."""
    from naleving.decisions.models import BesluitStatus, Bezwaar

    on = date(2026, 1, 1)
    original = BesluitFactory(
        decision_date=date(2015, 1, 12), sent_on=date(2015, 1, 12), sanction_type="geen"
    )
    decided = {"decision_date": date(2025, 6, 2), "sent_on": date(2025, 6, 2), "sanction_type": "geen"}
    decision = BesluitFactory(
        investigation=original.investigation, kind="op_bezwaar", replaces=original, **decided
    )
    original.status = BesluitStatus.VERVANGEN
    original.save(update_fields=["status"])
    Bezwaar.objects.create(
        besluit=original, received_on=date(2025, 3, 3), decide_by=date(2025, 5, 1), in_time=False,
        outcome="niet_ontvankelijk", decided_on=date(2025, 6, 2), decision=decision,
    )  # fmt: skip
    recent = BesluitFactory(decision_date=date(2021, 3, 1), sent_on=date(2021, 3, 1), sanction_type="geen")
    result = destruction_candidates(terms=terms_load(), on=on)
    listed = {
        c.object_id: c for c in [*result.due, *result.held] if c.record_type == "besluit_zonder_sanctie"
    }
    assert listed[decision.pk].event_date == date(2015, 2, 24)  # the day after the original term
    assert recent.pk not in listed  # sent in March 2021: irrevocable in April, five years on 2026-04


def test_a_maatregel_goes_with_its_verzuim_and_a_claim_with_its_collection_steps(world, make_user):
    """A maatregel besluit takes its verzuim (the breach and the hearing) along; a paid claim takes its
    aanmaning and dwangbevel along: both are PROTECTed, so they go first, in the same transaction."""
    from decimal import Decimal

    from naleving.claims.models import Invorderingsstap
    from naleving.decisions.models import Besluit, Verzuim

    fine = BesluitFactory(
        decision_date=date(2015, 1, 10), sent_on=date(2015, 1, 10), investigation__closed_on=date(2015, 1, 3)
    )
    resident = fine.resident
    vordering = VorderingFactory(besluit=fine, paid=True, status_changed_on=date(2016, 1, 1))
    step = Invorderingsstap.objects.create(
        vordering=vordering,
        kind="aanmaning",
        sent_on=date(2015, 4, 1),
        amount_due=Decimal("50.00"),
        pdf=b"%PDF",
    )
    maatregel = BesluitFactory(
        investigation=None, resident=resident, benadelingsbedrag=Decimal("0"), verwijtbaarheid="normaal",
        fine_amount=Decimal("0"), recovery_amount=Decimal("0"), sanction_type="maatregel",
        decision_date=date(2015, 2, 1), sent_on=date(2015, 2, 1), maatregel_months=1,
    )  # fmt: skip
    verzuim = Verzuim.objects.create(
        resident=resident, obligation="pw_18_4_a", happened_on=date(2015, 1, 5), facts="Werk geweigerd.",
        besluit=maatregel, status="besloten",
    )  # fmt: skip
    BenefitFactory(resident=resident, start_date=date(2012, 1, 1), end_date=date(2015, 6, 30))

    dlist = destruction_list_propose(world["beheerder"], on=ON)
    destruction_list_approve(world["fg"], destruction_list=dlist, as_role="fg")
    destruction_list_approve(make_user("archivaris"), destruction_list=dlist, as_role="archivaris")
    certificate = destruction_list_execute(world["beheerder"], destruction_list=dlist, on=ON)

    assert certificate.counts["besluit_met_sanctie"] == 2
    assert not Besluit.objects.filter(pk__in=[fine.pk, maatregel.pk]).exists()
    assert not Verzuim.objects.filter(pk=verzuim.pk).exists()
    assert not Invorderingsstap.objects.filter(pk=step.pk).exists()
    assert Resident.objects.get(pk=resident.pk).family_name == "Vernietigd"


@pytest.mark.django_db
def test_records_another_record_points_at_are_held(world):
    """A besluit a suspension points at, and an investigation without findings that got a besluit, stay (read
    for all candidates at once, not per candidate)."""
    from naleving.decisions.tests.factories import OpschortingFactory

    suspended = BesluitFactory(
        decision_date=date(2015, 1, 10), sent_on=date(2015, 1, 10), investigation__closed_on=date(2015, 1, 3)
    )
    OpschortingFactory(besluit=suspended, resident=suspended.resident)
    alone = BesluitFactory(
        decision_date=date(2015, 2, 10), sent_on=date(2015, 2, 10), investigation__closed_on=date(2015, 2, 3)
    )
    decided = InvestigationFactory(closed_without_breach=True, opened_on=date(2018, 1, 10))
    decided.closed_on = date(2018, 3, 1)
    decided.save()
    BesluitFactory(investigation=decided, decision_date=date(2018, 3, 10), sent_on=date(2018, 3, 10),
                   benadelingsbedrag=Decimal("0.00"), fine_amount=Decimal("0.00"), sanction_type="geen")  # fmt: skip
    result = destruction_candidates(terms=terms_load(), on=ON)
    held = {(c.record_type, c.object_id): c.reason for c in result.held}
    assert "opschorting of casusvoorbeeld" in held[("besluit_met_sanctie", suspended.pk)]
    assert "besluit op dit onderzoek" in held[("onderzoek_zonder_bevindingen", decided.pk)]
    assert ("besluit_met_sanctie", alone.pk) in {(c.record_type, c.object_id) for c in result.due}
