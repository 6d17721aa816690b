"""Watching the dated parameters of the rules engine: which legal amounts are missing today or end soon.

The engine refuses a decision on a date for which a parameter it needs has no value (`parameter_not_in_force`);
the functioneel beheerder adds new values to `src/naleving/rules/parameters/` when the law changes (twice a
year for the norms). This module turns `rules.parameter_gaps` into one warning for the home page, the decision
pages and `manage.py check`, grouped per kind of amount so that it reads as one sentence per group, and names
a missing amount in words (`rules.missing_parameter_nl`) for the message of a refused decision. Staff pages say who adds
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
