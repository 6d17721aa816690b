"""The four-eyes policy: dated policy parameters per profile, and the reasons for a second signature."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from naleving.rules import (
    FourEyes,
    FourEyesReason,
    ParameterFileError,
    ParameterNotInForce,
    RuleInputError,
    UnknownProfile,
    available_profiles,
    four_eyes_policy,
    parameters_in_force,
)
from naleving.rules.parameters import load_parameters
from naleving.rules.profiles import load_profile_file
from naleving.rules.registry import PARAMETER_DIR, PROFILE_DIR, Registry

ON = date(2026, 3, 1)
HEADER = """\
profile: {name}
organisation: Gemeente Voorbeeld
document: Mandaatbesluit
seed: 000_example.txt
section: "§1"
valid_from: 2025-01-01
"""


def policy(**changes: object) -> FourEyes:
    base = four_eyes_policy("landelijk", ON)
    values = {
        "profile": base.profile,
        "on": base.on,
        "fine_above": base.fine_above,
        "recovery_above": base.recovery_above,
        "on_deviation": base.on_deviation,
        "on_aangifte": base.on_aangifte,
        "on_suspension": base.on_suspension,
        "sources": base.sources,
    }
    values.update(changes)
    return FourEyes(**values)  # type: ignore[arg-type]


def codes(reasons: tuple[FourEyesReason, ...]) -> list[str]:
    return [reason.code for reason in reasons]


def test_national_defaults_are_municipal_default_choices() -> None:
    found = four_eyes_policy("landelijk", ON)
    assert (found.fine_above, found.recovery_above) == (Decimal("1000.00"), Decimal("10000.00"))
    assert found.on_deviation and found.on_aangifte and found.on_suspension
    assert [name for name, _ in found.sources] == [
        "four_eyes.fine_above",
        "four_eyes.recovery_above",
        "four_eyes.on_deviation",
        "four_eyes.on_aangifte",
        "four_eyes.on_suspension",
    ]
    assert all("standaardkeuze" in source and "10:6" in source for _, source in found.sources)
    shown = parameters_in_force("landelijk", ON)["parameters"]
    assert isinstance(shown, dict)
    entry = shown["four_eyes.fine_above"]
    assert isinstance(entry, dict)
    assert (entry["value"], entry["confidence"], entry["set_by"]) == ("1000.00", "UNCONFIRMED", "policy")


def test_no_seed_sets_a_four_eyes_rule_so_every_profile_has_the_national_defaults() -> None:
    national = four_eyes_policy("landelijk", ON)
    for name in available_profiles():
        found = four_eyes_policy(name, ON)
        assert found.profile == name
        assert (found.fine_above, found.recovery_above, found.on_deviation) == (
            national.fine_above,
            national.recovery_above,
            national.on_deviation,
        )


def test_one_signature_suffices_for_a_decision_within_the_policy() -> None:
    found = four_eyes_policy("landelijk", ON)
    kwargs = {"sanction_type": "boete", "fine_amount": Decimal("500.00"), "recovery_amount": Decimal("1000")}
    assert found.reasons(**kwargs) == ()  # type: ignore[arg-type]
    assert not found.requires(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fine", "recovery", "expected"),
    [
        ("1000.00", "10000.00", []),  # exactly the threshold: not above it
        ("1000.01", "10000.00", ["boete_boven_drempel"]),
        ("0", "10000.01", ["terugvordering_boven_drempel"]),
        ("1500", "20000", ["boete_boven_drempel", "terugvordering_boven_drempel"]),
    ],
)
def test_amount_thresholds_are_strictly_above(fine: str, recovery: str, expected: list[str]) -> None:
    found = four_eyes_policy("landelijk", ON).reasons(
        sanction_type="boete", fine_amount=Decimal(fine), recovery_amount=Decimal(recovery)
    )
    assert codes(found) == expected
    if expected:
        assert "€ 1.000,00" in found[0].text_nl or "€ 10.000,00" in found[0].text_nl


def test_deviation_aangifte_and_suspension_each_need_a_second_signature() -> None:
    found = four_eyes_policy("landelijk", ON).reasons(
        sanction_type="aangifte",
        fine_amount=Decimal(0),
        recovery_amount=Decimal("60000"),
        deviates=True,
        suspension=True,
    )
    assert codes(found) == ["afwijking", "terugvordering_boven_drempel", "aangifte", "opschorting"]
    assert all(reason.text_nl.endswith(".") for reason in found)


def test_switched_off_rules_give_no_reason() -> None:
    lenient = policy(on_deviation=False, on_aangifte=False, on_suspension=False)
    found = lenient.reasons(
        sanction_type="aangifte",
        fine_amount=Decimal(0),
        recovery_amount=Decimal(0),
        deviates=True,
        suspension=True,
    )
    assert found == ()
    strict = policy(fine_above=Decimal("0.00"))
    assert strict.requires(sanction_type="boete", fine_amount=Decimal("0.01"), recovery_amount=Decimal(0))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sanction_type": "gevangenis"}, "sanction_type"),
        ({"fine_amount": Decimal("-1")}, "fine_amount"),
        ({"recovery_amount": Decimal("1.001")}, "recovery_amount"),
    ],
)
def test_invalid_decisions_are_refused(kwargs: dict[str, object], field: str) -> None:
    arguments: dict[str, object] = {
        "sanction_type": "boete",
        "fine_amount": Decimal(0),
        "recovery_amount": Decimal(0),
        **kwargs,
    }
    with pytest.raises(RuleInputError) as info:
        four_eyes_policy("landelijk", ON).reasons(**arguments)  # type: ignore[arg-type]
    assert info.value.field == field


def test_unknown_profile_and_dates_without_a_value_are_errors() -> None:
    with pytest.raises(UnknownProfile):
        four_eyes_policy("atlantis-2026", ON)
    with pytest.raises(ParameterNotInForce):
        four_eyes_policy("landelijk", date(2014, 12, 31))


def test_a_profile_overrides_the_policy_citing_its_section(tmp_path: Path) -> None:
    for shipped in PROFILE_DIR.glob("*.yaml"):
        (tmp_path / shipped.name).write_bytes(shipped.read_bytes())
    body = textwrap.dedent(
        """\
        overrides:
          four_eyes.fine_above: {value: 250, section: "§3 Mandaat: boetes boven 250 euro", confidence: H}
          four_eyes.on_deviation: {value: false, section: "§3 Mandaat", confidence: M}
        """
    )
    (tmp_path / "voorbeeld.yaml").write_text(HEADER.format(name="voorbeeld") + body, encoding="utf-8")
    registry = Registry.load(PARAMETER_DIR, tmp_path)
    found = four_eyes_policy("voorbeeld", ON, registry)
    assert found.fine_above == Decimal("250.00") and not found.on_deviation
    assert dict(found.sources)["four_eyes.fine_above"] == "000_example.txt, §3 Mandaat: boetes boven 250 euro"
    assert found.requires(sanction_type="boete", fine_amount=Decimal("300"), recovery_amount=Decimal(0))
    assert not found.requires(
        sanction_type="geen", fine_amount=Decimal(0), recovery_amount=Decimal(0), deviates=True
    )


@pytest.mark.parametrize(
    ("override", "key", "message"),
    [
        ("four_eyes.nope: {value: 1, section: x}", "overrides.four_eyes.nope", "unknown parameter"),
        ("four_eyes.on_deviation: {value: ja, section: x}", "overrides.four_eyes.on_deviation.value",
         "expected true or false"),
        ("four_eyes.fine_above: {value: -5, section: x}", "overrides.four_eyes.fine_above.value", ">= 0"),
        ("four_eyes.fine_above: {value: 10.001, section: x}", "overrides.four_eyes.fine_above.value",
         "two decimals"),
        ("four_eyes.recovery_above: {value: veel, section: x}", "overrides.four_eyes.recovery_above.value",
         "expected a number"),
        ("four_eyes.on_aangifte: {value: true}", "overrides.four_eyes.on_aangifte.section",
         "cites its seed section"),
    ],
)  # fmt: skip
def test_invalid_four_eyes_overrides_name_file_and_key(
    tmp_path: Path, override: str, key: str, message: str
) -> None:
    path = tmp_path / "voorbeeld.yaml"
    path.write_text(HEADER.format(name="voorbeeld") + f"overrides:\n  {override}\n", encoding="utf-8")
    with pytest.raises(
        ParameterFileError, match="^" + re.escape(f"voorbeeld.yaml: {key}: ") + f".*{message}"
    ):
        load_profile_file(path, load_parameters(PARAMETER_DIR))


def test_an_invalid_national_default_names_the_parameter_file(tmp_path: Path) -> None:
    for shipped in PARAMETER_DIR.glob("*.yaml"):
        (tmp_path / shipped.name).write_bytes(shipped.read_bytes())
    target = tmp_path / "four_eyes.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("value: 1000.00", "value: duizend"))
    with pytest.raises(
        ParameterFileError, match=r"^four_eyes\.yaml: four_eyes\.fine_above\.values\[0\]\.value: "
    ):
        load_parameters(tmp_path)
