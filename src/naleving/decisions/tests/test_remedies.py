"""Objection and appeal as the services handle them: the term check (Awb 6:7-6:9, 6:11), the decision on
objection as a new version of the besluit that lowers the claims and never raises the fine (Awb 7:11), and what
that means for recidive and the limitation term of a later besluit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from naleving.audit.models import AuditEvent
from naleving.claims.models import ClaimKind, ClaimStatus, Vordering
from naleving.decisions import remedies, services
from naleving.decisions.engine_request import build_request
from naleving.decisions.models import Besluit, BesluitStatus
from naleving.decisions.tests.factories import BesluitFactory
from naleving.decisions.tests.fixtures import DECIDED

pytestmark = pytest.mark.django_db

#: DECIDED (Friday 1 May 2026) is also the day the letter went out: the objection term ends Friday 12 June.
LAST_DAY = date(2026, 6, 12)


@pytest.fixture
def sent(world, breach, record):
    """Jansen's besluit (fine € 625, recovery € 1,250), vastgesteld with its claims, sent on DECIDED."""
    besluit = record(breach)
    Besluit.objects.filter(pk=besluit.pk).update(sent_on=DECIDED)
    besluit.refresh_from_db()
    return besluit


def register(world, besluit, **overrides):
    arguments = {"received_on": date(2026, 5, 20), "grounds": "De boete is te hoog.", **overrides}
    return remedies.bezwaar_register(actor=world["consulent"], besluit=besluit, **arguments)


def decide(world, bezwaar, **overrides):
    arguments = {"outcome": "deels_gegrond", "decided_on": date(2026, 6, 20), "motivation": "Zie het verslag.",
                 **overrides}  # fmt: skip
    return remedies.bezwaar_decide(actor=world["consulent"], bezwaar=bezwaar, **arguments)


# -- the term check ----------------------------------------------------------------------------------------


def test_an_objection_in_time_gets_its_decision_term(world, sent):
    bezwaar = register(world, sent, received_on=LAST_DAY)
    assert bezwaar.in_time and bezwaar.late_excused == ""
    assert bezwaar.decide_by == date(2026, 7, 24)  # Awb 7:10: six weeks after the objection term
    event = AuditEvent.objects.get(code="objection.registered")
    assert event.resident_id == world["jansen"].pk and event.after["tijdig"] is True


def test_an_advisory_committee_gives_twelve_weeks(world, sent):
    bezwaar = register(world, sent, advisory_committee=True)
    assert bezwaar.decide_by == date(2026, 9, 4)


@pytest.mark.parametrize(
    ("received_on", "posted_on", "in_time"),
    [
        (date(2026, 6, 15), date(2026, 6, 12), True),  # posted on the last day, received within a week
        (date(2026, 6, 19), date(2026, 6, 12), True),
        (date(2026, 6, 20), date(2026, 6, 12), False),  # received more than a week after the term
        (date(2026, 6, 15), None, False),
        (date(2026, 6, 15), date(2026, 6, 13), False),  # posted after the term
    ],
)
def test_the_postal_rule_of_awb_6_9(world, sent, received_on, posted_on, in_time):
    assert register(world, sent, received_on=received_on, posted_on=posted_on).in_time is in_time


def test_a_late_objection_records_whether_it_is_excusable(world, sent):
    late = register(world, sent, received_on=date(2026, 7, 1), late_excused="Opgenomen in het ziekenhuis.")
    assert not late.in_time and late.late_excused == "Opgenomen in het ziekenhuis."
    decide(world, late, outcome="ingetrokken", decided_on=date(2026, 7, 2), motivation="")
    in_time = register(world, sent, received_on=date(2026, 6, 1), late_excused="niet nodig")
    assert in_time.in_time and in_time.late_excused == ""  # no Awb 6:11 question when it was in time


def test_the_awb_6_11_question_only_for_a_late_objection(world, sent):
    with pytest.raises(ValidationError, match="op tijd ingediend"):
        remedies.bezwaar_excuse(actor=world["consulent"], bezwaar=register(world, sent), late_excused="Ziek.")


