"""The weighing before a sanction (issue #18): the factors as data, what each sanction requires, and the
motivation written from the engine's response, on the page and through the service."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from naleving import rules
from naleving.decisions import weighing
from naleving.decisions.models import Besluit
from naleving.decisions.motivation import motivation_write
from naleving.decisions.tests.fixtures import DECIDED, TOETS, WEGING
from naleving.decisions.weighing import (
    WeighingFactorsError,
    factors_load,
    factors_parse,
    required_factors,
    weighing_check,
)

# -- the factors file ------------------------------------------------------------------------------------

GOOD = """
factors:
  - code: aard_ernst
    label: Aard en ernst
    question: Hoe ernstig?
    legal_source: Awb 5:46 lid 2
    required_when:
      - sanction_types: [boete]
"""


def test_the_shipped_file_names_every_factor_the_law_asks_for():
    factors = weighing.factors()
    assert [f.code for f in factors] == [
        "aard_ernst",
        "verwijtbaarheid_redenen",
        "rol_gemeente",
        "omstandigheden_draagkracht",
        "dringende_redenen",
        "zienswijze",
    ]
    sources = " ".join(f.legal_source for f in factors)
    for source in ("art. 2a", "Awb 5:46 lid 2", "Awb 4:8 en 5:53", "Pw 18a lid 7", "Kamerstuk 36 785"):
        assert source in sources
    assert all(f.label and f.question and f.help and f.motivation_lead for f in factors)


def test_a_good_file_parses_with_its_conditions():
    (factor,) = factors_parse(GOOD)
    assert factor.required("boete", "normaal") and not factor.required("waarschuwing", "normaal")
    assert factor.motivation_lead == "Aard en ernst:"  # the label when the file gives no lead


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("    label: Aard en ernst\n", ""), "factor 1 (aard_ernst): veld 'label': ontbreekt"),
        (("[boete]", "[boetes]"), "veld 'required_when': sanction_types: onbekend 'boetes'"),
        (("sanction_types", "sanctie"), "veld 'required_when': onbekende sleutel sanctie"),
        (("required_when:\n      - sanction_types: [boete]", "required_when: soms"), "'always' of een lijst"),
        (("code: aard_ernst", "code: Aard-Ernst"), "veld 'code': alleen kleine letters"),
        (
            ("    question: Hoe ernstig?\n", "    question: Hoe ernstig?\n    vraag: x\n"),
            "veld 'vraag': onbekend",
        ),
        (("factors:", "factoren:"), "veld 'factors' ontbreekt"),
        (("code: aard_ernst", "code: [aard"), "geen geldige YAML"),
    ],
)
def test_a_broken_file_is_refused_with_the_file_the_entry_and_the_field(change, message):
    with pytest.raises(WeighingFactorsError) as error:
        factors_parse(GOOD.replace(*change), name="weighing_factors.yaml")
    assert str(error.value).startswith("weighing_factors.yaml")
    assert message in str(error.value)


def test_a_code_twice_is_refused(tmp_path):
    path = tmp_path / "weighing_factors.yaml"
    path.write_text(GOOD + GOOD.replace("factors:\n", ""), encoding="utf-8")
    with pytest.raises(
        WeighingFactorsError, match=r"weighing_factors.yaml: factor 2 \(aard_ernst\): de code"
    ):
        factors_load(path)


def test_the_check_framework_reports_a_broken_shipped_file(monkeypatch, tmp_path):
    from naleving.decisions.checks import check_weighing_factors

    assert check_weighing_factors() == []
    broken = tmp_path / "weighing_factors.yaml"
    broken.write_text("factors: []\n", encoding="utf-8")
    monkeypatch.setattr(weighing, "FACTORS_FILE", broken)
    (error,) = check_weighing_factors()
    assert error.id == "naleving.E010" and "weighing_factors.yaml" in error.msg


# -- what must be answered -------------------------------------------------------------------------------


def codes(sanction_type, verwijtbaarheid) -> set[str]:
    return {f.code for f in required_factors(sanction_type, verwijtbaarheid)}


def test_a_fine_for_intent_gross_negligence_or_normal_culpability_needs_the_reasons():
    everything = {f.code for f in weighing.factors()}
    for level in ("opzet", "grove_schuld", "normaal"):
        assert codes("boete", level) == everything
    assert codes("boete", "verminderd") == everything - {"verwijtbaarheid_redenen"}


def test_a_warning_needs_the_zienswijze_and_no_draagkracht():
    assert codes("waarschuwing", "normaal") == {"aard_ernst", "rol_gemeente", "zienswijze"}


def test_the_authoritys_own_role_is_always_asked():
    assert codes("geen", "geen") == {"rol_gemeente"}
    assert codes("aangifte", "opzet") == {"aard_ernst", "verwijtbaarheid_redenen", "rol_gemeente"}


def test_the_check_names_each_missing_factor_by_its_field_in_dutch():
    with pytest.raises(ValidationError) as error:
        weighing_check({"aard_ernst": "  ", "rol_gemeente": "Nee."}, "waarschuwing", "normaal")
    assert set(error.value.message_dict) == {"weging_aard_ernst", "weging_zienswijze"}
    assert error.value.message_dict["weging_zienswijze"] == [
        "Beantwoord deze vraag: de weging van 'antwoord op de zienswijze' is nodig bij een waarschuwing."
    ]


def test_the_check_trims_the_answers_and_drops_unknown_codes():
    cleaned = weighing_check({**WEGING, "aard_ernst": " Ernstig. ", "onbekend": "x"}, "boete", "normaal")
    assert cleaned["aard_ernst"] == "Ernstig." and "onbekend" not in cleaned


# -- the motivation against the engine's response --------------------------------------------------------

REQUEST = {
    "profile": "landelijk",
    "decision_date": "2026-05-01",
    "regulation": "Pw",
    "violation": {"kind": "income", "start": "2025-09-01", "end": "2026-01-31", "detected_on": "2026-01-08"},
    "benadelingsbedrag": "1250.00",
    "culpability": "grove_schuld",
    "history": [],
    "household": {"type": "alleenstaande", "kostendelers": 1, "age_band": "21_to_aow"},
    "income": {"on_benefit": True},
    "cooperation": "yes",
}


def decide(**changes) -> tuple[dict, dict]:
    request = {**REQUEST, **changes}
    return request, rules.response_to_dict(rules.evaluate(rules.parse_request(request)))


def write(request, response, answers=WEGING, **chosen) -> str:
    return motivation_write(
        engine_response=response,
        engine_request=request,
        sanction_type=chosen.get("sanction_type", response["sanction"]["type"]),
        fine_amount=chosen.get("fine_amount", response["sanction"]["fine_amount"]),
        recovery_amount=chosen.get("recovery_amount", response["recovery"]["amount"]),
        verwijtbaarheid=request["culpability"],
        answers=answers,
        regulation=request["regulation"],
    )


def test_a_fine_states_fact_period_culpability_reasons_percentage_and_calculation():
    request, response = decide()
    assert response["sanction"]["base_percentage"] == 75 and response["sanction"]["fine_amount"] == "937.50"
    text = write(request, response)
    assert "U heeft niet of niet op tijd doorgegeven dat u inkomsten had." in text
    assert "van 1 september 2025 tot en met 31 januari 2026" in text
    assert "Daardoor kreeg u € 1.250,00 bijstand te veel." in text
    assert "U krijgt een boete van € 937,50 (art. 18a lid 1 Participatiewet)." in text
    assert "De mate van verwijtbaarheid is: grove schuld." in text
    assert WEGING["verwijtbaarheid_redenen"] in text  # the reasons for the culpability, not only its name
    assert "De boete is 75% van € 1.250,00. Dat is € 937,50" in text
    assert "U moet € 1.250,00 terugbetalen (art. 58 lid 1 Participatiewet)." in text
    for key in ("rol_gemeente", "omstandigheden_draagkracht", "dringende_redenen", "zienswijze"):
        assert WEGING[key] in text
    assert "Uw reactie en ons antwoord: " + WEGING["zienswijze"] in text


def test_a_100_percent_fine_for_intent_states_the_reasons_and_the_draagkracht_cap():
    request, response = decide(culpability="opzet", benadelingsbedrag="40000.00")
    sanction = response["sanction"]
    assert (sanction["base_percentage"], sanction["capped_by"]) == (100, "draagkracht")
    text = write(request, response)
    assert (
        "De mate van verwijtbaarheid is: opzet. De redenen daarvoor: " + WEGING["verwijtbaarheid_redenen"]
        in text
    )
    assert "De boete is 100% van € 40.000,00. Dat is € 40.000,00" in text
    assert "in 24 maanden past: 5% van uw bijstandsnorm per maand. Daarom is de boete € 1.681,80" in text
    assert sanction["fine_amount"] == "1681.80" and "U krijgt een boete van € 1.681,80" in text


def test_the_statutory_cap_and_recidive_are_stated_with_the_engines_numbers():
    request, response = decide(
        culpability="normaal", benadelingsbedrag="900000.00", income={"on_benefit": False}
    )
    plafond = next(s for s in response["trace"] if s["rule"] == "plafond")
    assert response["sanction"]["capped_by"] == "categorie"
    text = write(request, response)
    assert (
        f"De wet zet een grens aan de hoogte van de boete: € 6.866,67. Daarom is de boete € 6.866,67 ({plafond['citation']})"
        in text
    )
    history = [{"type": "boete", "kind": "income", "date": "2022-01-01", "irrevocable_on": "2022-03-01"}]
    request, response = decide(culpability="normaal", history=history, income={"on_benefit": False})
    text = write(request, response)
    assert response["sanction"]["recidive"] and response["sanction"]["fine_amount"] == "937.50"
    assert (
        "Daarom telt 150% van € 1.250,00: dat is € 1.875,00. De boete is 50% van € 1.875,00. Dat is € 937,50"
        in text
    )


def test_a_warning_and_no_sanction_give_the_engines_reason():
    request, response = decide(culpability="normaal", benadelingsbedrag="100.00")
    text = write(request, response)
    assert "Het bedrag is niet hoger dan € 150,00. Daarom krijgt u een schriftelijke waarschuwing." in text
    assert "boete van" not in text
    request, response = decide(culpability="geen")
    text = write(request, response, answers={"rol_gemeente": "Nee"})
    assert "U valt niets te verwijten." in text and "verwijtbaarheid is" not in text
    assert "Over de rol van de gemeente: Nee." in text


def test_a_lighter_choice_names_the_proposal_and_the_chosen_amounts():
    request, response = decide()
    text = write(request, response, fine_amount=Decimal("400.00"), recovery_amount=Decimal("1000.00"))
    assert "U krijgt een boete van € 400,00" in text
    assert (
        "De beslisregels kwamen uit op € 937,50. Na de weging hieronder verlaagt de gemeente de boete tot € 400,00."
        in text
    )
    assert "U moet € 1.000,00 terugbetalen" in text and "kwamen uit op € 1.250,00" in text
    text = write(request, response, sanction_type="geen", fine_amount=Decimal("0"))
    assert (
        "De beslisregels stelden een boete van € 937,50 voor." in text
        and "geen boete en geen waarschuwing" in text
    )


def test_an_ioaw_decision_cites_the_ioaw_and_partial_recovery_its_dringende_redenen():
    judgements = {"urgent_reasons_recovery": "partial", "recovery_amount": "500.00"}
    request, response = decide(regulation="IOAW", culpability="normaal", judgements=judgements)
    text = write(request, response)
    assert "art. 13 lid 1 IOAW" in text and "€ 1.250,00 IOAW-uitkering te veel" in text
    assert "art. 20a lid 1 IOAW" in text and "Participatiewet" not in text
    assert "U moet € 500,00 terugbetalen (art. 25 lid 1 IOAW). Voor € 750,00 ziet de gemeente af" in text


# -- through the service and the page --------------------------------------------------------------------


def prepare_url(investigation) -> str:
    return reverse("decisions:prepare", args=[investigation.pk])


def post_data(**overrides) -> dict:
    return {
        "decision_date": DECIDED.isoformat(),
        "cooperation": "yes",
        "sanction_type": "boete",
        "fine_amount": "625.00",
        "recovery_amount": "1250.00",
        "motivation": "Mijn eigen motivering.",
        **{f"weging_{code}": answer for code, answer in WEGING.items()},
        **overrides,
    }


@pytest.mark.django_db
def test_the_service_stores_the_weighing_and_the_consulents_motivation(world, breach, record):
    besluit = record(breach, weging=WEGING, motivation="  Mijn tekst.  ")
    assert besluit.weging == WEGING and besluit.motivation == "Mijn tekst."


@pytest.mark.django_db
def test_without_a_motivation_the_service_writes_one_so_it_is_never_empty(world, breach, record):
    besluit = record(breach)  # the API and older callers: no weighing, no text
    assert besluit.weging == {}
    assert "U krijgt een boete van € 625,00" in besluit.motivation
    assert "De boete is 50% van € 1.250,00. Dat is € 625,00" in besluit.motivation
    assert breach.verwijtbaarheid_motivation in besluit.motivation  # the investigation's reasons


@pytest.mark.django_db
def test_the_service_refuses_a_weighing_without_a_required_answer(world, breach, record):
    with pytest.raises(ValidationError) as error:
        record(breach, weging={**WEGING, "zienswijze": ""}, fine_amount=Decimal("300.00"))
    # every missing answer at once: the weighing and the omgekeerde toets of the deviation
    assert {"weging_zienswijze", "deviation_motivation", "toets_effect"} <= set(error.value.message_dict)
    assert not Besluit.objects.filter(investigation=breach).exists()


@pytest.mark.django_db
def test_the_page_prefills_the_motivation_and_asks_the_weighing_above_the_sanction(client, world, breach):
    client.force_login(world["consulent"])
    body = client.get(prepare_url(breach) + f"?decision_date={DECIDED}&cooperation=yes").content.decode()
    # the weging is the first step; the sanction comes in the third
    assert ">Weging</legend>" in body and ">Besluit</legend>" not in body
    assert "Redenen voor de mate van verwijtbaarheid (verplicht)" in body
    assert "Bron: Awb 4:8 en 5:53 (zienswijze)." in body
    # the resident's reaction (hoor en wederhoor) next to the question that answers it
    assert "De inwoner erkent de inkomsten niet te hebben doorgegeven." in body
    data = post_data(motivation="") | {"stap": "voorstel", "naar": "afwijken", "gezien": ["weging"]}
    data["berekend_voor"] = f"{DECIDED}|yes"
    body = client.post(prepare_url(breach), data).content.decode()
    assert "De boete is 50% van € 1.250,00. Dat is € 625,00" in body  # the motivation, written on arrival
    assert WEGING["rol_gemeente"] in body and "Motivering opnieuw opstellen" in body


@pytest.mark.django_db
def test_the_page_refuses_an_empty_motivation_and_a_missing_required_factor(client, world, breach):
    client.force_login(world["consulent"])
    body = client.post(
        prepare_url(breach), post_data(motivation="  ", weging_rol_gemeente="")
    ).content.decode()
    assert not Besluit.objects.filter(investigation=breach).exists()
    # the first step with an error opens, with its errors; the motivation's error waits for step 3
    assert "Schrijf de motivering van het besluit" not in body and ">Weging</legend>" in body
    assert "de weging van &#x27;de eigen rol van de gemeente&#x27; is nodig bij een boete" in body
    assert 'id="id_weging_rol_gemeente_error"' in body


@pytest.mark.django_db
def test_rewriting_the_motivation_uses_the_current_answers_without_recording(client, world, breach):
    client.force_login(world["consulent"])
    answers = post_data(motivation="", weging_zienswijze="De inwoner kreeg een nieuwe baan.", rewrite="1")
    body = client.post(prepare_url(breach), answers).content.decode()
    assert not Besluit.objects.filter(investigation=breach).exists()
    assert "Uw reactie en ons antwoord: De inwoner kreeg een nieuwe baan." in body
    assert "Het besluit is nog niet vastgelegd" not in body  # no errors: nothing was submitted to record


@pytest.mark.django_db
def test_recording_from_the_page_stores_the_edited_motivation_and_shows_it(client, world, breach):
    client.force_login(world["consulent"])
    toets = {f"toets_{key}": answer for key, answer in TOETS.items()}
    response = client.post(
        prepare_url(breach), post_data(fine_amount="300.00", deviation_motivation="Draagkracht.", **toets)
    )
    besluit = Besluit.objects.get(investigation=breach)
    assert besluit.motivation == "Mijn eigen motivering." and besluit.weging == WEGING
    body = client.get(response["Location"]).content.decode()
    assert "Stap 1. Weging" in body and "Mijn eigen motivering." in body
    assert WEGING["rol_gemeente"] in body and "De eigen rol van de gemeente" in body
