"""The pure command-line function `naleving.rules.cli.main(argv, stdin, stdout)`; no Django needed."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from naleving.rules.cli import main
from naleving.rules.tests.helpers import BASE_REQUEST, merge


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, io.StringIO(stdin), out)
    return code, out.getvalue()


def decide_json(request: Any, *extra: str) -> tuple[int, dict[str, Any]]:
    code, out = run(["decide", *extra], json.dumps(request))
    return code, json.loads(out)


def test_decide_writes_the_response() -> None:
    code, data = decide_json(BASE_REQUEST)
    assert code == 0
    assert data["sanction"]["fine_amount"] == "500.00"
    assert data["profile"] == "landelijk"


def test_decide_reads_json_numbers_exactly() -> None:
    code, out = run(["decide"], '{"decision_date": "2026-03-01", "violation": {"kind": "income", '
                    '"start": "2025-09-01", "end": "2025-12-31"}, "benadelingsbedrag": 1369.06, "culpability": "normaal"}')  # fmt: skip
    assert code == 0
    assert json.loads(out)["sanction"]["fine_amount"] == "684.53"


def test_decide_profile_option_wins() -> None:
    code, data = decide_json(BASE_REQUEST, "--profile", "baanbrekers-2026")
    assert code == 0
    assert data["profile"] == "baanbrekers-2026"
    assert data["sanction"]["type"] == "waarschuwing"


@pytest.mark.parametrize(
    ("request_data", "argv", "code", "field"),
    [
        (BASE_REQUEST, ["--profile", "utrecht"], "unknown_profile", "profile"),
        (merge(BASE_REQUEST, {"profile": "utrecht"}), [], "unknown_profile", "profile"),
        (merge(BASE_REQUEST, {"decision_date": None}), [], "missing_field", "decision_date"),
        (merge(BASE_REQUEST, {"benadelingsbedrag": "-5"}), [], "negative_amount", "benadelingsbedrag"),
        (merge(BASE_REQUEST, {"violation": {"end": "2025-01-01"}}), [], "invalid_period", "violation.end"),
        (merge(BASE_REQUEST, {"culpability": "erg"}), [], "invalid_choice", "culpability"),
        (merge(BASE_REQUEST, {"benadelingsbedrag": "1.001"}), [], "too_many_decimals", "benadelingsbedrag"),
        ([BASE_REQUEST], [], "invalid_request", None),
        (merge(BASE_REQUEST, {"decision_date": "2027-01-05"}), [], "parameter_not_in_force", "decision_date"),
    ],
)
def test_decide_errors_exit_2_with_a_json_error(
    request_data: Any, argv: list[str], code: str, field: str | None
) -> None:
    exit_code, data = decide_json(request_data, *argv)
    assert exit_code == 2
    assert set(data) == {"error"}
    assert (data["error"]["code"], data["error"]["field"]) == (code, field)
    assert data["error"]["message"]


def test_malformed_json_exits_2() -> None:
    code, out = run(["decide"], '{"decision_date": ')
    assert code == 2
    error = json.loads(out)["error"]
    assert error["code"] == "invalid_json" and error["field"] is None
    assert "line 1" in error["message"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('{"a": ' + "1" * 5000 + "}", "a number beyond Python's digit limit"),
        ("[" * 100_000 + "]" * 100_000, "nesting deeper than the parser's stack"),
    ],
    ids=["long-number", "deep-nesting"],
)
def test_unreadable_json_exits_2(text: str, why: str) -> None:
    code, out = run(["decide"], text)
    assert code == 2, why
    error = json.loads(out)["error"]
    assert error["code"] == "invalid_json" and error["field"] is None
    assert error["message"].startswith("unreadable JSON: ")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["decide", "--colour"],
        ["rules"],
        ["rules", "show"],
        ["rules", "show", "--date", "2026-02-30"],
        ["rules", "check"],
        ["rules", "check", "--date", "2026-03-01", "--horizon", "-5"],
        ["rules", "check", "--date", "2026-03-01", "--horizon", "9999"],
    ],
)
def test_invalid_arguments_exit_2(argv: list[str]) -> None:
    code, out = run(argv)
    assert code == 2
    assert json.loads(out)["error"]["code"] == "invalid_arguments"


def test_rules_show_prints_the_parameters_in_force() -> None:
    code, out = run(["rules", "show", "--profile", "groningen-2024", "--date", "2026-03-01"])
    assert code == 0
    assert out.startswith("Parameters van profiel groningen-2024 op 2026-03-01, regels 1.0.0+")
    assert "norm.alleenstaande.21_to_aow = 1401.50 EUR/month  [H] art. 21 onder a Pw" in out
    assert (
        'warning.blocked_by = ["waarschuwing", "boete"] list  [H] 003_d84ff115b55f0dcc.txt, Actielijn 4'
        in out
    )
    assert "fine.category.3 = 10300.00 EUR  [UNCONFIRMED] art. 23 lid 4 Sr" in out
    assert "Geen waarde" not in out


def test_rules_show_lists_what_is_not_in_force() -> None:
    code, out = run(["rules", "show", "--profile", "groningen-2024", "--date", "2027-01-01"])
    assert code == 0
    assert "(het profiel geldt niet op deze datum)" in out
    assert "Geen waarde op deze datum: asset_limit.alleenstaande" in out


def test_rules_show_json() -> None:
    code, out = run(["rules", "show", "--date", "2026-03-01", "--json"])
    assert code == 0
    data = json.loads(out)
    assert data["profile"] == "landelijk"
    assert data["parameters"]["warning.max_benadelingsbedrag"]["value"] == "150.00"


def test_rules_show_unknown_profile_exits_2() -> None:
    code, out = run(["rules", "show", "--profile", "x", "--date", "2026-03-01"])
    assert code == 2
    assert json.loads(out)["error"] == {
        "code": "unknown_profile",
        "message": "unknown profile 'x'; known profiles: baanbrekers-2026, groningen-2024, landelijk, mer-2025, "
        "steenwijkerland-2026",
        "field": "profile",
    }


def test_rules_explain_renders_a_decision() -> None:
    _, response = run(["decide"], json.dumps(merge(BASE_REQUEST, {"benadelingsbedrag": "5000"})))
    code, out = run(["rules", "explain"], response)
    assert code == 0
    assert out.startswith("Besluit volgens profiel landelijk, peildatum 2026-03-01 (regels 1.0.0+")
    assert "  Sanctie: boete € 840,90 (50%), begrensd door draagkracht (reden: boete_percentage)" in out
    assert (
        "  10. plafond (art. 2 lid 7 Boetebesluit; CRvB 11-01-2016, ECLI:NL:CRVB:2016:10; CRvB 4-8-2020 (Gilze en Rijen): beslagvrije voet 95 %; art. 475da Rv)"
        in out
    )
    assert "  Vervolgstappen: voorlichting_herhalen, verwijzing_schuldhulp" in out


def test_rules_explain_shows_suspension_refrained_recovery_and_recidive() -> None:
    request = merge(
        BASE_REQUEST,
        {
            "cooperation": "refused",
            "judgements": {"urgent_reasons_recovery": "partial", "recovery_amount": "100"},
            "income": {"on_benefit": False},
            "history": [{"type": "boete", "kind": "income", "date": "2024-01-01"}],
        },
    )
    _, response = run(["decide"], json.dumps(request))
    code, out = run(["rules", "explain"], response)
    assert code == 0
    assert "  Terugvordering: € 100,00, afgezien van € 900,00" in out
    assert "  Sanctie: boete € 750,00 (50%), herhaling (reden: boete_percentage)" in out
    assert "  Opschorting: ten hoogste 8 weken, hersteltermijn 14 dagen" in out


def test_rules_explain_of_an_exempt_fact_and_a_warning() -> None:
    exempt = merge(
        BASE_REQUEST, {"profile": "groningen-2024", "violation": {"source_known": "polisadministratie"}}
    )
    _, response = run(["decide"], json.dumps(exempt))
    code, out = run(["rules", "explain"], response)
    assert code == 0
    assert "Schending van de inlichtingenplicht: nee" in out and "Vervolgstappen" not in out
    _, response = run(["decide"], json.dumps(merge(BASE_REQUEST, {"benadelingsbedrag": "100"})))
    code, out = run(["rules", "explain"], response)
    assert code == 0
    assert "  Sanctie: schriftelijke waarschuwing (reden: waarschuwing_klein_bedrag)" in out


def test_rules_explain_of_a_minimal_response() -> None:
    minimal = {"trace": [{"rule": "r", "citation": "c", "text_nl": "T."}], "sanction": {"type": "boete"}}
    code, out = run(["rules", "explain"], json.dumps(minimal))
    assert code == 0
    assert "Besluit volgens profiel ?, peildatum ? (regels ?)" in out
    assert "  Sanctie: boete - (reden: None)" in out


@pytest.mark.parametrize(
    ("response", "field"),
    [
        ([1], None),
        ({"trace": []}, "trace"),
        ({"trace": ["x"]}, "trace[0]"),
        ({"trace": [{"rule": "r", "citation": "c"}]}, "trace[0].text_nl"),
        (
            {"trace": [{"rule": "r", "citation": "c", "text_nl": "t"}], "benadelingsbedrag": "veel"},
            "benadelingsbedrag",
        ),
        ({"trace": [{"rule": "r", "citation": "c", "text_nl": "t"}], "recovery": 5}, "recovery"),
    ],
)
def test_rules_explain_refuses_what_is_not_a_response(response: Any, field: str | None) -> None:
    code, out = run(["rules", "explain"], json.dumps(response))
    assert code == 2
    error = json.loads(out)["error"]
    assert (error["code"], error["field"]) == ("invalid_response", field)


def test_rules_explain_malformed_json() -> None:
    code, out = run(["rules", "explain"], "not json")
    assert code == 2
    assert json.loads(out)["error"]["code"] == "invalid_json"


def test_rules_check_exits_1_and_names_what_is_missing_or_ending() -> None:
    code, out = run(["rules", "check", "--date", "2026-11-23"])
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0]
        == "Parameters van profiel landelijk zonder waarde vanaf 2026-11-23 of binnen 90 dagen daarna:"
    )
    assert "- norm.alleenstaande.21_to_aow (norms.yaml): geen waarde meer vanaf 2027-01-01" in lines
    assert "- asset_limit.gehuwden (asset_limits.yaml): geen waarde meer vanaf 2027-01-01" in lines
    assert len(lines) == 1 + 9 + 4


def test_rules_check_before_the_first_value() -> None:
    code, out = run(["rules", "check", "--date", "2024-12-31", "--horizon", "0"])
    assert code == 1
    assert "- norm.gehuwden.aow (norms.yaml): geen waarde op 2024-12-31" in out.splitlines()


def test_rules_check_without_gaps_exits_0() -> None:
    code, out = run(
        ["rules", "check", "--profile", "groningen-2024", "--date", "2026-01-01", "--horizon", "30"]
    )
    assert (code, out) == (
        0,
        "Alle parameters van profiel groningen-2024 hebben een waarde van 2026-01-01 tot 30 dagen later.\n",
    )


def test_rules_check_json() -> None:
    code, out = run(["rules", "check", "--date", "2027-01-02", "--horizon", "30", "--json"])
    data = json.loads(out)
    assert code == 1 and (data["profile"], data["date"], data["horizon_days"]) == (
        "landelijk",
        "2027-01-02",
        30,
    )
    assert {gap["file"] for gap in data["gaps"]} == {"norms.yaml", "asset_limits.yaml"}
    assert data["gaps"][0] == {
        "name": "asset_limit.alleenstaande",
        "file": "asset_limits.yaml",
        "status": "missing",
        "ends_on": "2026-12-31",
        "gap_from": "2027-01-01",
    }


WORKED_EXAMPLES = [
    # decision-contract.md, worked examples 1-7 (national profile), exactly as `naleving decide` answers them
    ({"benadelingsbedrag": "1000"}, {"type": "boete", "fine_amount": "500.00"}),
    ({"benadelingsbedrag": "120"}, {"type": "waarschuwing", "fine_amount": None}),
    (
        {
            "benadelingsbedrag": "120",
            "history": [{"type": "waarschuwing", "kind": "income", "date": "2025-01-10"}],
        },
        {"type": "boete", "fine_amount": "60.00"},
    ),
    (
        {
            "culpability": "opzet",
            "benadelingsbedrag": "2000",
            "income": {"on_benefit": False},
            "violation": {"kind": "income", "start": "2025-02-01", "end": "2025-06-30"},
            "history": [{"type": "boete", "kind": "income", "date": "2022-05-01", "irrevocable": True}],
        },
        {"type": "boete", "fine_amount": "3000.00", "recidive": True},
    ),
    ({"benadelingsbedrag": "5000"}, {"type": "boete", "fine_amount": "840.90", "capped_by": "draagkracht"}),
    ({"culpability": "opzet", "benadelingsbedrag": "60000"}, {"type": "aangifte", "fine_amount": None}),
    (
        {
            "benadelingsbedrag": "300",
            "violation": {"kind": "income", "start": "2022-01-01", "end": "2022-06-30"},
        },
        {"type": "geen", "reason": "verjaard"},
    ),
]


@pytest.mark.parametrize(("override", "sanction"), WORKED_EXAMPLES, ids=[f"example {i}" for i in range(1, 8)])
def test_decide_gives_the_worked_examples_of_the_contract(
    override: dict[str, Any], sanction: dict[str, Any]
) -> None:
    request = merge(
        {**BASE_REQUEST, "violation": {"kind": "income", "start": "2025-09-01", "end": "2025-12-31"}},
        override,
    )
    code, data = decide_json(request)
    assert code == 0
    assert {key: data["sanction"][key] for key in sanction} == sanction
    assert data["recovery"]["amount"] == f"{float(request['benadelingsbedrag']):.2f}"
