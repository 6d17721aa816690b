"""`manage.py check` (and `runserver`) warns when legal amounts or the organisation's policy profile are missing
today or end soon, when a municipality's letters would lack its objection address or contact details, and
refuses a broken `weighing_factors.yaml`."""

from django.core.checks import CheckMessage, Error, Warning, register
from django.db import DatabaseError

from naleving.decisions import weighing
from naleving.decisions.parameters import HORIZON_DAYS, parameter_warning
from naleving.gemeenten.letters import missing_letter_fields
from naleving.gemeenten.selectors import gemeenten_all
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


LETTER_HINT = (
    "Een besluit noemt het adres voor bezwaar (artikel 6:4 Awb) en elke brief de contactgegevens van de gemeente "
    "van de inwoner. Vul de ontbrekende velden in onder Beheer › Gemeenten."
)


@register("naleving")
def check_gemeenten(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    # Before the database is migrated there are no municipalities to check.
    try:
        gemeenten = list(gemeenten_all())
    except DatabaseError:
        return []
    found: list[CheckMessage] = []
    for gemeente in gemeenten:
        missing = missing_letter_fields(gemeente)
        if missing:
            found.append(
                Warning(
                    f"Gemeente {gemeente.name} ({gemeente.code}): brieven missen {', '.join(missing)}.",
                    hint=LETTER_HINT,
                    id="naleving.W004",
                )
            )
    return found


@register("naleving")
def check_weighing_factors(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    """The weighing factors a municipality may edit: a broken file would stop every besluit."""
    try:
        weighing.factors_load(weighing.FACTORS_FILE)
    except weighing.WeighingFactorsError as exc:
        hint = "Herstel het bestand; uitleg in docs/howto/weighing.md."
        return [Error(f"Weging: {exc}", hint=hint, id="naleving.E010")]
    return []