def test_what_cannot_be_objected_to(world, breach, record, sent):
    unsent = BesluitFactory(resident=world["jansen"], decision_date=DECIDED)
    with pytest.raises(ValidationError, match="nog niet verzonden"):
        register(world, unsent)
    with pytest.raises(ValidationError, match="vóór de besluitdatum"):
        register(world, sent, received_on=date(2026, 4, 1))
    register(world, sent)
    with pytest.raises(ValidationError, match="Er loopt al een bezwaar"):
        register(world, sent)


def test_grounds_and_dates_are_required_in_dutch(world, sent):
    with pytest.raises(ValidationError) as error:
        register(world, sent, grounds=" ")
    assert "art. 6:5 Awb" in error.value.message_dict["grounds"][0]
    with pytest.raises(ValidationError) as error:
        register(world, sent, received_on=date(2099, 1, 1))
    assert "toekomst" in error.value.message_dict["received_on"][0]


@pytest.mark.parametrize("role", ["handhaver", "consulent_zuid", "fg"])
def test_only_a_handler_who_sees_the_besluit(world, sent, role):
    with pytest.raises(PermissionDenied):
        remedies.bezwaar_register(actor=world[role], besluit=sent, received_on=date(2026, 5, 20), grounds="x")


def test_the_teamleider_may_handle_objections(world, sent):
    bezwaar = remedies.bezwaar_register(
        actor=world["teamleider"], besluit=sent, received_on=date(2026, 5, 20), grounds="x"
    )
    assert bezwaar.registered_by == world["teamleider"]


# -- the hearing and the decision on objection -------------------------------------------------------------


def test_deels_gegrond_lowers_the_fine_and_its_claim(world, sent):
    bezwaar = register(world, sent)
    remedies.bezwaar_hearing(actor=world["consulent"], bezwaar=bezwaar, hearing_on=date(2026, 6, 2),
                             hearing_record="De inwoner legt uit dat hij de brief niet begreep.")  # fmt: skip
    bezwaar = decide(world, bezwaar, fine_amount=Decimal("300.00"), motivation="De boete is verlaagd.")
    new, old = bezwaar.decision, Besluit.objects.get(pk=sent.pk)
    assert old.status == BesluitStatus.VERVANGEN and new.replaces == old
    assert (new.kind, new.status, new.decision_date) == ("op_bezwaar", "vastgesteld", date(2026, 6, 20))
    assert new.fine_amount == Decimal("300.00") and new.recovery_amount == old.recovery_amount
    assert new.motivation == "De boete is verlaagd." and new.sent_on is None  # its own letter still to send
    assert new.engine_request == old.engine_request and new.engine_response == old.engine_response
    assert new.deviates and "boete van € 625,00 naar € 300,00" in new.deviation_motivation
    claims = {v.kind: v for v in Vordering.objects.filter(resident=world["jansen"])}
    assert claims[ClaimKind.BOETE].amount == Decimal("300.00") and claims[ClaimKind.BOETE].besluit == new
    assert claims[ClaimKind.TERUGVORDERING].amount == Decimal("1250.00")
    assert claims[ClaimKind.TERUGVORDERING].besluit == new
    assert AuditEvent.objects.filter(code="claim.adjusted").count() == 2
    assert AuditEvent.objects.filter(code="objection.decided", after__uitkomst="deels_gegrond").exists()


def test_gegrond_without_a_fine_ends_the_fine_claim(world, sent):
    bezwaar = decide(world, register(world, sent), outcome="gegrond", fine_amount=Decimal("0"))
    assert bezwaar.decision.sanction_type == "geen"
    fine = Vordering.objects.get(resident=world["jansen"], kind=ClaimKind.BOETE)
    assert fine.status == ClaimStatus.KWIJTGESCHOLDEN and "Vervallen" in fine.status_reason


def test_a_higher_fine_is_refused_reformatio_in_peius(world, sent):
    bezwaar = register(world, sent)
    with pytest.raises(ValidationError) as error:
        decide(world, bezwaar, outcome="ongegrond", fine_amount=Decimal("700.00"))
    assert "art. 7:11 Awb" in error.value.message_dict["fine_amount"][0]
    with pytest.raises(ValidationError) as error:
        decide(world, bezwaar, recovery_amount=Decimal("2000.00"))
    assert "nieuw primair besluit" in error.value.message_dict["recovery_amount"][0]
    assert Besluit.objects.get(pk=sent.pk).status == BesluitStatus.VASTGESTELD


