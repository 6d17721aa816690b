"""`manage.py check` (and `runserver`) warns when legal amounts or the organisation's policy profile are missing
today or end soon."""

from django.core.checks import Warning, register

from naleving.decisions.parameters import HORIZON_DAYS, parameter_warning
from naleving.ruleset.selectors import registry_for_commands

HINT = (
    "Besluiten op een datum zonder waarde worden geweigerd. De functioneel beheerder stelt de nieuwe waarden "
    "voor onder Beheer › Wettelijke bedragen (of met `naleving parameters propose`) en een ander keurt ze goed; "
    f"controleer met `naleving rules check` (kijkt {HORIZON_DAYS} dagen vooruit)."
)


@register("naleving")
def check_parameters(app_configs=None, **kwargs):
    # The check may run before the database is migrated: then only the shipped files count.
    warning = parameter_warning(registry=registry_for_commands())
    if warning is None:
        return []
    found = [
        Warning(
            f"Beslisregels (profiel {warning.profile}): {group.sentence}.",
            hint=HINT,
            id="naleving.W001" if group.status == "missing" else "naleving.W002",
        )
        for group in warning.groups
    ]
    if warning.profile_ends is not None:
        found.append(Warning(f"Beslisregels: {warning.profile_sentence}.", hint=HINT, id="naleving.W003"))
    return found
