"""The maatregel letter (issue #19): a real PDF/A through the existing letter path, stating the obligation and
its article, the facts, the zienswijze and how it was weighed, the reduction, the legal basis with the
municipality's afstemmingsverordening as the profile cites it, reconsideration (Pw 18(3)) and objection."""

from datetime import date

import pytest

from naleving.common.formatting import euro
from naleving.decisions import dispatch, letters, maatregel
from naleving.decisions.tests.letter_helpers import pdf_reader, pdf_text
from naleving.decisions.tests.maatregel_helpers import (
    DECIDED,
    SEED,
    record_arguments,
    verordening_approve,
    verzuim_make,
)

pytestmark = pytest.mark.django_db

SENT = date(2026, 11, 23)


@pytest.fixture
def besluit(world):
    verordening_approve(proposer=world["beheerder"], approver=world["teamleider"])
    verzuim = verzuim_make(world)
    proposal = maatregel.maatregel_propose(
        actor=world["consulent"], verzuim=verzuim, decision_date=DECIDED, verwijtbaarheid="normaal"
    )
    return maatregel.maatregel_record(actor=world["consulent"], verzuim=verzuim, **record_arguments(proposal))


def test_the_letter_kind_and_context(besluit):
    assert letters.letter_kind(besluit) == "maatregel"
    context = letters.letter_context(besluit, sent_on=SENT)
    assert context["subject"] == "Besluit over uw uitkering: verlaging (maatregel)"
    citations = [citation for citation, _ in context["legal_basis"]]
    assert citations[:3] == [
        "art. 18 lid 1 Participatiewet",
        "art. 18 lid 4 onder a Pw",
        "art. 18 lid 4 en 5 Participatiewet",
    ]
    assert (
        f"{SEED}, artikel 1" in citations
    )  # the months of a first breach, as the approved profile cites them
    assert "art. 18 lid 3 Participatiewet" in citations and "art. 4:8 Algemene wet bestuursrecht" in citations
    assert context["claims"] == [] and context["joint_liability"] == []


def test_the_sent_letter_is_a_pdf_a_with_the_article_the_reduction_and_the_objection_clause(world, besluit):
    (brief,) = dispatch.letter_send(actor=world["consulent"], besluit=besluit, sent_on=SENT)
    assert bytes(brief.pdf).startswith(b"%PDF")
    xmp = pdf_reader(brief.pdf).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    text = pdf_text(brief.pdf)
    norm = euro(besluit.engine_response["maatregel"]["norm"])
    for words in (
        "Besluit over uw uitkering: verlaging (maatregel)",
        "Werk aannemen of houden dat u kunt doen (algemeen geaccepteerde arbeid) (art. 18 lid 4 onder a Pw)",
        "weigerde een aangeboden baan als magazijnmedewerker",
        "U zei: De reistijd van 40 minuten vond ik te lang.",
        "Wat wij met uw reactie hebben gedaan: U zei dat de reistijd te lang was.",
        "Wij verlagen uw bijstand met 100 procent van de bijstandsnorm.",
        "De verlaging duurt 1 maand, vanaf december 2026.",
        f"U krijgt {norm} per maand minder. Dat is in totaal {norm}.",
        "Wij bekijken dit besluit binnen 3 maanden opnieuw (artikel 18 lid 3 Participatiewet).",
        f"{SEED}, artikel 1",
        "Dan kunt u bezwaar maken.",
    ):
        assert words in text, words
    assert "boete van" not in text and "terugbetalen" not in text
