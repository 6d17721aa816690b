"""The missing-parameter sentence every caller of the engine shows (CLI, API, web)."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from naleving.rules.cli import main
from naleving.rules.describe import missing_amount, missing_parameter_nl
from naleving.rules.tests.helpers import BASE_REQUEST, merge


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "norm.alleenstaande.21_to_aow",
            "de bijstandsnorm voor een alleenstaande (21 jaar tot AOW-leeftijd)",
        ),
        ("norm.gehuwden.aow", "de bijstandsnorm voor gehuwden of samenwoners (vanaf de AOW-leeftijd)"),
        (
            "norm.alleenstaande_ouder.18_to_20",
            "de bijstandsnorm voor een alleenstaande ouder (18 tot en met 20 jaar)",
        ),
        ("norm.iets.nieuws", "een bijstandsnorm"),
        ("asset_limit.alleenstaande", "de vermogensgrens voor een alleenstaande"),
        ("asset_limit.own_home_equity", "de vrijlating van vermogen in een eigen woning"),
        ("asset_limit.nieuw", "een vermogensgrens"),
        ("fine.category.3", "het bedrag van boetecategorie 3"),
        ("kostendelersnorm.base_percentage", "een percentage van de kostendelersnorm"),
        ("draagkracht.norm_percentage", "een wettelijk bedrag"),
    ],
)
def test_a_missing_amount_is_named_in_words(name: str, words: str) -> None:
    assert missing_amount(name) == words


def test_the_sentence_names_the_date_the_amount_and_who_adds_it() -> None:
    assert missing_parameter_nl("norm.alleenstaande.21_to_aow", date(2027, 1, 5)) == (
        "Voor een besluit op 5 januari 2027 ontbreekt nog de bijstandsnorm voor een alleenstaande "
        "(21 jaar tot AOW-leeftijd). De functioneel beheerder kan dit bedrag toevoegen."
    )


def test_the_cli_refuses_a_decision_after_the_last_norm_in_dutch() -> None:
    out = io.StringIO()
    request = merge(BASE_REQUEST, {"decision_date": "2027-01-05"})
    assert main(["decide"], io.StringIO(json.dumps(request)), out) == 2
    error = json.loads(out.getvalue())["error"]
    assert (error["code"], error["field"]) == ("parameter_not_in_force", "decision_date")
    assert error["message"].startswith("Voor een besluit op 5 januari 2027 ontbreekt nog de bijstandsnorm")
