"""A fine letter states the fact, the period, the culpability with its reasons, the percentage, the
calculation and the caps exactly as in the engine's response, and answers the zienswijze; the objection
deadline follows the Algemene termijnenwet, with the postal rule of Awb 6:9 and the objection address."""

from datetime import date
from decimal import Decimal

import pytest

from naleving.common.formatting import euro
from naleving.decisions import services
from naleving.decisions.dispatch import letter_send
from naleving.decisions.models import Besluit
from naleving.decisions.tests.letter_helpers import WEGING, pdf_text, squeeze

pytestmark = pytest.mark.django_db

#: Friday 20 February 2026: six weeks later is Goede Vrijdag 3 April, then a weekend and Easter Monday
SENT_BEFORE_EASTER = date(2026, 2, 20)


def decided_on(besluit: Besluit, day: date) -> Besluit:
    Besluit.objects.filter(pk=besluit.pk).update(decision_date=day)
    besluit.refresh_from_db()
    return besluit


def test_the_fine_letter_states_the_engines_calculation_and_the_weighing(world, breach, record):
    besluit = decided_on(record(breach, weging=WEGING), date(2026, 2, 16))
    response = besluit.engine_response
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT_BEFORE_EASTER)
    text = pdf_text(brief.pdf)
    # the fact and the period
    assert "dat u inkomsten had" in text
    assert "van 1 september 2025 tot en met 31 januari 2026" in text
    # culpability with its reasons, the percentage and the calculation, in the engine's numbers
    sanction = response["sanction"]
    assert sanction["base_percentage"] == 50 and sanction["capped_by"] is None
    assert "normale verwijtbaarheid" in text and squeeze(WEGING["verwijtbaarheid_redenen"]) in text
    benadeling = euro(response["benadelingsbedrag"])
    assert f"Percentage {sanction['base_percentage']}% van {benadeling}" in text
    assert f"Berekende boete {euro(sanction['fine_amount'])}" in text
    assert f"Uw boete {euro(besluit.fine_amount)}" in text and besluit.fine_amount == Decimal(
        sanction["fine_amount"]
    )
    for rule in ("boete", "plafond"):
        step = next(s for s in response["trace"] if s["rule"] == rule)
        assert squeeze(step["text_nl"]) in text and step["citation"] in text
    # the articles
    assert "art. 18a lid 1 Participatiewet" in text and "art. 58 lid 1 Participatiewet" in text
    # the weighing, the answer to the zienswijze; no internal notes
    assert squeeze(WEGING["zienswijze"]) in text and "Uw reactie en ons antwoord:" in text
    assert squeeze(WEGING["rol_gemeente"]) in text
    # the deadline per the Algemene termijnenwet, the postal rule and the address
    assert "Deze brief is verstuurd op 20 februari 2026" in text
    assert (
        "Uw bezwaar moet uiterlijk op 7 april 2026 binnen zijn bij: College van burgemeester en wethouders van Demostad, Postbus 1000, 9999 AA Demostad"
        in text
    )
    assert "3 april 2026" not in text
    assert "Algemene termijnenwet" in text
    assert (
        "Stuurt u uw bezwaar per post? Dan is het op tijd als u het uiterlijk op 7 april 2026 op de post doet "
        "en het uiterlijk op 14 april 2026 binnen is" in text
    )
    assert "artikel 6:9 Algemene wet bestuursrecht" in text
    # privacy and the consulent
    assert "functionaris gegevensbescherming van Demostad" in text and "Autoriteit Persoonsgegevens" in text
    assert "Neem contact op met uw consulent" in text and "telefoon 14 0999" in text


def test_a_capped_fine_names_the_cap_as_the_engine_did(world, make_breach, record):
    investigation = make_breach(benadelingsbedrag=Decimal("9000.00"), verwijtbaarheid="opzet",
                                verwijtbaarheid_motivation="U erkende dat u het loon bewust verzweeg.")  # fmt: skip
    besluit = record(investigation, weging=WEGING)
    services.besluit_cosign(actor=world["teamleider"], besluit=besluit)  # opzet asks for four eyes
    sanction = besluit.engine_response["sanction"]
    assert sanction["capped_by"] == "draagkracht" and sanction["base_percentage"] == 100
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=date(2026, 5, 4))
    text = pdf_text(brief.pdf)
    assert "opzet" in text and f"100% van {euro('9000.00')}" in text
    assert f"Berekende boete {euro('9000.00')}" in text
    assert f"Verlaagd tot wat u kunt betalen {euro(sanction['fine_amount'])}" in text
    assert f"U krijgt een boete van {euro(besluit.fine_amount)}" in text
    plafond = next(s for s in besluit.engine_response["trace"] if s["rule"] == "plafond")
    assert squeeze(plafond["text_nl"]) in text


def test_an_ioaw_fine_letter_cites_the_ioaw(world, breach, record):
    world["jansen"].benefits.update(regulation="IOAW")
    besluit = record(breach, weging=WEGING)
    assert besluit.engine_request["regulation"] == "IOAW"
    [brief] = letter_send(actor=world["consulent"], besluit=besluit, sent_on=date(2026, 5, 4))
    text = pdf_text(brief.pdf)
    assert "art. 20a lid 1 IOAW" in text and "art. 25 lid 1 IOAW" in text
    assert "Participatiewet" not in text and "IOAW-uitkering" in text.replace(
        "IOAW- uitkering", "IOAW-uitkering"
    )
