"""Collection (issue #19): from the besluit letter to the payment term (Awb 4:87), the aanmaning (4:112), the
dwangbevel (4:114, 4:117) and full payment; and every refusal of a step."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from naleving.audit.models import AuditEvent
from naleving.claims import services, steps
from naleving.claims.arrears import NextStep, arrears_of, collection_worklist
from naleving.claims.models import ClaimKind, ClaimStatus, Invorderingsstap, StepKind
from naleving.decisions.dispatch import letter_send
from naleving.decisions.tests.fixtures import WEGING
from naleving.decisions.tests.letter_helpers import pdf_text

pytestmark = pytest.mark.django_db
D = Decimal
SENT = date(2026, 5, 4)  # a Monday; + 42 days = Monday 15 June 2026
DUE = date(2026, 6, 15)
IBAN = "NL14BNGH0285001234"


@pytest.fixture
def sent(world, breach, record):
    """The besluit (recovery and fine) with set-off stopped, so the resident pays by transfer; letter sent."""
    besluit = record(breach, weging=WEGING)
    besluit.vorderingen.update(created_on=besluit.decision_date)  # recorded on the decision date, not today
    for vordering in besluit.vorderingen.all():
        services.vordering_setoff_stop(
            actor=world["consulent"], vordering=vordering, reason="Test: overboeking"
        )
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    return besluit, brief


def recovery_of(besluit):
    return besluit.vorderingen.get(kind=ClaimKind.TERUGVORDERING)


def test_sending_the_letter_starts_the_payment_term_and_the_letter_shows_it(world, sent):
    besluit, brief = sent
    recovery, fine = recovery_of(besluit), besluit.vorderingen.get(kind=ClaimKind.BOETE)
    assert (recovery.due_on, recovery.start_on) == (DUE, DUE)
    assert (
        recovery.payment_reference == f"{besluit.kenmerk}-T"
        and fine.payment_reference == f"{besluit.kenmerk}-B"
    )
    assert AuditEvent.objects.filter(code="claim.payment_term_started", object_id=str(recovery.pk)).exists()
    text = pdf_text(brief.pdf)
    assert IBAN in text and recovery.payment_reference in text and fine.payment_reference in text
    assert "15 juni 2026" in text and "Gemeente Demostad" in text
    assert "aparte brief" not in text and "aanmaning" in text


def test_set_off_starts_in_the_first_benefit_month_after_sending(world, breach, record):
    besluit = record(breach, weging=WEGING)
    letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    recovery = recovery_of(besluit)
    assert recovery.setoff and recovery.start_on == date(2026, 6, 1) and recovery.due_on == DUE


def test_no_letter_without_an_iban_when_the_resident_pays_by_transfer(
    world, sent, breach, record, make_breach
):
    besluit, _ = sent
    gemeente = besluit.gemeente
    gemeente.payment_iban = ""
    gemeente.save()
    other = record(make_breach(), weging=WEGING)
    for vordering in other.vorderingen.all():
        services.vordering_setoff_stop(actor=world["consulent"], vordering=vordering, reason="Test")
    with pytest.raises(ValidationError, match="geen IBAN voor betalingen"):
        letter_send(actor=world["consulent"], besluit=other, sent_on=SENT)


def test_a_claim_walks_from_the_letter_to_aanmaning_dwangbevel_and_full_payment(world, sent):
    besluit, _ = sent
    consulent = world["consulent"]
    recovery = recovery_of(besluit)
    instalment = recovery.monthly_instalment
    assert instalment and instalment > 0
    # within the payment term nothing is in arrears and no aanmaning can go
    assert arrears_of(recovery, DUE).next_step == NextStep.WAITING
    with pytest.raises(ValidationError, match="betalingstermijn loopt nog"):
        steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=DUE)
    # the first instalment was due on 15 June and was not paid
    state = arrears_of(recovery, date(2026, 7, 1))
    assert (state.expected, state.paid, state.arrears) == (instalment, D("0"), instalment)
    assert state.next_step == NextStep.AANMANING_DUE
    assert [a.vordering.pk for a in collection_worklist(consulent, date(2026, 7, 1))][:2].count(
        recovery.pk
    ) == 1
    with pytest.raises(ValidationError, match="Een dwangbevel kan pas na een aanmaning"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 1))
    aanmaning = steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 7, 1))
    assert (aanmaning.kind, aanmaning.term_end, aanmaning.amount_due) == (
        StepKind.AANMANING,
        date(2026, 7, 15),
        instalment,
    )
    text = pdf_text(aanmaning.pdf)
    assert bytes(aanmaning.pdf).startswith(b"%PDF") and len(aanmaning.sha256) == 64
    for expected in ("Aanmaning", IBAN, recovery.payment_reference, "15 juli 2026", "4:112", "dwangbevel",
                     "schuldhulpverlening"):  # fmt: skip
        assert expected in text, expected
    assert f"{instalment}".replace(".", ",") in text
    with pytest.raises(ValidationError, match="loopt al een aanmaning"):
        steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 7, 10))
    with pytest.raises(ValidationError, match="termijn van de aanmaning loopt nog"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 15))
    assert arrears_of(recovery, date(2026, 7, 16)).next_step == NextStep.DWANGBEVEL_POSSIBLE
    dwangbevel = steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 20))
    text = pdf_text(dwangbevel.pdf)
    for expected in ("In naam van de Koning", "Dwangbevel", IBAN, recovery.payment_reference, "deurwaarder",
                     "verzet", "1 juli 2026", "4:123", "4:116"):  # fmt: skip
        assert expected in text, expected
    assert dwangbevel.amount_due == instalment and dwangbevel.term_end is None
    with pytest.raises(ValidationError, match="al een dwangbevel uitgevaardigd"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 21))
    with pytest.raises(ValidationError, match="al een dwangbevel uitgevaardigd"):
        steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 7, 21))
    assert arrears_of(recovery, date(2026, 7, 21)).next_step == NextStep.DWANGBEVEL_ISSUED
    # the bailiff collects everything
    services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 8, 3),
                                amount=D("100.00"), method="dwangbevel")  # fmt: skip
    services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 8, 10),
                                amount=recovery.amount - D("100.00"), method="dwangbevel")  # fmt: skip
    recovery.refresh_from_db()
    assert recovery.status == ClaimStatus.BETAALD
    assert set(recovery.aflossingen.values_list("method", flat=True)) == {"dwangbevel"}
    codes = set(AuditEvent.objects.filter(object_id=str(recovery.pk)).values_list("code", flat=True))
    assert {
        "claim.aanmaning",
        "claim.dwangbevel",
        "claim.payment_registered",
        "claim.status_changed",
    } <= codes
    with pytest.raises(ValidationError, match="niet meer open"):
        steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 9, 1))


def test_a_dwangbevel_is_refused_when_the_aanmaning_was_paid_in_time(world, sent):
    besluit, _ = sent
    consulent, recovery = world["consulent"], recovery_of(besluit)
    aanmaning = steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 7, 1))
    services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 7, 10),
                                amount=aanmaning.amount_due)  # fmt: skip
    with pytest.raises(ValidationError, match="binnen de termijn betaald"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 16))
    assert not Invorderingsstap.objects.filter(kind=StepKind.DWANGBEVEL).exists()


def test_a_dwangbevel_is_refused_once_the_arrears_are_paid_late_in_the_future_and_for_set_off(world, sent):
    besluit, _ = sent
    consulent, recovery = world["consulent"], recovery_of(besluit)
    aanmaning = steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 7, 1))
    with pytest.raises(ValidationError, match="in de toekomst"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2099, 1, 1))
    services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 7, 20),
                                amount=aanmaning.amount_due)  # fmt: skip
    with pytest.raises(ValidationError, match="inmiddels betaald"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 21))
    recovery.setoff = True
    recovery.save()
    with pytest.raises(ValidationError, match="verrekend met de lopende uitkering"):
        steps.dwangbevel_issue(actor=consulent, vordering=recovery, issued_on=date(2026, 7, 21))


def test_steps_are_refused_without_arrears_for_set_off_in_the_future_and_for_others(
    world, sent, breach, record
):
    besluit, _ = sent
    consulent, recovery = world["consulent"], recovery_of(besluit)
    services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 6, 12),
                                amount=recovery.monthly_instalment)  # fmt: skip
    with pytest.raises(ValidationError, match="geen achterstand"):
        steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2026, 7, 1))
    with pytest.raises(ValidationError, match="in de toekomst"):
        steps.aanmaning_send(actor=consulent, vordering=recovery, sent_on=date(2099, 1, 1))
    with pytest.raises(ValidationError, match="Verrekening met de uitkering loopt"):
        services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 7, 1),
                                    amount=D("1.00"), method="verrekening")  # fmt: skip
    with pytest.raises(ValidationError, match="geen dwangbevel"):
        services.aflossing_register(actor=consulent, vordering=recovery, paid_on=date(2026, 7, 1),
                                    amount=D("1.00"), method="dwangbevel")  # fmt: skip
    fine = besluit.vorderingen.get(kind=ClaimKind.BOETE)
    fine.setoff = True
    fine.save()
    with pytest.raises(ValidationError, match="verrekend met de lopende uitkering"):
        steps.aanmaning_send(actor=consulent, vordering=fine, sent_on=date(2026, 7, 1))
    for role in ("consulent_zuid", "analist"):
        with pytest.raises(PermissionDenied):
            steps.aanmaning_send(actor=world[role], vordering=recovery, sent_on=date(2026, 7, 1))


def test_no_step_before_the_letter_is_sent(world, breach, record):
    besluit = record(breach, weging=WEGING)
    recovery = recovery_of(besluit)
    services.vordering_setoff_stop(actor=world["consulent"], vordering=recovery, reason="Test")
    with pytest.raises(ValidationError, match="betalingstermijn is nog niet gestart"):
        steps.aanmaning_send(actor=world["consulent"], vordering=recovery, sent_on=date(2026, 7, 1))


def test_claims_of_letters_sent_before_collection_get_their_term_once(world, sent):
    """``naleving betalingstermijnen``: a claim of a letter sent before this release (no term yet) gets the
    term its letter would have started; a second run changes nothing."""
    import io

    from django.core.management import call_command

    besluit, _ = sent
    besluit.vorderingen.update(due_on=None, start_on=None, payment_reference="")
    out = io.StringIO()
    call_command("betalingstermijnen", "--dry-run", stdout=out)
    assert "2 vordering(en) uit 1 besluit(en)" in out.getvalue()
    assert not besluit.vorderingen.filter(due_on__isnull=False).exists()
    call_command("betalingstermijnen", stdout=out)
    recovery = recovery_of(besluit)
    assert (recovery.due_on, recovery.payment_reference) == (DUE, f"{besluit.kenmerk}-T")
    out = io.StringIO()
    call_command("betalingstermijnen", stdout=out)
    assert "voor 0 vordering(en)" in out.getvalue()
