"""Shaping the law kept by the municipality for the pages under Beheer: the amounts in force with where each
comes from, a single proposed value as the YAML of `rules/parameters/*.yaml`, a refusal on the right form
field, and the effect preview without names or BSNs.

No reads of protected data here except `effect_rows`, which the view calls for the actor it shows them to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import yaml
from django.conf import settings
from django.urls import reverse

from naleving import rules
from naleving.common.formatting import euro, percent_number
from naleving.rules.parameters import INT_UNITS, MONEY_UNITS
from naleving.ruleset.checks import SetRefused
from naleving.ruleset.models import ParameterSet, SetKind, SetStatus

SHIPPED = "meegeleverd"

UNITS_NL = {
    "EUR": "euro",
    "EUR/month": "euro per maand",
    "days": "dagen",
    "weeks": "weken",
    "months": "maanden",
    "years": "jaren",
    "percent": "procent",
    "ratio": "verhouding",
    "list": "lijst",
    "bool": "ja/nee",
    "code": "code",
}

CONFIDENCES_NL = (
    ("H", "Hoog: gelezen in de geldende wettekst"),
    ("M", "Middel: afgeleid of uit jurisprudentie"),
    ("L", "Laag: aanname"),
    ("UNCONFIRMED", "Onbevestigd"),
)


# -- values in words ----------------------------------------------------------------------------------------


def value_nl(value, unit: str) -> str:
    """A parameter value (as `parameters_in_force` gives it: JSON) for a Dutch page."""
    if value is None:
        return "—"
    if unit == "EUR":
        return euro(Decimal(str(value)))
    if unit == "EUR/month":
        return f"{euro(Decimal(str(value)))} per maand"
    if unit == "percent":
        return percent_number(value)
    if unit in INT_UNITS:
        return f"{value} {UNITS_NL[unit]}"
    if unit == "bool":
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(value) if value else "(geen)"
    return str(value)


def period_nl(valid_from: str | date, valid_to: str | date | None) -> str:
    start = date.fromisoformat(str(valid_from))
    if valid_to is None:
        return f"vanaf {start:%d-%m-%Y}"
    return f"{start:%d-%m-%Y} t/m {date.fromisoformat(str(valid_to)):%d-%m-%Y}"


def origin_nl(origin: str | None) -> str:
    """ "beheer, set 3" for a value approved under Beheer, "meegeleverd" for one shipped with the package."""
    return origin if origin and origin.startswith("beheer") else SHIPPED


# -- the amounts in force -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InForce:
    value: str
    period: str
    citation: str
    url: str | None
    origin: str  # "meegeleverd" or "beheer, set N"
    replaces: str  # the shipped value an approved one overrides for its period, in words ("" when none)
    profile: bool  # the value is the policy profile's choice


def _replaced(parameter, on: date) -> str:
    """The shipped value that an approved value overrides on `on` (amendments come first in `values`)."""
    shipped = next((v for v in parameter.values if v.origin is None and v.covers(on)), None)
    if shipped is None:
        return ""
    return value_nl(rules.parameters.json_value(shipped.value), parameter.unit)


def in_force(on: date, registry: rules.Registry, profile: str | None = None) -> dict:
    """`rules.parameters_in_force` for the organisation's profile on `on`, as rows for a table."""
    profile = profile or settings.NALEVING_DEFAULT_PROFILE
    found = rules.parameters_in_force(profile, on, registry)
    chosen = registry.profile(profile)
    rows = {}
    for name, entry in found["parameters"].items():
        set_by = str(entry["set_by"])
        origin = origin_nl(set_by)
        rows[name] = InForce(
            value=value_nl(entry["value"], str(entry["unit"])),
            period=period_nl(entry["valid_from"], entry["valid_to"]),
            citation=str(entry["citation"]),
            url=entry["url"],
            origin=origin,
            replaces=_replaced(chosen.parameters[name], on) if origin != SHIPPED else "",
            profile=set_by == "profile",
        )
    return {
        "date": on,
        "profile": found["profile"],
        "profile_in_force": found["profile_in_force"],
        "rows": rows,
        "missing": found["not_in_force"],
    }


def in_force_table(
    registry: rules.Registry, today: date, chosen: date | None
) -> tuple[list[dict], dict, dict | None]:
    """One row per parameter with its value today and (when chosen and not today) on `chosen`, and the two
    `in_force` results (the second None when no other date was chosen)."""
    now = in_force(today, registry)
    then = in_force(chosen, registry) if chosen and chosen != today else None
    names = sorted(set(now["rows"]) | set(now["missing"]) | (set(then["rows"]) if then else set()))
    unit = {name: p.unit for name, p in registry.parameters.items()}
    return (
        [
            {
                "name": name,
                "unit": UNITS_NL.get(unit.get(name, ""), ""),
                "today": now["rows"].get(name),
                "chosen": then["rows"].get(name) if then else None,
            }
            for name in names
        ],
        now,
        then,
    )


