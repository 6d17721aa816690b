"""Watching the dated parameters of the rules engine: which legal amounts are missing today or end soon.

The engine refuses a decision on a date for which a parameter it needs has no value (`parameter_not_in_force`);
the functioneel beheerder adds new values to `src/naleving/rules/parameters/` when the law changes (twice a
year for the norms). This module turns `rules.parameter_gaps` into one warning for the home page, the decision
pages and `manage.py check`, grouped per kind of amount so that it reads as one sentence per group, and names
a missing amount in words (`missing_amount`) for the message of a refused decision. Staff pages say who adds
an amount; only the system check (for operators) names files and commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from naleving import rules

#: how far ahead a parameter that ends counts as a warning
HORIZON_DAYS = 90

#: the parameter files in words, for the warning
KINDS = {
    "norms.yaml": "Bijstandsnormen",
    "asset_limits.yaml": "Vermogensgrenzen",
    "fines.yaml": "Boetebedragen en -percentages",
    "fine_categories.yaml": "Boetecategorieën (Wetboek van Strafrecht)",
    "four_eyes.yaml": "Vier-ogengrenzen",
    "policy.yaml": "Beleidsparameters",
}


#: the parts of a parameter name (`norm.alleenstaande.21_to_aow`) in words, for a consulent
HOUSEHOLDS = {
    "alleenstaande": "een alleenstaande",
    "alleenstaande_ouder": "een alleenstaande ouder",
    "gehuwden": "gehuwden of samenwoners",
}
AGE_BANDS = {
    "21_to_aow": "21 jaar tot AOW-leeftijd",
    "18_to_20": "18 tot en met 20 jaar",
    "aow": "vanaf de AOW-leeftijd",
}
ASSET_LIMITS = {
    **{household: f"de vermogensgrens voor {words}" for household, words in HOUSEHOLDS.items()},
    "own_home_equity": "de vrijlating van vermogen in een eigen woning",
}


def missing_amount(name: str) -> str:
    """The legal amount a parameter name stands for, in plain Dutch, to say what is missing:
    `norm.alleenstaande.21_to_aow` → "de bijstandsnorm voor een alleenstaande (21 jaar tot AOW-leeftijd)"."""
    head, _, rest = name.partition(".")
    if head == "norm":
        household, _, band = rest.partition(".")
        if household in HOUSEHOLDS and band in AGE_BANDS:
            return f"de bijstandsnorm voor {HOUSEHOLDS[household]} ({AGE_BANDS[band]})"
        return "een bijstandsnorm"
    if head == "asset_limit":
        return ASSET_LIMITS.get(rest, "een vermogensgrens")
    if name.startswith("fine.category."):
        return f"het bedrag van boetecategorie {name.removeprefix('fine.category.')}"
    if head == "kostendelersnorm":
        return "een percentage van de kostendelersnorm"
    return "een wettelijk bedrag"


@dataclass(frozen=True)
class GapGroup:
    kind: str
    names: tuple[str, ...]
    status: str  # "missing" (no value today) or "ending" (ends within the horizon)
    gap_from: date

    @property
    def sentence(self) -> str:
        count = len(self.names)
        what = f"{self.kind} ({count} {'bedrag' if count == 1 else 'bedragen'})"
        if self.status == "missing":
            return f"{what}: geen waarde vanaf {self.gap_from:%d-%m-%Y}"
        return f"{what}: lopen af, geen waarde meer vanaf {self.gap_from:%d-%m-%Y}"


@dataclass(frozen=True)
class ParameterWarning:
    profile: str
    today: date
    groups: tuple[GapGroup, ...]

    @property
    def missing_today(self) -> bool:
        return any(group.status == "missing" for group in self.groups)


def parameter_warning(today: date | None = None, profile: str | None = None) -> ParameterWarning | None:
    """The gaps of `profile` (default: the organisation's profile) from `today` to `HORIZON_DAYS` later,
    grouped per parameter file and status; None when every parameter has a value all that time."""
    today = today or timezone.localdate()
    profile = profile or settings.NALEVING_DEFAULT_PROFILE
    grouped: dict[tuple[str, str], list[dict]] = {}
    for gap in rules.parameter_gaps(profile, today, HORIZON_DAYS):
        grouped.setdefault((str(gap["file"]), str(gap["status"])), []).append(gap)
    if not grouped:
        return None
    groups = [
        GapGroup(
            kind=KINDS.get(file, file),
            names=tuple(str(gap["name"]) for gap in gaps),
            status=status,
            gap_from=min(date.fromisoformat(str(gap["gap_from"])) for gap in gaps),
        )
        for (file, status), gaps in grouped.items()
    ]
    return ParameterWarning(profile, today, tuple(sorted(groups, key=lambda g: (g.gap_from, g.kind))))
