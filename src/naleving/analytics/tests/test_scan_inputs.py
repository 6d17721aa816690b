"""The bias scan's features per hit, read from the evidence the five controls store (the golden delivery's
documents): the filter's own inputs, and never a protected attribute or an identifier."""

import json
from pathlib import Path

import pytest

from naleving.analytics import scan_inputs
from naleving.analytics.controls import CONTROLS

DOCUMENTS = json.loads((Path(__file__).parent / "data" / "expected_all.json").read_text())

EXPECTED = {
    ("voertuigen", "C01"): {"distinct_plates": 3.0, "registrations": 3, "vehicle_on_reference_date": True},
    ("vermogen", "C07"): {"household_balance": 16000.01, "accounts": 2},
    ("adresbezetting", "C10"): {"vacant": True, "floor_area_m2": 100.0, "persons_registered": 1.0},
    ("adresbezetting", "C12"): {"vacant": False, "floor_area_m2": 35.0, "persons_registered": 3.0},
    ("kostendelers", "C18"): {
        "kostendelers_applied": 2.0,
        "computed_a": 3.0,
        "persons_at_address": 3,
        "study_finance": False,
        "commercial_tenant": False,
    },
    ("brp_adres", "C21"): {"reason": "no_brp_registration", "earlier_registration": True},
    ("brp_adres", "C22"): {"reason": "brp_address_differs", "earlier_registration": False},
}


@pytest.mark.parametrize(("control", "client"), list(EXPECTED))
def test_inputs_from_the_stored_evidence(control, client):
    hit = next(h for h in DOCUMENTS[control]["hits"] if h["client_id"] == client)
    assert scan_inputs.inputs(control, hit["evidence"], hit["reasons"]) == EXPECTED[(control, client)]


def test_a_registration_ending_on_the_reference_date_is_not_on_the_name():
    hit = DOCUMENTS["voertuigen"]["hits"][0]
    evidence = dict(hit["evidence"])
    evidence["vehicles"] = [dict(v, registered_to="2026-03-01") for v in evidence["vehicles"]]
    assert scan_inputs.inputs("voertuigen", evidence, hit["reasons"])["vehicle_on_reference_date"] is False


@pytest.mark.parametrize("control", list(CONTROLS))
def test_every_control_has_features_and_none_is_protected(control):
    names = {f.name for f in scan_inputs.features(control)}
    assert names
    assert not names & {
        "age",
        "age_band",
        "sex",
        "household_type",
        "district",
        "birth_date",
        "bsn",
        "asset_limit",
    }
    for hit in DOCUMENTS[control]["hits"]:
        assert set(scan_inputs.inputs(control, hit["evidence"], hit["reasons"])) == names


def test_the_features_are_read_without_scikit_learn_or_scipy():
    """Reading a hit's features (and collecting this module) loads neither library: they are some 900
    modules, loaded where a scan runs (``hbac._split``, ``hbac.proportion_test``)."""
    import subprocess
    import sys

    code = (
        "import sys; from naleving.analytics import hbac, scan_inputs; scan_inputs.features('voertuigen'); "
        "print(sorted(m for m in ('sklearn', 'scipy', 'pandas') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