def test_ongegrond_keeps_the_amounts(world, sent):
    bezwaar = register(world, sent)
    with pytest.raises(ValidationError, match="ongegrond"):
        decide(world, bezwaar, outcome="ongegrond", fine_amount=Decimal("100.00"))
    decided = decide(world, bezwaar, outcome="ongegrond")
    assert decided.decision.fine_amount == sent.fine_amount


def test_a_withdrawn_objection_leaves_the_besluit(world, sent):
    bezwaar = decide(world, register(world, sent), outcome="ingetrokken", motivation="")
    assert bezwaar.decision is None and Besluit.objects.get(pk=sent.pk).status == BesluitStatus.VASTGESTELD
    with pytest.raises(ValidationError, match="al beslist"):
        decide(world, bezwaar)


def test_beroep_only_against_the_decision_on_objection_and_hoger_beroep_after_judgment(world, sent):
    consulent = world["consulent"]
    with pytest.raises(ValidationError, match=r"art\. 7:1 Awb"):
        remedies.beroep_register(actor=consulent, besluit=sent, instance="beroep", lodged_on=date(2026, 7, 1))
    new = decide(world, register(world, sent), outcome="ongegrond").decision
    with pytest.raises(ValidationError, match="na de uitspraak"):
        remedies.beroep_register(
            actor=consulent, besluit=new, instance="hoger_beroep", lodged_on=date(2026, 7, 1)
        )
    beroep = remedies.beroep_register(actor=consulent, besluit=new, instance="beroep", lodged_on=date(2026, 7, 1),
                                      court="Rechtbank Midden-Nederland", case_number="UTR 26/1234")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        remedies.beroep_outcome(
            actor=consulent, beroep=beroep, outcome="ongegrond", outcome_on=date(2026, 6, 1)
        )
    assert "vóór het instellen" in error.value.message_dict["outcome_on"][0]
    remedies.beroep_outcome(actor=consulent, beroep=beroep, outcome="ongegrond", outcome_on=date(2026, 10, 1),
                            judgment_sent_on=date(2026, 10, 2))  # fmt: skip
    hoger = remedies.beroep_register(actor=consulent, besluit=new, instance="hoger_beroep",
                                     lodged_on=date(2026, 10, 20))  # fmt: skip
    assert hoger.instance == "hoger_beroep"
    assert list(AuditEvent.objects.filter(code__startswith="appeal.").values_list("code", flat=True)) == [
        "appeal.registered", "appeal.decided", "appeal.registered"
    ]  # fmt: skip


# -- what it means for a later besluit ---------------------------------------------------------------------


@pytest.fixture
def earlier_fine(world, make_breach):
    """A fine of 3 June 2024 for an income breach in 2023, sent the same day: its term ended 15 July 2024."""
    earlier = make_breach(
        closed_on=date(2024, 5, 1), period_start=date(2023, 1, 1), period_end=date(2023, 6, 30)
    )
    return BesluitFactory(investigation=earlier, resident=world["jansen"], decision_date=date(2024, 6, 3),
                          sent_on=date(2024, 6, 3))  # fmt: skip


def _proposal(world, breach):
    return services.decision_propose(actor=world["consulent"], investigation=breach, decision_date=DECIDED)


def test_a_running_objection_keeps_an_earlier_fine_out_of_recidive(world, breach, earlier_fine):
    assert _proposal(world, breach)["response"]["sanction"]["recidive"] is True  # irrevocable 16 July 2024
    register(world, earlier_fine, received_on=date(2024, 7, 1))
    proposal = _proposal(world, breach)
    assert proposal["request"]["history"] == [
        {"type": "boete", "kind": "income", "date": "2024-06-03", "irrevocable": False}
    ]
    assert proposal["response"]["sanction"]["recidive"] is False


def test_the_decision_on_objection_counts_from_the_end_of_its_chain(world, breach, earlier_fine):
    bezwaar = decide(world, register(world, earlier_fine, received_on=date(2024, 7, 1)), outcome="ongegrond",
                     decided_on=date(2024, 9, 2))  # fmt: skip
    Besluit.objects.filter(pk=bezwaar.decision_id).update(sent_on=date(2024, 9, 2))
    proposal = _proposal(world, breach)
    # one item: the replaced besluit no longer counts; dated when the fine was imposed, irrevocable after the
    # beroep term of the decision on objection (sent Monday 2 September, term until Monday 14 October)
    assert proposal["request"]["history"] == [
        {"type": "boete", "kind": "income", "date": "2024-06-03", "irrevocable_on": "2024-10-15"}
    ]
    assert proposal["response"]["sanction"]["recidive"] is True


