"""The employees' free text in the inzage is screened for third parties: other residents' BSNs and names and
the reporters' names and addresses become [derde]; the resident's own BSN and name, the resident's own
words and numbers that are not a BSN stay; the answer lists the fields screened and redacted."""

import json
from datetime import date

import pytest

from naleving.dossier.inzage import inzage_collect
from naleving.dossier.inzage_output import inzage_json
from naleving.investigations.tests.factories import HoorEnWederhoorFactory
from naleving.prevention.tests.factories import ChangeReportFactory, PreventiveInterventionFactory
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.tests.factories import SignalFactory

REPORTER = "Geheime Melder Vandenbroek"
REPORTER_MAIL = "melder.vandenbroek@example.org"


def _walk(records, label):
    """Every value of ``label`` in the records, nested lists included."""
    for record in records:
        for key, value in record.items():
            if key == label:
                yield value
            elif isinstance(value, list):
                yield from _walk([v for v in value if isinstance(v, dict)], label)


@pytest.mark.django_db
def test_free_text_of_employees_is_screened_for_third_parties(world):
    jansen, pietersen = world["jansen"], world["pietersen"]
    ResidentFactory(first_names="Karel Johan", prefix="de", family_name="Buurman")
    SignalFactory(
        resident=jansen,
        origin="anonieme_melding",
        external_reference="",
        registered_by=None,
        reporter_contact=f"{REPORTER}, {REPORTER_MAIL}, 06-12345678",
    )
    HoorEnWederhoorFactory(
        investigation=world["investigation"],
        summary=(
            f"Volgens de inwoner logeerden Karel de Buurman en {REPORTER.upper()} er; BSN {pietersen.bsn[:4]}."
            f"{pietersen.bsn[4:6]}.{pietersen.bsn[6:]}, eigen BSN {jansen.bsn}, dossier 123456789, "
            f"mail {REPORTER_MAIL}, tel. 06-12345678."
        ),
    )
    PreventiveInterventionFactory(resident=jansen, notes=f"Gesprek met {jansen.full_name} over de plichten.")
    ChangeReportFactory(resident=jansen, description="Karel de Buurman komt bij mij wonen.")

    data = inzage_collect(jansen, today=date(2026, 6, 1))
    sections = {s["sleutel"]: s["gegevens"] for s in data["secties"]}

    [summary] = list(_walk(sections["onderzoeken"], "reactie van de inwoner"))
    assert summary == (
        f"Volgens de inwoner logeerden [derde] en [derde] er; BSN [derde], eigen BSN {jansen.bsn}, "
        "dossier 123456789, mail [derde], tel. [derde]."
    )  # 123456789 fails the elfproef: not a BSN
    [notes] = [p["toelichting"] for p in sections["preventieve_contacten"] if "plichten" in p["toelichting"]]
    assert notes == f"Gesprek met {jansen.full_name} over de plichten."  # the resident's own name stays
    [report] = sections["wijzigingen"]
    assert report["omschrijving"] == "Karel de Buurman komt bij mij wonen."  # the resident's own words

    screening = json.loads(inzage_json(data))["afscherming"]
    assert "Onderzoeken: reactie van de inwoner" in screening["gescreende velden"]
    assert "Contact om problemen te voorkomen: toelichting" in screening["gescreende velden"]
    assert not any(
        f.startswith("Wijzigingen die u doorgaf: omschrijving") for f in screening["gescreende velden"]
    )
    [redacted] = screening["afgeschermd"]
    assert redacted["veld"] == "reactie van de inwoner" and redacted["vervangen"] == 5
    assert redacted["waar"].startswith("Onderzoeken > gegeven ") and "hoor en wederhoor 1" in redacted["waar"]


@pytest.mark.django_db
def test_nothing_to_redact_lists_no_redactions(world):
    data = inzage_collect(world["pietersen"], today=date(2026, 6, 1))
    assert data["afscherming"]["afgeschermd"] == []
    assert "[derde]" not in json.dumps(data["secties"], default=str)
