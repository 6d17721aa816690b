"""The maatregel (Pw 18) beyond the scenarios: the refusal without verordening figures, the limits on the
figures, the loader, the CLI round trip, replay, explain, and the existing contract left as it was."""

from __future__ import annotations

import io
import json
import textwrap
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from naleving import rules
from naleving.rules import (
    Amendment,
    MaatregelRequest,
    ParameterFileError,
    ParameterNotInForce,
    Registry,
    RuleInputError,
    evaluate,
    explain,
    parse_request,
    request_to_dict,
    response_to_dict,
)
from naleving.rules.cli import main
from naleving.rules.describe import missing_amount
from naleving.rules.maatregel.rules import add_months, percent_nl
from naleving.rules.parameters import parse_parameter_data
from naleving.rules.tests.helpers import BASE_REQUEST
from naleving.rules.tests.maatregel_helpers import (
    FIGURES,
    MAATREGEL_REQUEST,
    PROFILE,
    decide_maatregel,
    figures_registry,
    merge,
    profile_text,
    registry_with,
)

SHIPPED = ("landelijk", "mer-2025", "groningen-2024", "baanbrekers-2026", "steenwijkerland-2026")
FIGURE_NAMES = tuple(FIGURES)


def _in_force_on(profile: str) -> str:
    return {"groningen-2024": "2026-03-01", "mer-2025": "2026-03-01"}.get(profile, "2026-11-20")


# -- the refusal: no shipped profile gives the afstemmingsverordening's figures ------------------------------


@pytest.mark.parametrize("profile", SHIPPED)
@pytest.mark.parametrize(
    ("obligation", "missing"),
    [
        ({"code": "pw_18_4_a"}, "maatregel.verordening.pw18_4.months_first"),
        ({"code": "pw_18_2", "category": 2}, "maatregel.verordening.category.2.percentage"),
    ],
)
def test_every_shipped_profile_refuses_a_reduction(
    profile: str, obligation: dict[str, Any], missing: str
) -> None:
    registry = Registry.load()
    day = _in_force_on(profile)
    request = merge(MAATREGEL_REQUEST, {"profile": profile, "decision_date": day, "obligation": obligation})
    request["obligation"]["breached_on"] = "2026-02-01"
    with pytest.raises(ParameterNotInForce) as info:
        evaluate(parse_request(request, registry=registry), registry)
    assert info.value.name == missing
    sentence = rules.missing_parameter_nl(info.value.name, info.value.on)
    assert "afstemmingsverordening" in sentence and "tweede persoon" in sentence


def test_every_shipped_profile_says_it_gives_no_figures() -> None:
    from naleving.rules.registry import PROFILE_DIR

    for profile in SHIPPED:
        text = (PROFILE_DIR / f"{profile}.yaml").read_text(encoding="utf-8")
        assert "the seed gives no afstemmingsverordening figures" in text, profile
        assert not any(name in text for name in FIGURE_NAMES), profile


def test_the_refusal_through_the_cli_exits_2_with_the_dutch_sentence() -> None:
    request = merge(MAATREGEL_REQUEST, {"profile": "landelijk"})
    out = io.StringIO()
    assert main(["decide"], io.StringIO(json.dumps(request)), out) == 2
    error = json.loads(out.getvalue())["error"]
    assert (error["code"], error["field"]) == ("parameter_not_in_force", "decision_date")
    assert error["message"].startswith(
        "Voor een besluit op 20 november 2026 ontbreekt nog het aantal maanden"
    )


def test_unset_figures_are_listed_as_not_set_and_are_no_gaps() -> None:
    shown = rules.parameters_in_force("landelijk", date(2026, 11, 20))
    assert shown["not_set"] == sorted(FIGURE_NAMES)
    assert shown["not_in_force"] == []
    assert rules.parameter_gaps("landelijk", date(2026, 11, 20), 30) == []
    with_figures = rules.parameters_in_force(PROFILE, date(2026, 11, 20), figures_registry())
    assert with_figures["not_set"] == []
    months = with_figures["parameters"]["maatregel.verordening.pw18_4.months_first"]  # type: ignore[index]
    assert months["value"] == 1 and months["set_by"] == "profile"  # type: ignore[index]
    assert months["citation"] == "afstemmingsverordening-test, art. 2"  # type: ignore[index]


def test_rules_show_names_the_figures_not_set() -> None:
    out = io.StringIO()
    assert main(["rules", "show", "--date", "2026-11-20"], io.StringIO(), out) == 0
    assert "Nog niet vastgesteld door de gemeente: maatregel.verordening.category.1.months" in out.getvalue()
    out = io.StringIO()
    main(
        ["rules", "show", "--profile", PROFILE, "--date", "2026-11-20"],
        io.StringIO(),
        out,
        figures_registry(),
    )
    assert "Nog niet vastgesteld" not in out.getvalue()


