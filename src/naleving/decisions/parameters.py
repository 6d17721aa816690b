"""Watching the dated parameters of the rules engine: which legal amounts are missing today or end soon, and
whether the organisation's policy profile ends.

The engine refuses a decision on a date for which a parameter it needs has no value (`parameter_not_in_force`);
the functioneel beheerder proposes new values under Beheer › Wettelijke bedragen when the law changes (twice a
year for the norms) and another person approves them (`naleving.ruleset`). This module turns
`rules.parameter_gaps` over the approved parameter source into one warning for the functioneel beheerder's home
page and `manage.py check`, grouped per kind of amount so that it reads as one sentence per group. Other roles
see no warning: a decision on a date without an amount is refused on its date field, in words
(`rules.missing_parameter_nl`). Only the system check (for operators) names files and commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from naleving import rules
from naleving.ruleset import selectors

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
    #: the last day of the profile when that is before `today` + `HORIZON_DAYS` (None: it runs on)
    profile_ends: date | None = None

    @property
    def missing_today(self) -> bool:
        return any(group.status == "missing" for group in self.groups)

    @property
    def profile_sentence(self) -> str:
        if self.profile_ends is None:
            return ""
        if self.profile_ends < self.today:
            return f"Beleidsprofiel {self.profile} is afgelopen op {self.profile_ends:%d-%m-%Y}"
        return f"Beleidsprofiel {self.profile} loopt af op {self.profile_ends:%d-%m-%Y}"


def parameter_warning(
    today: date | None = None, profile: str | None = None, registry: rules.Registry | None = None
) -> ParameterWarning | None:
    """The gaps of `profile` (default: the organisation's profile) from `today` to `HORIZON_DAYS` later,
    grouped per parameter file and status, and the end of the profile itself when it falls in that time;
    None when every parameter has a value and the profile holds all that time.

    `registry` defaults to the shipped files with the approved parameter sets (`ruleset.selectors`), so a
    value approved under Beheer closes its gap."""
    today = today or timezone.localdate()
    profile = profile or settings.NALEVING_DEFAULT_PROFILE
    registry = registry or selectors.registry()
    grouped: dict[tuple[str, str], list[dict]] = {}
    for gap in rules.parameter_gaps(profile, today, HORIZON_DAYS, registry=registry):
        grouped.setdefault((str(gap["file"]), str(gap["status"])), []).append(gap)
    ends = registry.profile(profile).valid_to
    profile_ends = ends if ends is not None and ends < today + timedelta(days=HORIZON_DAYS) else None
    if not grouped and profile_ends is None:
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
    ordered = tuple(sorted(groups, key=lambda g: (g.gap_from, g.kind)))
    return ParameterWarning(profile, today, ordered, profile_ends)
