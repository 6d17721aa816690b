"""The inputs of each theme control, per hit, for the unsupervised bias scan (`analytics.hbac`).

A run keeps no raw delivery (datasets.md), only each hit's evidence: the rows and values that made it a
hit. The scan's features are read from that evidence, so they are exactly what the filter computed. Only
the filter's own inputs count; no protected or sensitive attribute is a feature: not age, sex, household
type or district, and nothing derived from them (the asset limit of `vermogen` follows from the household
type, the ages of co-residents in `kostendelers` are ages), nor identifiers (BSN, address, plate).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from naleving.analytics.hbac import BOOLEAN, CATEGORICAL, NUMERIC, Feature

FEATURES: Mapping[str, tuple[Feature, ...]] = {
    "voertuigen": (
        Feature("distinct_plates", "het aantal kentekens in het jaar", NUMERIC),
        Feature("registrations", "het aantal registraties in het jaar", NUMERIC),
        Feature("vehicle_on_reference_date", "een voertuig op naam op de peildatum", BOOLEAN),
    ),
    "vermogen": (
        Feature("household_balance", "het saldo van het huishouden (€)", NUMERIC),
        Feature("accounts", "het aantal rekeningen", NUMERIC),
    ),
    "adresbezetting": (
        Feature("vacant", "een adres dat volgens de BAG leegstaat", BOOLEAN),
        Feature("floor_area_m2", "de woonoppervlakte (m²)", NUMERIC),
        Feature("persons_registered", "het aantal ingeschreven personen op het adres", NUMERIC),
    ),
    "kostendelers": (
        Feature("kostendelers_applied", "het toegepaste aantal kostendelers", NUMERIC),
        Feature("computed_a", "het berekende aantal kostendelers", NUMERIC),
        Feature("persons_at_address", "het aantal ingeschreven personen op het adres", NUMERIC),
        Feature("study_finance", "een medebewoner met studiefinanciering", BOOLEAN),
        Feature("commercial_tenant", "een medebewoner die commerciële huur betaalt", BOOLEAN),
    ),
    "brp_adres": (
        Feature(
            "reason",
            "de reden",
            CATEGORICAL,
            {
                "no_brp_registration": "geen inschrijving in de BRP",
                "brp_address_differs": "een ander adres in de BRP",
            },
        ),
        Feature("earlier_registration", "een eerdere inschrijving in de BRP", BOOLEAN),
    ),
}


def features(control: str) -> tuple[Feature, ...]:
    """The scan's features of `control` (none for a control the scan does not know)."""
    return FEATURES.get(control, ())


def inputs(
    control: str, evidence: Mapping[str, object], reasons: Sequence[Mapping[str, object]]
) -> dict[str, object]:
    """The feature values of one hit of `control` from its stored evidence and reasons."""
    reader = _READERS.get(control)
    return reader(evidence, [str(r.get("code", "")) for r in reasons]) if reader else {}


def _rows(evidence: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    rows = evidence.get(key)
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def _number(value: object) -> float | None:
    try:
        return None if value is None or value == "" else float(str(value))
    except ValueError:
        return None


def _voertuigen(evidence: Mapping[str, object], codes: list[str]) -> dict[str, object]:
    window = evidence.get("window")
    end = str(window.get("to", "")) if isinstance(window, Mapping) else ""
    vehicles = _rows(evidence, "vehicles")
    return {
        "distinct_plates": _number(evidence.get("distinct_plates")),
        "registrations": len(vehicles),
        "vehicle_on_reference_date": any(
            v.get("registered_to") is None or str(v.get("registered_to")) > end for v in vehicles
        ),
    }


def _vermogen(evidence: Mapping[str, object], codes: list[str]) -> dict[str, object]:
    return {
        "household_balance": _number(evidence.get("household_balance")),
        "accounts": len({str(row.get("account_id")) for row in _rows(evidence, "balances")}),
    }


def _adresbezetting(evidence: Mapping[str, object], codes: list[str]) -> dict[str, object]:
    address = (_rows(evidence, "addresses") or [{}])[0]
    return {
        "vacant": bool(address.get("vacant")),
        "floor_area_m2": _number(address.get("floor_area_m2")),
        "persons_registered": _number(evidence.get("persons_registered")),
    }


def _kostendelers(evidence: Mapping[str, object], codes: list[str]) -> dict[str, object]:
    others = [row for row in _rows(evidence, "brp") if row.get("role") != "client"]
    return {
        "kostendelers_applied": _number(evidence.get("kostendelers_applied")),
        "computed_a": _number(evidence.get("computed_a")),
        "persons_at_address": len(_rows(evidence, "brp")),
        "study_finance": any(bool(row.get("study_finance")) for row in others),
        "commercial_tenant": any(bool(row.get("commercial_tenant")) for row in others),
    }


def _brp_adres(evidence: Mapping[str, object], codes: list[str]) -> dict[str, object]:
    return {
        "reason": codes[0] if codes else None,
        "earlier_registration": bool(evidence.get("last_registration_before")),
    }


_READERS = {
    "voertuigen": _voertuigen,
    "vermogen": _vermogen,
    "adresbezetting": _adresbezetting,
    "kostendelers": _kostendelers,
    "brp_adres": _brp_adres,
}
