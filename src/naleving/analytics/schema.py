"""The five delivery files of datasets.md: their columns, value kinds, keys and intervals.

This module is the single description of a delivery; loading, validation, the controls' `data_used` and
`validate_delivery` all read it. A file must have exactly these columns (in any order). A column whose
name points at special categories of personal data (GDPR art. 9) is refused before anything else of the
file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a column holds, and so how it is checked and which SQL type it gets."""

    TEXT = "text"  # any non-empty text (identifiers, district names)
    BSN = "bsn"  # 9 digits passing the elfproef
    DATE = "date"  # YYYY-MM-DD
    BOOL = "bool"  # true / false
    CHOICE = "choice"  # one of a fixed list
    COUNT = "count"  # whole number >= 1
    AMOUNT = "amount"  # euros, dot as decimal separator, at most 2 decimals, may be negative
    AREA = "area"  # square metres, non-negative, at most 2 decimals


SQL_TYPES: dict[Kind, str] = {
    Kind.TEXT: "VARCHAR",
    Kind.BSN: "VARCHAR",
    Kind.DATE: "DATE",
    Kind.BOOL: "BOOLEAN",
    Kind.CHOICE: "VARCHAR",
    Kind.COUNT: "INTEGER",
    Kind.AMOUNT: "DECIMAL(18, 2)",
    Kind.AREA: "DECIMAL(18, 2)",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    nullable: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileSchema:
    """One delivery file. `key` is unique per row; `interval` is (start, end) with end >= start."""

    name: str
    source: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    interval: tuple[str, str] | None = None
    address_columns: tuple[str, ...] = ()  # columns that must name an address in addresses

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


SEXES = ("M", "V", "X")
HOUSEHOLD_TYPES = ("alleenstaande", "alleenstaande_ouder", "gehuwden")

CLIENTS = FileSchema(
    name="clients",
    source="benefit administration",
    columns=(
        Column("client_id", Kind.TEXT),
        Column("bsn", Kind.BSN),
        Column("birth_date", Kind.DATE),
        Column("sex", Kind.CHOICE, choices=SEXES),
        Column("household_type", Kind.CHOICE, choices=HOUSEHOLD_TYPES),
        Column("partner_bsn", Kind.BSN, nullable=True),
        Column("kostendelers_applied", Kind.COUNT),
        Column("address_id", Kind.TEXT),
        Column("district", Kind.TEXT),
        Column("regulation", Kind.TEXT),
        Column("benefit_start", Kind.DATE),
        Column("benefit_end", Kind.DATE, nullable=True),
    ),
    key=("client_id",),
    interval=("benefit_start", "benefit_end"),
    address_columns=("address_id",),
)

BRP = FileSchema(
    name="brp",
    source="BRP registrations",
    columns=(
        Column("bsn", Kind.BSN),
        Column("birth_date", Kind.DATE),
        Column("address_id", Kind.TEXT),
        Column("registered_from", Kind.DATE),
        Column("registered_to", Kind.DATE, nullable=True),
        Column("study_finance", Kind.BOOL),
        Column("commercial_tenant", Kind.BOOL),
    ),
    # A person has one BRP address at a time: registrations of one BSN may not overlap (checked in
    # validation), which also makes (bsn, registered_from) unique.
    key=("bsn", "registered_from"),
    interval=("registered_from", "registered_to"),
    address_columns=("address_id",),
)

ADDRESSES = FileSchema(
    name="addresses",
    source="BAG",
    columns=(
        Column("address_id", Kind.TEXT),
        Column("postcode", Kind.TEXT),
        Column("house_number", Kind.TEXT),
        Column("district", Kind.TEXT),
        Column("floor_area_m2", Kind.AREA),
        Column("vacant", Kind.BOOL),
    ),
    key=("address_id",),
)

VEHICLES = FileSchema(
    name="vehicles",
    source="RDW",
    columns=(
        Column("bsn", Kind.BSN),
        Column("plate", Kind.TEXT),
        Column("registered_from", Kind.DATE),
        Column("registered_to", Kind.DATE, nullable=True),
    ),
    key=("bsn", "plate", "registered_from"),
    interval=("registered_from", "registered_to"),
)

BALANCES = FileSchema(
    name="balances",
    source="Belastingdienst / bank",
    columns=(
        Column("bsn", Kind.BSN),
        Column("account_id", Kind.TEXT),
        Column("reference_date", Kind.DATE),
        Column("balance", Kind.AMOUNT),
    ),
    # A joint account may be listed under both holders; validation requires them to agree on the balance.
    key=("bsn", "account_id", "reference_date"),
)

FILES: dict[str, FileSchema] = {f.name: f for f in (CLIENTS, BRP, ADDRESSES, VEHICLES, BALANCES)}

# Name fragments of columns that hold special categories of personal data (GDPR art. 9, and the seed's
# "geen bijzondere persoonsgegevens die herleidbaarheid naar etniciteit of religie mogelijk maken"), in
# English and Dutch. A column name matches when one of its words starts with a fragment, or when it
# contains a multi-word phrase.
_SPECIAL_WORD_PREFIXES = (
    "nationalit",
    "ethnic",
    "etnic",
    "etnisch",
    "religi",
    "godsdienst",
    "geloof",
    "faith",
    "health",
    "gezondheid",
    "medical",
    "medisch",
    "diagnos",
    "disabilit",
    "handicap",
    "race",
    "racial",
    "ras",
    "geboorteland",
    "nationaliteit",
    "afkomst",
    "herkomst",
    "migration",
    "migratie",
    "sexual",
    "seksue",
    "political",
    "politiek",
    "vakbond",
    "biometric",
    "biometrisch",
    "genetic",
    "genetisch",
    "criminal",
    "strafrecht",
)
_SPECIAL_PHRASES = (
    "country_of_birth",
    "birth_country",
    "place_of_birth",
    "birthplace",
    "trade_union",
    "land_van_herkomst",
    "mother_tongue",
    "native_language",
)


def normalise_column_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def is_special_category(column_name: str) -> bool:
    """True when the column name points at special categories of personal data."""
    normal = normalise_column_name(column_name)
    if any(phrase in normal for phrase in _SPECIAL_PHRASES):
        return True
    words = normal.split("_")
    return any(word.startswith(prefix) for word in words for prefix in _SPECIAL_WORD_PREFIXES)
