"""The run document as the command line writes it: indented, one hit per line, the same data."""

import json

from naleving.analytics.cli import to_json


def test_the_document_reads_back_the_same_with_each_hit_on_one_line():
    document = {
        "control": "vermogen",
        "population": 2,
        "hits": [
            {"client_id": "K1", "reasons": [{"code": "c", "text": "é"}], "evidence": {"rows": [1, 2]}},
            {"client_id": "K2", "reasons": [], "evidence": {}},
        ],
        "bias": {"sex": {"groups": {"M": {"n": 2, "s": 1, "rate": 0.5}}, "chi2": None}},
        "control_group": None,
        "data_used": [],
        "parameters": {},
    }
    text = to_json(document)
    assert json.loads(text) == document
    lines = text.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert (
        '    {"client_id": "K1", "reasons": [{"code": "c", "text": "é"}], "evidence": {"rows": [1, 2]}},'
        in lines
    )
    assert '  "data_used": [],' in lines
    assert '        "M": {' in lines