def approved_profile_set(profile: str) -> ParameterSet | None:
    """The approved set that last replaced `profile` (None: the shipped profile file holds)."""
    return (
        ParameterSet.objects.filter(status=SetStatus.APPROVED, kind=SetKind.PROFILE, profile_name=profile)
        .order_by("-seq")
        .first()
    )


# -- a single value as YAML ---------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Decimals as plain YAML numbers, so the engine reads them back exactly (1419.46 stays 1419.46)."""


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


class ValueNotUnderstood(ValueError):
    """The value typed in does not fit the parameter's unit; the message is Dutch, for the value field."""


def parse_value(unit: str, raw: str):
    """The value typed in a form, for a parameter of `unit`: "1.419,46" and "1419.46" are the same amount."""
    text = raw.strip()
    if unit in (*MONEY_UNITS, "percent"):
        number = text.replace("€", "").replace("%", "").replace(" ", "")
        if "," in number:
            number = number.replace(".", "").replace(",", ".")
        try:
            value = Decimal(number)
        except ArithmeticError:
            raise ValueNotUnderstood(
                "Vul een getal in, bijvoorbeeld 1419,46 (zonder €-teken is ook goed)."
            ) from None
        if not value.is_finite():
            raise ValueNotUnderstood("Vul een getal in, bijvoorbeeld 1419,46.")
        return value
    if unit in INT_UNITS:
        if not re.fullmatch(r"\d+", text):
            raise ValueNotUnderstood(f"Vul een heel aantal {UNITS_NL[unit]} in, bijvoorbeeld 12.")
        return int(text)
    if unit == "bool":
        answer = text.lower()
        if answer not in ("ja", "nee", "true", "false"):
            raise ValueNotUnderstood("Vul ja of nee in.")
        return answer in ("ja", "true")
    if unit == "list":
        return [word.strip() for word in text.split(",") if word.strip()]
    return text


def value_yaml(*, parameter: rules.parameters.Parameter, data: dict) -> str:
    """One dated value in the schema of `rules/parameters/*.yaml`, from the fields of the propose form."""
    basis = {"law": data["law"], "article": data["article"]}
    if data.get("paragraph"):
        basis["paragraph"] = data["paragraph"]
    basis["url"] = data["legal_url"]
    value = {"valid_from": data["valid_from"]}
    if data.get("valid_to"):
        value["valid_to"] = data["valid_to"]
    value |= {"value": data["value"], "confidence": data["confidence"], "legal_basis": basis}
    document = {
        "scope": parameter.scope,
        "parameters": [{"name": parameter.name, "unit": parameter.unit, "values": [value]}],
    }
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


# -- a refusal on the right field ---------------------------------------------------------------------------

_TRIAL_FILE = re.compile(r"^set-\d+: ")
_VALUE_KEY = re.compile(r"\.values(?:\[\d+\])?(?:\.(?P<field>\w+))?(?:\.(?P<sub>\w+))?$")
_BASIS_FIELDS = {"law": "law", "article": "article", "paragraph": "paragraph", "url": "legal_url"}
_VALUE_FIELDS = {
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "value": "value",
    "confidence": "confidence",
}


def refusal_message(exc: SetRefused) -> str:
    """The refusal in Dutch. The engine's own file errors are English and name the parameter and key, so they
    follow a Dutch sentence rather than replace it."""
    if exc.code == "invalid_file":
        # The trial file name (`set-1000000000: `) means nothing to the administrator; the key does.
        return f"Het bestand klopt niet: {_TRIAL_FILE.sub('', exc.message)}"
    return exc.message


def value_form_field(exc: SetRefused) -> str | None:
    """The field of the single-value form a refusal belongs to (None: above the form)."""
    where = exc.field or ""
    if exc.code == "missing_source" or where == "source":
        return "source_url"
    if where == "note":
        return "note"
    match = _VALUE_KEY.search(where)
    if match:
        field = match.group("field")
        if field == "legal_basis":
            return _BASIS_FIELDS.get(match.group("sub") or "", "legal_url")
        return _VALUE_FIELDS.get(field or "", "valid_from")
    return "parameter" if where else None


def file_form_field(exc: SetRefused) -> str:
    """The field of the upload form a refusal belongs to: the source, the note, or else the file itself."""
    if exc.code == "missing_source" or exc.field == "source":
        return "source_url"
    if exc.field == "note":
        return "note"
    return "file"


# -- the effect preview -------------------------------------------------------------------------------------


def effect_rows(*, actor, changed: list[dict]) -> dict:
    """The changed open cases split into those the actor may see (investigation id, link, before → after)
    and the others (only their investigation ids): no name, no BSN. The caller logs the visible ones."""
    from naleving.investigations.selectors import investigations_visible_to

    ids = [row["investigation"] for row in changed]
    visible = set(investigations_visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    shown = [
        {**row, "url": reverse("investigations:detail", args=[row["investigation"]])}
        for row in changed
        if row["investigation"] in visible
    ]
    return {
        "count": len(changed),
        "shown": shown,
        "others": [row["investigation"] for row in changed if row["investigation"] not in visible],
    }
