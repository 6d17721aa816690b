"""`manage.py check` (and `runserver`) warns when legal amounts are missing today or end soon."""

from django.core.checks import Warning, register

from naleving.decisions.parameters import HORIZON_DAYS, parameter_warning


@register("naleving")
def check_parameters(app_configs=None, **kwargs):
    warning = parameter_warning()
    if warning is None:
        return []
    return [
        Warning(
            f"Beslisregels (profiel {warning.profile}): {group.sentence}.",
            hint=(
                "Besluiten op een datum zonder waarde worden geweigerd. Voeg de nieuwe bedragen toe in "
                f"src/naleving/rules/parameters/ en controleer met `naleving rules check` "
                f"(kijkt {HORIZON_DAYS} dagen vooruit)."
            ),
            id="naleving.W001" if group.status == "missing" else "naleving.W002",
        )
        for group in warning.groups
    ]
