"""Every reason code a user can meet has a Dutch text, and no such text is English (issue #22).

Two kinds of codes: the rules engine's input errors (``rules.RuleInputError``, shown on the what-if and
maatregel pages, by the API and by ``naleving decide``/``rules``) and the theme controls' hit reasons
(``analytics`` ``Reason``, shown on the run pages, in the algoritmeregister pages and by ``naleving
controls run``). The codes are collected from the source, so a new code without a Dutch text fails here.
"""

import ast
import datetime
from pathlib import Path

import pytest

from naleving import analytics, rules
from naleving.analytics.bias import VERDICT_FLAG, VERDICT_INSUFFICIENT, VERDICT_OK
from naleving.analytics.tests.conftest import GOLDEN
from naleving.controls.presentation.bias import VERDICT_NL
from naleving.controls.presentation.reasons import REASON_CODES, REASON_GENERIC_NL, reasons_nl
from naleving.controls.processing import STEP_NL
from naleving.decisions.engine_errors import _BY_FIELD, CODE_NL, dutch_message
from naleving.testing.dutch import english_words

SRC = Path(__file__).resolve().parents[1] / "src" / "naleving"


def _codes_raised(calls: set[str], folder: Path) -> set[str]:
    """The first string argument of every call to one of ``calls`` in the non-test code under ``folder``.

    Collecting is done in every xdist worker, so only the files that name one of ``calls`` are parsed (parsing
    all of them, once per kind of code, took 1.7 s of each worker's collection)."""
    codes = set()
    for path in folder.glob("**/*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if not any(f"{call}(" in text for call in calls):
            continue
        for node in ast.walk(ast.parse(text)):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0]
            if name in calls and isinstance(first, ast.Constant) and isinstance(first.value, str):
                codes.add(first.value)
    return codes


RULE_CODES = sorted(_codes_raised({"RuleInputError"}, SRC))
HIT_CODES = sorted(_codes_raised({"Reason"}, SRC / "analytics"))


def test_the_codes_are_found():
    assert {"missing_field", "invalid_choice", "parameter_not_in_force"} <= set(RULE_CODES)
    assert len(HIT_CODES) == 7 and "vehicles_in_window" in HIT_CODES


@pytest.mark.parametrize("code", RULE_CODES)
def test_each_rules_engine_code_has_a_dutch_sentence(code):
    assert code in CODE_NL
    english = "expected a whole number, got 'x'" if code != "parameter_not_in_force" else ""
    shown = dutch_message(rules.RuleInputError(code, english, None))
    assert shown and english_words(shown) == [], shown


def test_no_rules_engine_sentence_is_english():
    texts = [*CODE_NL.values(), *_BY_FIELD.values()]
    assert [(text, english_words(text)) for text in texts if english_words(text)] == []


@pytest.mark.parametrize("code", HIT_CODES)
def test_each_hit_reason_code_has_a_dutch_sentence(code):
    assert code in REASON_CODES and code in REASON_GENERIC_NL
    assert english_words(REASON_GENERIC_NL[code]) == []
    assert english_words(reasons_nl([{"code": code, "text": "x"}])[0]) == []


@pytest.fixture(scope="module")
def golden_documents():
    return analytics.run_all(GOLDEN, datetime.date(2026, 3, 1))


def test_every_hit_of_the_golden_delivery_reads_dutch(golden_documents):
    """The engine's own reason text (what the command line shows) and the page's full sentence."""
    checked = 0
    for document in golden_documents.values():
        for hit in document["hits"]:
            for reason in hit["reasons"]:
                assert english_words(reason["text"]) == [], reason
            for sentence in reasons_nl(hit["reasons"], hit["evidence"], document["parameters"]):
                assert english_words(sentence) == [], sentence
                checked += 1
    assert checked >= len(HIT_CODES)


def test_the_bias_verdicts_and_run_steps_are_dutch():
    assert {VERDICT_OK, VERDICT_FLAG, VERDICT_INSUFFICIENT} <= set(VERDICT_NL)
    texts = [*VERDICT_NL.values(), *STEP_NL.values()]
    assert [text for text in texts if english_words(text)] == []