def test_the_dutch_names_of_the_figures() -> None:
    assert missing_amount("maatregel.verordening.category.3.months") == (
        "het aantal maanden van de verlaging voor categorie 3 (afstemmingsverordening, artikel 18 lid 2 Pw)"
    )
    assert missing_amount("maatregel.verordening.pw18_4.months_recidive").startswith(
        "het aantal maanden van de verlaging bij herhaling"
    )
    assert missing_amount("maatregel.verordening.iets_anders") == "een afspraak uit de afstemmingsverordening"


# -- the figures a municipality sets, and their limits ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("maatregel.verordening.pw18_4.months_first", 0, "outside 1 to 3 months"),
        ("maatregel.verordening.pw18_4.months_first", 4, "outside 1 to 3 months"),
        ("maatregel.verordening.pw18_4.months_recidive", 6, "art. 18 lid 5 Pw"),
        ("maatregel.verordening.category.1.percentage", 0, "1 to 100 percent"),
        ("maatregel.verordening.category.2.percentage", 101, "1 to 100 percent"),
        ("maatregel.verordening.category.3.months", 0, "at least 1 month"),
    ],
)
def test_figures_outside_the_limits_are_rejected_naming_the_parameter(
    name: str, value: int, expected: str
) -> None:
    with pytest.raises(ParameterFileError) as info:
        registry_with({**FIGURES, name: value})
    assert info.value.file == f"{PROFILE}.yaml" and info.value.key == name
    assert expected in str(info.value)


def test_the_limits_hold_for_figures_approved_as_a_parameter_set_too() -> None:
    text = textwrap.dedent(
        """
        scope: policy
        parameters:
          - name: maatregel.verordening.pw18_4.months_first
            unit: months
            values:
              - {valid_from: 2027-01-01, value: 5, confidence: H,
                 legal_basis: {law: Afstemmingsverordening, article: "9", url: "https://example.org/verordening"}}
        """
    )
    with pytest.raises(ParameterFileError, match="outside 1 to 3 months") as info:
        Registry.load(amendments=(Amendment(seq=1, parameters_text=text),))
    assert info.value.key == "maatregel.verordening.pw18_4.months_first"
    registry = Registry.load(
        amendments=(Amendment(seq=1, parameters_text=text.replace("value: 5", "value: 2")),)
    )
    months = registry.profile("landelijk").parameters["maatregel.verordening.pw18_4.months_first"]
    assert months.at(date(2027, 1, 5)).value == 2


def test_a_figure_from_before_the_law_is_rejected() -> None:
    text = profile_text(FIGURES).replace("valid_from: 2015-01-01", "valid_from: 2014-01-01")
    with pytest.raises(ParameterFileError, match="the law sets no limit"):
        Registry.load(amendments=(Amendment(seq=1, profiles=((PROFILE, text),)),))


def test_a_policy_parameter_may_have_no_value_a_law_parameter_may_not() -> None:
    policy = parse_parameter_data(
        {"scope": "policy", "parameters": [{"name": "p.x", "unit": "months", "values": []}]}, "f"
    )
    assert policy[0].values == ()
    with pytest.raises(ParameterNotInForce):
        policy[0].at(date(2026, 1, 1))
    with pytest.raises(ParameterFileError, match="expected a list"):
        parse_parameter_data({"scope": "policy", "parameters": [{"name": "p.x", "unit": "months"}]}, "f")
    with pytest.raises(ParameterFileError, match="expected a non-empty list"):
        parse_parameter_data(
            {"scope": "law", "parameters": [{"name": "p.x", "unit": "months", "values": []}]}, "f"
        )


def test_a_registry_of_other_files_needs_no_maatregel(tmp_path: Any) -> None:
    from naleving.rules.registry import PARAMETER_DIR, PROFILE_DIR

    for path in PARAMETER_DIR.glob("*.yaml"):
        if not path.name.startswith("maatregel"):
            (tmp_path / path.name).write_bytes(path.read_bytes())
    registry = Registry.load(parameter_dir=tmp_path, profile_dir=PROFILE_DIR)
    assert "maatregel.verordening.pw18_4.months_first" not in registry.parameters


# -- the response -----------------------------------------------------------------------------------------


