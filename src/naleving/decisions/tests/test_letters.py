"""The beschikking cites the law of the benefit: the IOAW and IOAZ their own articles, Pw and Bbz the
Participatiewet; and it states the draagkracht room of 5 % of the norm (beslagvrije voet 95 %)."""

import io

import pytest
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from pypdf import PdfReader

from naleving.decisions import legal_basis
from naleving.decisions.letters import besluit_letter_pdf, letter_context
from naleving.decisions.models import Besluit
from naleving.decisions.tests.fixtures import DECIDED

pytestmark = pytest.mark.django_db


def with_regulation(besluit: Besluit, regulation: str) -> Besluit:
    """The besluit as if decided under ``regulation``: the request and the motivation written from it."""
    from naleving.decisions.motivation import motivation_write

    request = {**besluit.engine_request, "regulation": regulation}
    motivation = motivation_write(
        engine_response=besluit.engine_response,
        engine_request=request,
        sanction_type=besluit.sanction_type,
        fine_amount=besluit.fine_amount,
        recovery_amount=besluit.recovery_amount,
        verwijtbaarheid=besluit.verwijtbaarheid,
        answers=besluit.weging,
        regulation=regulation,
    )
    Besluit.objects.filter(pk=besluit.pk).update(engine_request=request, motivation=motivation)
    besluit.refresh_from_db()
    return besluit


def html_text(besluit: Besluit) -> str:
    html = render_to_string("decisions/letter.html", letter_context(besluit, sent_on=DECIDED))
    return " ".join(strip_tags(html).split())


def pdf_text(besluit: Besluit) -> str:
    reader = PdfReader(io.BytesIO(besluit_letter_pdf(besluit=besluit, sent_on=DECIDED)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


IOAW_BASIS = (
    "art. 13 lid 1 Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze werknemers (IOAW)",
    "art. 17 lid 3 IOAW",
    "art. 25 lid 1 IOAW",
    "art. 28 IOAW",
    "art. 20a lid 1 IOAW; art. 2 Boetebesluit socialezekerheidswetten",
)
PW_BASIS = (
    "art. 17 lid 1 Participatiewet",
    "art. 54 lid 3 Participatiewet",
    "art. 58 lid 1 Participatiewet",
    "art. 60 lid 4 Participatiewet",
    "art. 18a lid 1 Participatiewet; art. 2 Boetebesluit socialezekerheidswetten",
)


@pytest.mark.parametrize("render", [html_text, pdf_text], ids=["html", "pdf"])
def test_an_ioaw_letter_cites_the_ioaw_and_never_the_participatiewet(breach, record, render):
    besluit = with_regulation(record(breach), "IOAW")
    assert besluit.sanction_type == "boete" and besluit.vorderingen.count() == 2
    text = render(besluit)
    basis = section(text, "Op welke regels is dit besluit gebaseerd?", "Hoe betaalt u terug?")
    for cited in IOAW_BASIS:
        assert cited in basis
    assert "Participatiewet" not in text  # not in the basis, the payment lines or anywhere else
    assert "Pw" not in basis and "18a" not in basis and "art. 58" not in basis and "art. 60" not in basis
    payment = section(text, "Hoe betaalt u terug?", "Bent u het niet eens met dit besluit?")
    assert "(art. 28 IOAW)" in payment and "Pw" not in payment
    unwrapped = text.replace("IOAW- uitkering", "IOAW-uitkering")  # the PDF may break the line at the hyphen
    assert "te veel IOAW-uitkering gekregen" in unwrapped and "bijstand gekregen" not in text


def test_an_ioaz_letter_cites_the_ioaz(breach, record):
    text = html_text(with_regulation(record(breach), "IOAZ"))
    assert (
        "art. 13 lid 1 Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen zelfstandigen (IOAZ)"
        in text
    )
    assert "art. 20a lid 1 IOAZ" in text and "art. 25 lid 1 IOAZ" in text and "Participatiewet" not in text


@pytest.mark.parametrize("regulation", ["Pw", "Bbz", None])
@pytest.mark.parametrize("render", [html_text, pdf_text], ids=["html", "pdf"])
def test_a_pw_or_bbz_letter_cites_the_participatiewet(breach, record, regulation, render):
    besluit = with_regulation(record(breach), regulation) if regulation else record(breach)
    text = render(besluit)
    basis = section(text, "Op welke regels is dit besluit gebaseerd?", "Hoe betaalt u terug?")
    for cited in PW_BASIS:
        assert cited in basis
    assert "IOAW" not in text and "IOAZ" not in text
    assert "(art. 60 lid 4 Participatiewet)" in section(text, "Hoe betaalt u terug?", "Bent u het niet eens")
    assert "te veel bijstand gekregen" in text


def test_a_warning_cites_its_own_paragraph(breach, record):
    from decimal import Decimal

    besluit = record(breach, sanction_type="waarschuwing", fine_amount=Decimal("0"), deviation_motivation="Eerste keer.",
                     omgekeerde_toets={"onevenredig": "a", "effect": "b", "schulden_zorg": "c"})  # fmt: skip
    assert "art. 18a lid 4 Participatiewet; art. 2aa Boetebesluit" in html_text(besluit)
    assert "art. 20a lid 4 IOAW; art. 2aa Boetebesluit" in html_text(with_regulation(besluit, "IOAW"))


@pytest.mark.parametrize("render", [html_text, pdf_text], ids=["html", "pdf"])
def test_the_letter_states_the_five_percent_room_and_the_95_percent_voet(breach, record, render):
    besluit = record(breach)
    text = render(besluit)
    room = letter_context(besluit, sent_on=DECIDED)["draagkracht"]
    assert room.percentage == 5 and room.beslagvrij == 95
    instalments = sum(v.monthly_instalment for v in besluit.vorderingen.all())
    assert instalments <= room.per_month
    assert "5% van de norm die voor u geldt" in text and "De andere 95% houdt u altijd over" in text
    assert "beslagvrije voet" in text and "10%" not in text


def test_citations_per_regulation():
    assert legal_basis.citation("IOAW", "boete") == "art. 20a lid 1 IOAW"
    assert legal_basis.citation("IOAZ", "terugvordering_dringende_redenen") == "art. 25 lid 7 IOAZ"
    assert (
        legal_basis.citation("IOAW", "boete_kwijtschelding") == "art. 20a lid 12 IOAW"
    )  # not 13, as in the Pw
    assert legal_basis.citation("Pw", "boete_kwijtschelding") == "art. 18a lid 13 Participatiewet"
    assert legal_basis.citation("Bbz", "verrekening") == "art. 60 lid 4 Participatiewet"
    assert legal_basis.citation(None, "opschorting") == "art. 54 Participatiewet"
    assert legal_basis.citation("IOAZ", "opschorting") == "art. 17 IOAZ"
