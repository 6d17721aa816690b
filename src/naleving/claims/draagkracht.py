"""What a resident on the social minimum can pay each month towards claims: the draagkracht room.

`draagkracht.norm_percentage` of the applicable norm (`rules.norm`), rounded down to cents: 5 % since the
CRvB applied the 95 % beslagvrije voet (4-8-2020), 10 % before. The same share the engine's draagkracht cap on
fines uses; all recovery and fine instalments of a resident together stay within it (Awb 4:93,
legal-rules.md §3). The parameters come from the registry the besluit was decided with.
"""

from datetime import date
from decimal import ROUND_DOWN, Decimal

from naleving import rules
from naleving.residents.selectors import active_benefit

CENT = Decimal("0.01")


def draagkracht_per_month(
    *,
    profile: str,
    household: dict,
    on: date,
    registry: rules.Registry,
    fallback_norm: Decimal | None = None,
) -> Decimal | None:
    """The room per month on ``on``. When the rules know no norm on that date, ``fallback_norm`` (the norm
    of the running benefit) is used; None when there is neither."""
    try:
        monthly_norm = rules.norm(
            household.get("type", "alleenstaande"),
            household.get("age_band", "21_to_aow"),
            int(household.get("kostendelers", 1)),
            on,
            registry,
        )
    except rules.ParameterNotInForce:
        monthly_norm = fallback_norm
    if monthly_norm is None:
        return None
    in_force = rules.parameters_in_force(profile, on, registry)["parameters"]
    percentage = Decimal(in_force["draagkracht.norm_percentage"]["value"])
    return (monthly_norm * percentage / 100).quantize(CENT, rounding=ROUND_DOWN)


def fallback_norm(resident, on: date) -> Decimal | None:
    """The norm of the benefit running on ``on``, for when the rules know no norm on that date."""
    benefit = active_benefit(resident, on)
    return benefit.norm_amount if benefit else None