def test_the_monthly_amount_is_the_percentage_of_rules_norm_rounded_half_up() -> None:
    registry = figures_registry()
    norm = rules.norm("alleenstaande", "21_to_aow", 3, date(2026, 11, 20), registry)
    response = decide_maatregel(obligation={"code": "pw_18_2", "category": 1}, household={"kostendelers": 3})
    monthly = (norm * Decimal("12.5") / 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert response["maatregel"]["norm"] == f"{norm:.2f}"
    assert response["maatregel"]["monthly_amount"] == f"{monthly:.2f}"


def test_the_trace_cites_and_explains_every_step_in_dutch() -> None:
    response = decide_maatregel(
        history=[{"type": "maatregel", "obligation": "pw_18_4_c", "date": "2026-03-02"}]
    )
    for item in response["trace"]:
        assert item["citation"] and item["text_nl"].endswith(".")
    texts = " ".join(item["text_nl"] for item in response["trace"])
    assert "U kreeg op 2 maart 2026 al een verlaging" in texts
    assert "€ 1.419,46 per maand" in texts and "3 maanden" in texts


def test_unconfirmed_obligations_say_so_in_the_trace() -> None:
    response = decide_maatregel(obligation={"code": "pw_18_4_h"})
    assert "niet helemaal nagelezen" in response["trace"][0]["text_nl"]
    assert rules.OBLIGATIONS["pw_18_4_h"].confidence == "UNCONFIRMED"


def test_percentages_in_dutch() -> None:
    assert percent_nl(Decimal("12.50")) == "12,5 %" and percent_nl(Decimal("100")) == "100 %"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2028, 2, 29), -12, date(2027, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -12, date(2025, 1, 15)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_explain_a_reduction_and_a_refusal_to_reduce() -> None:
    text = explain(
        decide_maatregel(history=[{"type": "maatregel", "obligation": "pw_18_4_a", "date": "2026-05-01"}])
    )
    assert "Verplichting: Werk aannemen of houden" in text
    assert "Maatregel: verlaging van 100% van de norm € 1.419,46: € 1.419,46 per maand, 3 maanden" in text
    assert ", herhaling (reden: verlaging_18_lid_4)" in text
    assert "Heroverweging: binnen 3 maanden" in text and "Vervolgstappen: heroverweging" in text
    one = explain(decide_maatregel(obligation={"code": "pw_18_2", "category": 1}))
    assert "1 maand, samen € 177,43 (reden: verlaging_verordening)" in one
    none = explain(decide_maatregel(culpability="geen"))
    assert "Maatregel: geen verlaging (reden: geen_verwijtbaarheid)" in none
    assert "Heroverweging" not in none
    bare = explain({"kind": "maatregel", "trace": decide_maatregel()["trace"]})
    assert "Verplichting: - (-)" in bare and "Vervolgstappen" not in bare


# -- round trips and the existing contract ---------------------------------------------------------------


def test_cli_decide_and_explain_round_trip() -> None:
    out = io.StringIO()
    code = main(["decide"], io.StringIO(json.dumps(MAATREGEL_REQUEST)), out, figures_registry())
    assert code == 0
    response = json.loads(out.getvalue())
    assert response == decide_maatregel()
    explained = io.StringIO()
    assert main(["rules", "explain"], io.StringIO(out.getvalue()), explained) == 0
    assert explained.getvalue() == explain(response)


def test_the_profile_option_of_the_cli_applies_to_a_maatregel() -> None:
    request = merge(MAATREGEL_REQUEST, {"profile": "landelijk"})
    out = io.StringIO()
    assert (
        main(["decide", "--profile", PROFILE], io.StringIO(json.dumps(request)), out, figures_registry()) == 0
    )
    assert json.loads(out.getvalue())["profile"] == PROFILE


def test_replay_gives_the_same_response() -> None:
    registry = figures_registry()
    request = parse_request(
        merge(MAATREGEL_REQUEST, {"history": [{"type": "boete", "date": "2026-01-01"}]}), registry=registry
    )
    assert isinstance(request, MaatregelRequest)
    stored = json.loads(json.dumps(request_to_dict(request)))
    assert stored["kind"] == "maatregel" and stored["history"][0]["obligation"] is None
    first = response_to_dict(evaluate(request, registry))
    replayed = response_to_dict(evaluate(parse_request(stored, registry=registry), registry_with(FIGURES)))
    assert replayed == first
    assert parse_request(stored, registry=registry) == request


def test_evaluate_checks_a_request_built_in_python_too() -> None:
    request = parse_request(MAATREGEL_REQUEST, registry=figures_registry())
    assert isinstance(request, MaatregelRequest)
    from dataclasses import replace

    with pytest.raises(RuleInputError) as info:
        evaluate(replace(request, regulation="IOAW"), figures_registry())
    assert info.value.code == "regulation_not_supported"
    assert "IOAW and IOAZ maatregelen" in info.value.message


def test_a_request_without_kind_is_the_existing_contract() -> None:
    plain_request = parse_request(BASE_REQUEST)
    assert not isinstance(plain_request, MaatregelRequest)
    explicit = parse_request({**BASE_REQUEST, "kind": "inlichtingenplicht"})
    assert explicit == plain_request
    assert "kind" not in request_to_dict(plain_request)
    response = response_to_dict(evaluate(plain_request))
    assert "kind" not in response and response["sanction"]["fine_amount"] == "500.00"
    with pytest.raises(RuleInputError) as info:
        parse_request({**BASE_REQUEST, "obligation": {"code": "pw_18_4_a"}})
    assert (info.value.code, info.value.field) == ("unknown_field", "obligation")


def test_a_maatregel_request_that_is_not_an_object() -> None:
    with pytest.raises(RuleInputError) as info:
        parse_request([MAATREGEL_REQUEST])  # type: ignore[arg-type]
    assert info.value.code == "invalid_type"


def test_four_eyes_knows_the_maatregel() -> None:
    policy = rules.four_eyes_policy("landelijk", date(2026, 11, 20))
    assert policy.reasons(sanction_type="maatregel", fine_amount=Decimal(0), recovery_amount=Decimal(0)) == ()
