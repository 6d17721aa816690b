"""Loading and validating the dated parameter files: every error names the file and the key."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from naleving.rules import ParameterFileError, ParameterNotInForce, RulesError
from naleving.rules.parameters import LegalBasis, load_parameter_file, load_parameters
from naleving.rules.registry import PARAMETER_DIR, Params, Registry, files_hash

BASIS = '{law: Pw, article: "18a", paragraph: "4", url: "https://example.org"}'


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def one(unit: str, value: str, extra: str = "") -> str:
    return f"""
    scope: law
    parameters:
      - name: p.x
        unit: {unit}
        values:
          - {{valid_from: 2025-01-01, value: {value}, confidence: H, legal_basis: {BASIS}{extra}}}
    """


def test_shipped_parameters_load_and_every_value_has_a_basis_and_confidence() -> None:
    parameters = load_parameters(PARAMETER_DIR)
    assert len(parameters) > 40
    for parameter in parameters.values():
        for dated in parameter.values:
            assert dated.legal_basis is not None and dated.legal_basis.url.startswith("https://")
            assert dated.confidence in ("H", "M", "L", "UNCONFIRMED")


def test_fine_categories_cover_2024_to_2027_and_are_marked_unconfirmed() -> None:
    parameters = load_parameters(PARAMETER_DIR)
    for category in ("2", "3", "5"):
        for year in (2024, 2025, 2026, 2027):
            dated = parameters[f"fine.category.{category}"].at(date(year, 6, 1))
            assert dated.confidence == "UNCONFIRMED"
        with pytest.raises(ParameterNotInForce):
            parameters[f"fine.category.{category}"].at(date(2028, 1, 1))
    assert parameters["fine.category.3"].at(date(2018, 6, 1)).value == Decimal("8300.00")


def test_a_date_without_a_value_is_an_error_naming_the_parameter() -> None:
    parameters = load_parameters(PARAMETER_DIR)
    with pytest.raises(ParameterNotInForce, match=r"norm\.alleenstaande\.21_to_aow.*2024-12-31.*norms\.yaml"):
        parameters["norm.alleenstaande.21_to_aow"].at(date(2024, 12, 31))


def test_values_of_every_unit_are_typed(tmp_path: Path) -> None:
    cases = {
        ("EUR", "12.5"): Decimal("12.50"),
        ("percent", "12.5"): Decimal("12.5"),
        ("days", "60"): 60,
        ("list", "[a, b]"): ("a", "b"),
        ("bool", "true"): True,
        ("ratio", "50/75"): (50, 75),
        ("code", "whenever"): "whenever",
    }
    for (unit, raw), expected in cases.items():
        path = write(tmp_path, "p.yaml", one(unit, raw))
        assert load_parameter_file(path)[0].values[0].value == expected


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        ("EUR", '"12"', "expected a number"),
        ("EUR", "true", "expected a number"),
        ("EUR", "-1", "expected a number >= 0"),
        ("EUR", "1.234", "at most two decimals"),
        ("days", "1.5", "whole number"),
        ("days", "true", "whole number"),
        ("days", "-1", "whole number"),
        ("list", "a", "list of words"),
        ("list", "[1]", "list of words"),
        ("bool", "1", "true or false"),
        ("ratio", "1/0", "ratio"),
        ("ratio", "half", "ratio"),
        ("code", '""', "code word"),
    ],
)
def test_invalid_values_name_file_and_key(tmp_path: Path, unit: str, value: str, message: str) -> None:
    path = write(tmp_path, "bad.yaml", one(unit, value))
    with pytest.raises(ParameterFileError, match=rf"bad.yaml: p\.x\.values\[0\]\.value: .*{message}"):
        load_parameter_file(path)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("scope: other\nparameters: []\n", "scope"),
        ("scope: law\nextra: 1\nparameters: []\n", "extra"),
        ("scope: law\nparameters: []\n", "parameters"),
        ("- a\n", "-"),
        ("scope: law\nparameters: [5]\n", "parameters[0]"),
        ("scope: law\nparameters: [{unit: EUR}]\n", "parameters[0].name"),
        ("scope: law\nparameters: [{name: p.x, unit: EUR, values: [], other: 1}]\n", "p.x.other"),
        ("scope: law\nparameters: [{name: p.x, unit: litre, values: []}]\n", "p.x.unit"),
        ("scope: law\nparameters: [{name: p.x, unit: EUR, values: []}]\n", "p.x.values"),
        ("scope: law\nparameters: [{name: p.x, unit: EUR, values: [5]}]\n", "p.x.values[0]"),
        ("scope: law\nparameters: [{name: p.x, unit: EUR, values: [{value: 1, x: 2}]}]\n", "p.x.values[0].x"),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: [{value: 1}]}]\n",
            "p.x.values[0].valid_from",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: [{valid_from: 2025-01-01, valid_to: nope}]}]\n",
            "p.x.values[0].valid_to",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: "
            "[{valid_from: 2025-01-01, valid_to: 2024-01-01}]}]\n",
            "p.x.values[0].valid_to",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: [{valid_from: 2025-01-01}]}]\n",
            "p.x.values[0].value",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: [{valid_from: 2025-01-01, value: 1}]}]\n",
            "p.x.values[0].confidence",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: "
            "[{valid_from: 2025-01-01, value: 1, confidence: H}]}]\n",
            "p.x.values[0].legal_basis",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: [{valid_from: 2025-01-01, value: 1, "
            "confidence: H, legal_basis: {law: Pw, article: '1'}}]}]\n",
            "p.x.values[0].legal_basis.url",
        ),
        (
            "scope: law\nparameters: [{name: p.x, unit: EUR, values: [{valid_from: 2025-01-01, value: 1, "
            "confidence: H, legal_basis: {law: Pw, article: '1', url: u, lid: 2}}]}]\n",
            "p.x.values[0].legal_basis.lid",
        ),
    ],
)
def test_structural_errors_name_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(ParameterFileError, match="^" + re.escape(f"bad.yaml: {key}: ")):
        load_parameter_file(path)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", "scope: [law\n")
    with pytest.raises(ParameterFileError, match=re.escape("broken.yaml: -: invalid YAML")):
        load_parameter_file(path)


@pytest.mark.parametrize(
    "second",
    ["{valid_from: 2025-06-01, value: 2", "{valid_from: 2024-01-01, valid_to: 2025-01-01, value: 2"],
)
def test_overlapping_periods_are_refused(tmp_path: Path, second: str) -> None:
    text = f"""
    scope: law
    parameters:
      - name: p.x
        unit: EUR
        values:
          - {{valid_from: 2025-01-01, value: 1, confidence: H, legal_basis: {BASIS}}}
          - {second}, confidence: H, legal_basis: {BASIS}}}
    """
    with pytest.raises(ParameterFileError, match=re.escape("bad.yaml: p.x.values: periods overlap")):
        load_parameter_file(write(tmp_path, "bad.yaml", text))


def test_consecutive_periods_are_fine(tmp_path: Path) -> None:
    text = f"""
    scope: law
    parameters:
      - name: p.x
        unit: EUR
        values:
          - {{valid_from: 2025-07-01, value: 2, confidence: H, legal_basis: {BASIS}}}
          - {{valid_from: 2025-01-01, valid_to: 2025-06-30, value: 1, confidence: H, legal_basis: {BASIS}}}
    """
    parameter = load_parameter_file(write(tmp_path, "ok.yaml", text))[0]
    assert parameter.at(date(2025, 6, 30)).value == Decimal("1.00")
    assert parameter.at(date(2025, 7, 1)).value == Decimal("2.00")
    assert parameter.at(date(2099, 1, 1)).value == Decimal("2.00")


def test_a_name_defined_twice_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", one("EUR", "1"))
    write(tmp_path, "b.yaml", one("EUR", "2"))
    with pytest.raises(ParameterFileError, match=re.escape("b.yaml: p.x: already defined in a.yaml")):
        load_parameters(tmp_path)


def test_citations() -> None:
    assert LegalBasis("Pw", "18a", "u", "4").citation() == "art. 18a lid 4 Pw"
    assert LegalBasis("Pw", "21", "u", "a").citation() == "art. 21 onder a Pw"
    assert LegalBasis("Awb", "5:41", "u").citation() == "art. 5:41 Awb"
    assert LegalBasis("CRvB", "x", "u", citation_text="CRvB 2014").citation() == "CRvB 2014"


def test_typed_lookups_refuse_the_wrong_type() -> None:
    registry = Registry.load()
    params = Params(registry.parameters, date(2026, 3, 1))
    assert params.money("warning.max_benadelingsbedrag") == Decimal("150.00")
    assert params.integer("warning.self_report_days") == 60
    assert params.words("warning.blocked_by") == ("waarschuwing",)
    assert params.flag("warning.give_when_allowed") is True
    assert params.ratio("fine.cap_ratio.normaal") == (50, 75)
    for getter, name in [
        (params.money, "warning.self_report_days"),
        (params.integer, "warning.max_benadelingsbedrag"),
        (params.integer, "warning.give_when_allowed"),
        (params.words, "warning.self_report_days"),
        (params.words, "fine.cap_ratio.normaal"),
        (params.flag, "warning.blocked_by"),
        (params.ratio, "warning.blocked_by"),
        (params.ratio, "warning.self_report_days"),
    ]:
        with pytest.raises(RulesError, match=name):
            getter(name)
    with pytest.raises(RulesError, match="unknown parameter 'nope'"):
        params.dated("nope")


def test_the_version_changes_with_any_file(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", one("EUR", "1"))
    before = files_hash(tmp_path)
    write(tmp_path, "a.yaml", one("EUR", "2"))
    assert files_hash(tmp_path) != before
    assert len(before) == 12


def test_parameter_views_are_reused_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import naleving.rules.registry as registry_module

    registry = Registry.load()
    profile = registry.profile("landelijk")
    first = registry.params(profile, date(2026, 1, 1))
    assert registry.params(profile, date(2026, 1, 1)) is first
    assert first.money("warning.max_benadelingsbedrag") == first.money("warning.max_benadelingsbedrag")
    monkeypatch.setattr(registry_module, "MAX_VIEWS", 1)
    second = registry.params(profile, date(2026, 1, 2))
    assert registry.views == {("landelijk", date(2026, 1, 2)): second}


def test_the_draagkracht_room_follows_the_beslagvrije_voet() -> None:
    """10 % of the norm under the former 90 % voet; 5 % from the CRvB judgment of 4-8-2020 (95 % voet)."""
    parameter = Registry.load().parameters["draagkracht.norm_percentage"]
    assert parameter.at(date(2020, 8, 3)).value == Decimal("10")
    assert parameter.at(date(2020, 8, 4)).value == Decimal("5")
    assert parameter.at(date(2026, 12, 2)).value == Decimal("5")
    assert "4-8-2020" in parameter.at(date(2026, 12, 2)).citation()


def test_the_limitation_terms_of_awb_5_45() -> None:
    params = Params(Registry.load().parameters, date(2026, 12, 2))
    assert (params.integer("limitation.years_small"), params.integer("limitation.years")) == (3, 5)
    assert params.money("limitation.small_fine_max") == Decimal("340.00")


def test_a_file_is_parsed_once_for_its_content_and_again_when_it_changes(tmp_path: Path) -> None:
    """Loading the shipped files again (each parameter set proposed or approved) reuses their parse; a file
    rewritten with other content of the same size is parsed again, whatever its modification time says."""
    from naleving.rules import parameters

    path = write(tmp_path, "p.yaml", one("EUR", "1.05"))
    first = load_parameter_file(path)
    hits = parameters._parsed_parameter_file.cache_info().hits
    assert load_parameter_file(path) == first and load_parameter_file(path) is not first
    assert parameters._parsed_parameter_file.cache_info().hits == hits + 2
    write(tmp_path, "p.yaml", one("EUR", "2.05"))
    assert load_parameter_file(path)[0].values[0].value == Decimal("2.05")
