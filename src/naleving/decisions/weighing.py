"""The weighing (weging) a consulent records before a sanction, kept as data in ``weighing_factors.yaml``.

The law and the case law ask the college to weigh the nature and seriousness of the breach, the reasons for
the culpability level, its own role (data it had and did not use, Boetebesluit art. 2a lid 2 onder d), the
resident's circumstances and draagkracht, dringende redenen and the answer to the zienswijze (Awb 4:8,
5:46 lid 2, 5:53). The coming Wet handhaving sociale zekerheid (Kamerstuk 36 785) makes such a framework
statutory, so the factors are data a municipality can edit, not code. Which factors are required depends on
the sanction and the culpability (``required_factors``); ``weighing_check`` refuses a weighing that leaves a
required one empty. ``decisions.motivation.motivation_write`` turns the engine's outcome and the
answers into the motivation of the besluit.

Pure: no database. ``services.besluit_record`` checks and stores the weighing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError

from naleving.decisions.deviation import deviation_check
from naleving.decisions.models import SanctionType
from naleving.investigations.choices import Verwijtbaarheid

FACTORS_FILE = Path(__file__).with_name("weighing_factors.yaml")
FIELD_PREFIX = "weging_"
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
TEXT_FIELDS = ("code", "label", "question", "legal_source")
KNOWN_FIELDS = {*TEXT_FIELDS, "help", "required_when", "motivation_lead", "paths", "__line__"}
#: The decision paths a factor is asked on: the fine path on an investigation of the duty to inform (the
#: default) and the maatregel on a verzuim of a work or re-integration obligation (Pw 18(2)-(8)).
INLICHTINGENPLICHT, MAATREGEL = "inlichtingenplicht", "maatregel"
PATHS = (INLICHTINGENPLICHT, MAATREGEL)
CONDITION_KEYS = {"sanction_types": SanctionType.values, "verwijtbaarheid": Verwijtbaarheid.values}


class WeighingFactorsError(ValueError):
    """A factors file that cannot be used; the message names the file, the line, the entry and the field."""


@dataclass(frozen=True)
class Condition:
    """Required when the sanction and the culpability are among these (an empty tuple: any)."""

    sanction_types: tuple[str, ...] = ()
    verwijtbaarheid: tuple[str, ...] = ()

    def applies(self, sanction_type: str, verwijtbaarheid: str) -> bool:
        return (not self.sanction_types or sanction_type in self.sanction_types) and (
            not self.verwijtbaarheid or verwijtbaarheid in self.verwijtbaarheid
        )


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    question: str
    help: str
    legal_source: str
    required_when: tuple[Condition, ...]
    motivation_lead: str
    paths: tuple[str, ...] = (INLICHTINGENPLICHT,)

    @property
    def field(self) -> str:
        """The name of its form field, and the key of its error."""
        return FIELD_PREFIX + self.code

    def required(self, sanction_type: str, verwijtbaarheid: str) -> bool:
        return any(c.applies(sanction_type, verwijtbaarheid) for c in self.required_when)


# -- loading and validating the file -------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of each mapping (``__line__``)."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def factors_parse(text: str, *, name: str = FACTORS_FILE.name) -> tuple[Factor, ...]:
    """Parse and validate the text of a factors file; ``WeighingFactorsError`` says what is wrong, where."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise WeighingFactorsError(f"{where}: geen geldige YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("factors"), list) or not data["factors"]:
        raise WeighingFactorsError(f"{name}: veld 'factors' ontbreekt of is geen lijst met factoren")
    found: list[Factor] = []
    for number, entry in enumerate(data["factors"], start=1):
        factor = _factor(entry, name, number)
        if any(factor.code == other.code for other in found):
            raise WeighingFactorsError(
                f"{name}: factor {number} ({factor.code}): de code staat er twee keer in"
            )
        found.append(factor)
    return tuple(found)


def _factor(entry: object, name: str, number: int) -> Factor:
    if not isinstance(entry, dict):
        raise WeighingFactorsError(f"{name}: factor {number} is geen mapping met {', '.join(TEXT_FIELDS)}")
    code = entry.get("code")
    where = f"{name}:{entry.get('__line__', '?')}: factor {number}" + (
        f" ({code})" if isinstance(code, str) else ""
    )

    def fail(field: str, problem: str):
        raise WeighingFactorsError(f"{where}: veld '{field}': {problem}")

    for field in TEXT_FIELDS:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            fail(field, "ontbreekt of is geen tekst")
    if not CODE.match(entry["code"]):
        fail("code", f"alleen kleine letters, cijfers en _, beginnend met een letter: {entry['code']!r}")
    for field in sorted(set(entry) - KNOWN_FIELDS):
        fail(field, f"onbekend veld (bekend: {', '.join(sorted(KNOWN_FIELDS - {'__line__'}))})")
    for field in ("help", "motivation_lead"):
        if entry.get(field) is not None and not isinstance(entry[field], str):
            fail(field, "geen tekst")
    try:
        conditions = _conditions(entry.get("required_when"))
    except ValueError as exc:
        fail("required_when", str(exc))
    paths = _paths(entry.get("paths", [INLICHTINGENPLICHT]), where)
    return Factor(
        code=entry["code"],
        label=entry["label"].strip(),
        question=entry["question"].strip(),
        help=(entry.get("help") or "").strip(),
        legal_source=entry["legal_source"].strip(),
        required_when=conditions,
        motivation_lead=(entry.get("motivation_lead") or entry["label"] + ":").strip(),
        paths=paths,
    )