def test_the_days_in_objection_pause_the_limitation_term(world, breach, sent):
    decide(world, register(world, sent, received_on=date(2026, 5, 10)), decided_on=date(2026, 6, 1),
           fine_amount=Decimal("500.00"))  # fmt: skip
    request = build_request(investigation=breach, decision_date=date(2026, 7, 1))
    assert request["violation"]["limitation_paused_days"] == 22


def test_sending_the_decision_on_objection_starts_its_beroep_term(world, sent):
    """The letters' send service records the dispatch date of the new version; from then the beroep term
    runs and, without beroep, the fine becomes irrevocable the day after it."""
    from naleving.decisions.dispatch import letter_send
    from naleving.decisions.finality import irrevocable_on

    new = decide(world, register(world, sent), fine_amount=Decimal("300.00")).decision
    assert irrevocable_on(new, on=date(2027, 1, 1)) is None  # not sent yet
    letter_send(actor=world["consulent"], besluit=new, sent_on=date(2026, 6, 22))
    new.refresh_from_db()
    assert new.sent_on == date(2026, 6, 22) and new.brieven.exists()
    assert irrevocable_on(new, on=date(2027, 1, 1)) == date(2026, 8, 4)  # Monday 3 August, then the day after
    assert irrevocable_on(Besluit.objects.get(pk=sent.pk), on=date(2027, 1, 1)) == date(2026, 8, 4)


def test_a_fine_lowered_below_what_was_paid_closes_the_claim_with_the_refund(world, sent):
    from django.utils import timezone

    from naleving.claims.services import aflossing_register

    fine = Vordering.objects.get(resident=world["jansen"], kind=ClaimKind.BOETE)
    aflossing_register(
        actor=world["consulent"], vordering=fine, paid_on=timezone.localdate(), amount=Decimal("400")
    )
    decide(world, register(world, sent), fine_amount=Decimal("300.00"))
    fine.refresh_from_db()
    assert (fine.amount, fine.status) == (Decimal("300.00"), ClaimStatus.BETAALD)
    assert "Terug te betalen aan de inwoner: € 100,00." in fine.status_reason


def test_the_worklist_follows_the_chain(world, sent):
    from naleving.decisions.selectors_remedies import remedy_worklist

    consulent = world["consulent"]
    assert [t.what for t in remedy_worklist(consulent, today=date(2026, 6, 1)).objection_terms] == [
        "Bezwaartermijn loopt"
    ]
    bezwaar = register(world, sent)
    assert [t.until for t in remedy_worklist(consulent, today=date(2026, 6, 1)).open_objections] == [
        date(2026, 7, 24)
    ]
    new = decide(world, bezwaar, outcome="ongegrond").decision
    Besluit.objects.filter(pk=new.pk).update(sent_on=date(2026, 6, 22))
    worklist = remedy_worklist(consulent, today=date(2026, 7, 1))
    assert not worklist.open_objections and not worklist.objection_terms
    assert [(t.what, t.until) for t in worklist.appeal_terms] == [("Beroepstermijn loopt", date(2026, 8, 3))]
    new.refresh_from_db()
    beroep = remedies.beroep_register(
        actor=consulent, besluit=new, instance="beroep", lodged_on=date(2026, 7, 1)
    )
    worklist = remedy_worklist(consulent, today=date(2026, 7, 2))
    assert not worklist.appeal_terms and [t.item for t in worklist.open_appeals] == [beroep]
    remedies.beroep_outcome(actor=consulent, beroep=beroep, outcome="ongegrond", outcome_on=date(2026, 10, 1),
                            judgment_sent_on=date(2026, 10, 2))  # fmt: skip
    worklist = remedy_worklist(consulent, today=date(2026, 10, 10))
    assert not worklist.open_appeals
    assert [(t.what, t.until) for t in worklist.appeal_terms] == [
        ("Termijn hoger beroep loopt", date(2026, 11, 13))
    ]
    assert remedy_worklist(world["consulent_zuid"], today=date(2026, 10, 10)).appeal_terms == []
