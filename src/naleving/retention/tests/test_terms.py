"""The terms file: loaded with clear errors, and never shorter than the law still needs the records."""

import pytest

from naleving.retention.selectors import RECIDIVE_YEARS_AANGIFTE
from naleving.retention.terms import FLOORS, RECORD_TYPES, TERMS_FILE, TermsError, terms_load, terms_parse

GOOD = TERMS_FILE.read_text()


def test_the_shipped_file_loads_with_a_term_and_source_for_every_record_type():
    terms = terms_load()
    assert {t.record_type for t in terms.terms} == set(RECORD_TYPES)
    assert all(t.source and t.counted_from == RECORD_TYPES[t.record_type][1] for t in terms.terms)


def test_no_term_is_shorter_than_the_legal_minimum():
    terms = terms_load()
    for term in terms.terms:
        floor, _why = FLOORS.get(term.record_type, (0, ""))
        assert term.years >= floor, term.record_type
    # recidive (art. 18a lid 5 Pw): a besluit with a sanction stays at least 5 years
    assert all(t.years >= 5 for t in terms.terms if t.record_type == "besluit_met_sanctie")
    # the waiver of a fine is revoked on recidive within 5 years (art. 18a lid 14 Pw)
    assert all(t.years >= 5 for t in terms.terms if t.record_type == "vordering_afgedaan")
    assert RECIDIVE_YEARS_AANGIFTE == 10  # art. 18a lid 6 Pw


def test_a_term_below_the_floor_is_refused_with_file_line_and_field():
    text = GOOD.replace(
        "record_type: besluit_met_sanctie\n    years: 5", "record_type: besluit_met_sanctie\n    years: 3"
    )
    with pytest.raises(TermsError) as exc:
        terms_parse(text)
    line = text.splitlines().index("  - record_type: besluit_met_sanctie") + 1
    assert f"terms.yaml:{line}: veld 'years'" in str(exc.value)
    assert "18a lid 5" in str(exc.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("    years: 1\n    counted_from: triage", "    years: een\n    counted_from: triage"), "years"),
        (("counted_from: triage", "counted_from: ontvangst"), "counted_from"),
        (("record_type: signaal_geen_actie", "record_type: brief"), "record_type"),
        (
            (
                "    valid_from: 2020-01-01\n    source: \"Selectielijst gemeenten en intergemeentelijke organen 2020, procestype handhaving, resultaat 'melding",
                "    valid_from: ooit\n    source: \"Selectielijst gemeenten en intergemeentelijke organen 2020, procestype handhaving, resultaat 'melding",
            ),
            "valid_from",
        ),
    ],
)
def test_a_bad_field_names_file_line_and_field(change, field):
    old, new = change
    assert old in GOOD
    with pytest.raises(TermsError, match=rf"terms\.yaml:\d+: veld '{field}'"):
        terms_parse(GOOD.replace(old, new, 1))


def test_broken_yaml_and_a_missing_record_type_are_refused():
    with pytest.raises(TermsError, match=r"terms\.yaml:\d+: geen geldige YAML"):
        terms_parse("terms:\n  - record_type: [unclosed\n")
    with pytest.raises(TermsError, match="geen termijn voor"):
        terms_parse("terms: []\n")
    with pytest.raises(TermsError, match="veld 'source': ontbreekt"):
        terms_parse(GOOD.replace('source: "Selectielijst', 'sorce: "Selectielijst', 1))