def _paths(value: object, where: str) -> tuple[str, ...]:
    """The paths a factor is asked on: a non-empty list of known paths."""
    if not isinstance(value, list) or not value or any(path not in PATHS for path in value):
        raise WeighingFactorsError(
            f"{where}: veld 'paths': een lijst met {' en/of '.join(PATHS)}, niet {value!r}"
        )
    return tuple(value)


def _conditions(value: object) -> tuple[Condition, ...]:
    """``always``, a list of conditions, or nothing (never required)."""
    if value is None:
        return ()
    if value == "always":
        return (Condition(),)
    if not isinstance(value, list):
        raise ValueError(f"'always' of een lijst met voorwaarden, niet {value!r}")
    conditions = []
    for item in value:
        if not isinstance(item, dict) or not set(item) - {"__line__"}:
            raise ValueError(f"een voorwaarde noemt sanction_types en/of verwijtbaarheid, niet {item!r}")
        unknown = set(item) - set(CONDITION_KEYS) - {"__line__"}
        if unknown:
            raise ValueError(
                f"onbekende sleutel {', '.join(sorted(unknown))} (bekend: sanction_types, verwijtbaarheid)"
            )
        conditions.append(
            Condition(**{key: _values(key, item[key]) for key in CONDITION_KEYS if key in item})
        )
    return tuple(conditions)


def _values(key: str, value: object) -> tuple[str, ...]:
    allowed = CONDITION_KEYS[key]
    if not isinstance(value, list) or not value:
        raise ValueError(f"{key} is een lijst, bijvoorbeeld [{allowed[0]}]")
    wrong = [v for v in value if v not in allowed]
    if wrong:
        raise ValueError(f"{key}: onbekend {', '.join(map(repr, wrong))} (bekend: {', '.join(allowed)})")
    return tuple(value)


def factors_load(path: Path = FACTORS_FILE) -> tuple[Factor, ...]:
    """Load and validate a factors file (the shipped one unless ``path`` is given)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WeighingFactorsError(f"{path}: kan het bestand niet lezen ({exc.strerror})") from exc
    return factors_parse(text, name=str(path))


@cache
def all_factors() -> tuple[Factor, ...]:
    """Every factor of the shipped ``weighing_factors.yaml``, in the order of the file (read once)."""
    return factors_load()


def factors(path: str = INLICHTINGENPLICHT) -> tuple[Factor, ...]:
    """The factors asked on ``path`` (the fine path unless told otherwise), in the order of the file."""
    return tuple(factor for factor in all_factors() if path in factor.paths)


def path_of(sanction_type: str) -> str:
    """The decision path of a sanction: a maatregel has its own factors."""
    return MAATREGEL if sanction_type == SanctionType.MAATREGEL else INLICHTINGENPLICHT


# -- what must be answered -----------------------------------------------------------------------------------


def required_factors(sanction_type: str, verwijtbaarheid: str) -> list[Factor]:
    """The factors that must be answered for this sanction and culpability level."""
    return [
        factor
        for factor in factors(path_of(sanction_type))
        if factor.required(sanction_type, verwijtbaarheid)
    ]


def weighing_check(answers: dict | None, sanction_type: str, verwijtbaarheid: str) -> dict[str, str]:
    """The answers per factor code, trimmed (unknown codes dropped, unanswered ones empty).

    Raises ``ValidationError`` with a Dutch message per required factor left empty, keyed by its form field
    (``weging_<code>``)."""
    answers = answers or {}
    asked = factors(path_of(sanction_type))
    cleaned = {factor.code: str(answers.get(factor.code) or "").strip() for factor in asked}
    errors = {
        factor.field: f"Beantwoord deze vraag: de weging van '{factor.label.lower()}' is nodig bij "
        f"{_sanction_words(sanction_type)}."
        for factor in required_factors(sanction_type, verwijtbaarheid)
        if not cleaned[factor.code]
    }
    if errors:
        raise ValidationError(errors)
    return cleaned


def answers_check(
    *,
    deviation: tuple[str, dict | None] | None,
    weging: dict | None,
    sanction_type: str,
    verwijtbaarheid: str,
) -> tuple[dict[str, str], dict[str, str]]:
    """The answers to the omgekeerde toets (``deviation``: the motivation and the answers, on a deviation)
    and to the weighing (when given), checked together so the form shows every missing answer at once."""
    errors: dict[str, list[str]] = {}
    toets: dict[str, str] = {}
    weighed: dict[str, str] = {}
    if deviation is not None:
        try:
            toets = deviation_check(*deviation)
        except ValidationError as exc:
            errors |= exc.message_dict
    if weging is not None:
        try:
            weighed = weighing_check(weging, sanction_type, verwijtbaarheid)
        except ValidationError as exc:
            errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    return toets, weighed


def _sanction_words(sanction_type: str) -> str:
    words = {
        SanctionType.BOETE: "een boete",
        SanctionType.WAARSCHUWING: "een waarschuwing",
        SanctionType.AANGIFTE: "een aangifte",
        SanctionType.MAATREGEL: "een maatregel",
    }
    return words.get(sanction_type, "elk besluit")


def answer_rows(answers: dict | None) -> list[tuple[Factor, str]]:
    """The answered factors in the order of the file, for the besluit page; answers to factors no longer in
    the file are shown under their code, so nothing recorded is hidden."""
    answers = dict(answers or {})
    rows = [(factor, str(answers.pop(factor.code, "") or "")) for factor in all_factors()]
    rows = [(factor, text) for factor, text in rows if text]
    for code, text in answers.items():
        if text:
            rows.append((Factor(code, code, "", "", "", (), code + ":"), str(text)))
    return rows
