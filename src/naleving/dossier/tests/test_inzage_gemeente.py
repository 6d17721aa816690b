"""Issue #17: the inzage (AVG art. 15) comes from the resident's municipality, the controller of their data."""

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from naleving.dossier.inzage import inzage_collect
from naleving.dossier.inzage_output import inzage_json, inzage_pdf
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_the_inzage_names_the_residents_municipality():
    GemeenteFactory(code="GM0797", name="Heusden")
    resident = ResidentFactory(gemeente=GemeenteFactory(code="GM0867", name="Waalwijk"))
    data = inzage_collect(resident, today=date(2026, 6, 1))

    assert json.loads(inzage_json(data))["over_dit_overzicht"]["organisatie"] == "Gemeente Waalwijk"
    reader = PdfReader(io.BytesIO(inzage_pdf(data)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert text.startswith("Gemeente Waalwijk") and "Gemeente Heusden" not in text
