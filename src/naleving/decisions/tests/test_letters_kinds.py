"""The other letters: a warning, recovery only, a suspension (what to supply and by when, no set-off against a
suspended benefit) and the decision on objection (what was objected, the outcome, the new amounts, beroep)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from naleving.audit.models import AuditEvent
from naleving.common.formatting import euro, long_date
from naleving.decisions import services
from naleving.decisions.dispatch import letter_send
from naleving.decisions.models import Besluit, Bezwaar, Opschorting
from naleving.decisions.tests.fixtures import TOETS
from naleving.decisions.tests.letter_helpers import WEGING, pdf_text, squeeze

pytestmark = pytest.mark.django_db

SENT = date(2026, 5, 4)
#: six weeks after 4 May 2026 is Monday 15 June 2026, a working day
DEADLINE = "15 juni 2026"


def established(world, besluit: Besluit) -> Besluit:
    if besluit.status == "ter_ondertekening":
        services.besluit_cosign(actor=world["teamleider"], besluit=besluit)
    besluit.refresh_from_db()
    return besluit


def test_a_warning_letter(world, breach, record):
    besluit = established(world, record(breach, sanction_type="waarschuwing", fine_amount=Decimal("0"),
                                        deviation_motivation="Intern: eerste keer, zelf bij de balie gemeld.",
                                        omgekeerde_toets=TOETS, weging=WEGING))  # fmt: skip
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    text = pdf_text(brief.pdf)
    assert "Besluit over uw uitkering: waarschuwing" in text and "U krijgt een waarschuwing" in text
    assert "art. 18a lid 4 Participatiewet; art. 2aa Boetebesluit" in text
    assert f"U moet {euro(besluit.recovery_amount)} terugbetalen" in text
    for paragraph in besluit.motivation.split("\n\n"):
        assert squeeze(paragraph) in text
    assert squeeze(WEGING["zienswijze"]) in text
    # internal notes never reach the resident
    assert "Intern:" not in text and TOETS["effect"] not in text
    assert "Zo hebben wij de boete berekend" not in text
    assert f"uiterlijk op {DEADLINE} binnen zijn bij" in text


def test_a_recovery_only_letter(world, make_breach, record):
    besluit = established(world, record(make_breach(verwijtbaarheid="geen", verwijtbaarheid_motivation="Overmacht."),
                                        weging=WEGING))  # fmt: skip
    assert besluit.sanction_type == "geen" and besluit.recovery_amount == Decimal("1250.00")
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    text = pdf_text(brief.pdf)
    assert "Besluit over uw uitkering: terugvordering" in text
    assert "U moet € 1.250,00 terugbetalen" in text and "U krijgt geen boete en geen waarschuwing" in text
    assert "art. 58 lid 1 Participatiewet" in text and "art. 18a lid 1" not in text
    # the benefit runs on the sent date: set-off against it
    assert "met uw uitkering (art. 60 lid 4 Participatiewet)" in text
    assert f"uiterlijk op {DEADLINE}" in text


def test_no_setoff_against_a_benefit_that_has_ended(world, make_breach, record):
    besluit = established(world, record(make_breach(verwijtbaarheid="geen", verwijtbaarheid_motivation="Overmacht."),
                                        weging=WEGING))  # fmt: skip
    assert all(v.setoff for v in besluit.vorderingen.all())
    world["jansen"].benefits.update(end_date=SENT - timedelta(days=1))
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    text = pdf_text(brief.pdf)
    assert "Wij verrekenen" not in text and "U maakt dit bedrag zelf over" in text
    assert not any(v.setoff for v in besluit.vorderingen.all())
    assert AuditEvent.objects.filter(code="claim.setoff_stopped").count() == besluit.vorderingen.count()


ASSESSMENT = {
    "weeks": 4,
    "hersteltermijn_end": None,
    "children_in_household": True,
    "in_care": False,
    "debts": True,
    "housing_risk": False,
    "other_circumstances": "",
    "conclusion": "Twee kinderen; de huur wordt rechtstreeks betaald, dus geen risico op huisuitzetting.",
}
REQUESTED = "Uw loonstroken van september 2025 tot en met januari 2026 en uw arbeidscontract."


def suspended(world, breach, record) -> Besluit:
    return established(
        world, record(breach, cooperation="refused", impact_assessment=ASSESSMENT, weging=WEGING)
    )


def test_a_suspension_letter_names_what_to_supply_and_by_when(world, breach, record):
    besluit = suspended(world, breach, record)
    opschorting = Opschorting.objects.get(besluit=besluit)
    Opschorting.objects.filter(pk=opschorting.pk).update(requested_information=REQUESTED)
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    text = pdf_text(brief.pdf)
    assert (
        f"Stuur ons uiterlijk op {long_date(opschorting.hersteltermijn_end)} deze gegevens: {REQUESTED}"
        in text
    )
    assert f"ten hoogste {opschorting.weeks} weken" in text and "art. 54 Participatiewet" in text
    # no set-off against a benefit that is being suspended
    assert "Wij verrekenen" not in text and "U maakt dit bedrag zelf over" in text


def test_a_suspension_without_the_requested_information_is_not_sent(world, breach, record):
    besluit = suspended(world, breach, record)
    with pytest.raises(Exception, match="welke gegevens de inwoner moet geven"):
        letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    besluit.refresh_from_db()
    assert besluit.sent_on is None and not besluit.brieven.exists()


def on_objection(world, original: Besluit, *, outcome: str, fine: Decimal) -> Besluit:
    """The decision on objection as the objection flow leaves it: a new version replacing the original."""
    new = Besluit.objects.get(pk=original.pk)
    new.pk = None
    new.kind, new.replaces, new.sent_on = "op_bezwaar", original, None
    new.fine_amount, new.decision_date = fine, date(2026, 7, 1)
    new.motivation = "U liet ons weten dat u uw loon wel had gemeld bij de balie. Dat klopt voor een deel."
    new.save()
    Besluit.objects.filter(pk=original.pk).update(status="vervangen")
    Bezwaar.objects.create(besluit=original, received_on=date(2026, 5, 20), grounds="De inwoner zegt het loon te hebben gemeld.",
                           hearing_on=date(2026, 6, 10), decide_by=date(2026, 7, 15), outcome=outcome,
                           decided_on=date(2026, 7, 1), decision=new)  # fmt: skip
    return new


def test_the_decision_on_objection(world, breach, record):
    original = established(world, record(breach, weging=WEGING))
    letter_send(actor=world["consulent"], besluit=original, sent_on=SENT)
    new = on_objection(world, original, outcome="deels_gegrond", fine=Decimal("312.50"))
    [brief] = letter_send(actor=world["consulent"], besluit=new, sent_on=date(2026, 7, 3))
    text = pdf_text(brief.pdf)
    assert "Beslissing op uw bezwaar" in text
    assert (
        f"U heeft op 20 mei 2026 bezwaar gemaakt tegen ons besluit van 1 mei 2026 met kenmerk {original.kenmerk}"
        in text
    )
    assert (
        "U was het niet eens met ons besluit over de terugvordering van € 1.250,00 en de boete van € 625,00"
        in text
    )
    assert "Op 10 juni 2026 hebben wij u gehoord" in text
    assert "De inwoner" not in text  # the handler's summary of the grounds is an internal note
    assert "Uw bezwaar is deels gegrond" in text
    assert "Boete € 625,00 € 312,50" in text and "Terugvordering € 1.250,00 € 1.250,00" in text
    assert squeeze(new.motivation) in text
    # beroep, not bezwaar: rechtbank, 6 weeks from 3 July 2026 is Friday 14 August 2026
    assert "beroep instellen bij de rechtbank (artikel 8:1 Algemene wet bestuursrecht)" in text
    assert "uiterlijk op 14 augustus 2026 bij de rechtbank binnen zijn" in text
    assert "artikel 6:7 en 6:8 Algemene wet bestuursrecht" in text and "artikel 6:9" in text
    assert "Dan kunt u bezwaar maken" not in text
