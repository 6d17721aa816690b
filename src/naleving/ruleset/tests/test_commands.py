"""`naleving parameters propose|approve|reject|list` and `naleving decide --replay` as an operator runs them."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from naleving.ruleset.tests.amounts import SOURCE, norms_yaml

pytestmark = pytest.mark.django_db


def run(*args, stdin: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    extra = {} if stdin is None else {"stdin": io.StringIO(stdin)}
    try:
        call_command(*args, stdout=out, **extra)
    except CommandError as exc:
        return exc.returncode, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def norms_file(tmp_path):
    path = tmp_path / "normen-2027-01.yaml"
    path.write_text(norms_yaml(), encoding="utf-8")
    return path


def test_propose_prints_the_id_and_approve_by_another_person_puts_it_in_force(world, norms_file):
    code, out = run("parameters", "propose", str(norms_file), "--by", "beheerder", "--source", SOURCE)
    assert code == 0
    created = json.loads(out)
    assert created["status"] == "voorgesteld" and isinstance(created["id"], int)
    code, out = run("parameters", "approve", str(created["id"]), "--by", "beheerder")
    assert (code, json.loads(out)["error"]["code"]) == (2, "four_eyes")
    code, out = run("parameters", "approve", str(created["id"]), "--by", "teamleider")
    assert code == 0 and json.loads(out)["seq"] == 1
    code, out = run("parameters", "list", "--json")
    assert code == 0 and json.loads(out)[0]["status"] == "goedgekeurd"
    assert "in werking als set 1" in run("parameters", "list")[1]
    request = {
        "decision_date": "2027-01-05",
        "violation": {"kind": "income", "start": "2026-01-01", "end": "2026-05-31"},
        "benadelingsbedrag": "5000",
        "culpability": "normaal",
    }
    code, out = run("decide", stdin=json.dumps(request))
    response = json.loads(out)
    assert code == 0 and response["sanction"]["fine_amount"] == "864.00"
    assert response["rules_version"].endswith("+set1")


def test_an_invalid_file_exits_2_naming_the_parameter_and_field(world, tmp_path):
    bad = tmp_path / "fout.yaml"
    bad.write_text(norms_yaml().replace("value: 1440.00", "value: -3"), encoding="utf-8")
    code, out = run("parameters", "propose", str(bad), "--by", "beheerder", "--source", SOURCE)
    error = json.loads(out)["error"]
    assert code == 2
    assert (error["code"], error["field"]) == ("invalid_file", "norm.alleenstaande.21_to_aow.values[0].value")
    code, out = run(
        "parameters", "propose", str(tmp_path / "missing.yaml"), "--by", "beheerder", "--source", SOURCE
    )
    assert (code, json.loads(out)["error"]["field"]) == (2, "file")
    code, out = run("parameters", "propose", str(bad), "--by", "niemand", "--source", SOURCE)
    assert (code, json.loads(out)["error"]["code"]) == (2, "unknown_user")
    code, out = run("parameters", "approve", "77", "--by", "teamleider")
    assert (code, json.loads(out)["error"]["code"]) == (2, "not_found")
    code, out = run("parameters", "propose", str(bad), "--by", "consulent", "--source", SOURCE)
    assert (code, json.loads(out)["error"]["code"]) == (2, "permission_denied")


def test_reject_needs_a_note_and_list_says_when_there_is_nothing(world, norms_file):
    assert "alleen de meegeleverde" in run("parameters", "list")[1]
    created = json.loads(
        run("parameters", "propose", str(norms_file), "--by", "beheerder", "--source", SOURCE)[1]
    )
    code, out = run(
        "parameters", "reject", str(created["id"]), "--by", "teamleider", "--note", "Verkeerde bron."
    )
    assert code == 0 and json.loads(out)["status"] == "afgewezen"


def test_decide_replay_exits_0_when_identical_and_1_with_the_difference(world, breach, record):
    besluit = record(breach)
    code, out = run("decide", "--replay", str(besluit.pk))
    assert code == 0 and json.loads(out)["identical"] is True
    besluit.engine_response = {**besluit.engine_response, "benadelingsbedrag": "1.00"}
    besluit.save(update_fields=["engine_response"])
    code, out = run("decide", "--replay", str(besluit.pk))
    assert code == 1
    assert json.loads(out)["differences"] == [
        {"path": "benadelingsbedrag", "stored": "1.00", "replayed": "1250.00"}
    ]
    code, out = run("decide", "--replay", "nope")
    assert (code, json.loads(out)["error"]["code"]) == (2, "not_found")
