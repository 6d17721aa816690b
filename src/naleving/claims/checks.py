"""`naleving check` warns when a municipality has no account for payments: every payment letter, aanmaning
and dwangbevel names it, and a besluit letter with a claim paid by transfer cannot be sent without it."""

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError

from naleving.gemeenten.selectors import gemeenten_all

HINT = (
    "Vul het IBAN en de tenaamstelling in onder Beheer › Gemeenten. Zonder IBAN kan een besluitbrief met een "
    "vordering die de inwoner zelf betaalt niet worden verzonden."
)


@register("naleving")
def check_payment_accounts(app_configs: object = None, **kwargs: object) -> list[CheckMessage]:
    # Before the database is migrated there are no municipalities to check.
    try:
        gemeenten = list(gemeenten_all())
    except DatabaseError:
        return []
    return [
        Warning(
            f"Gemeente {gemeente.name} ({gemeente.code}): geen IBAN voor betalingen van vorderingen.",
            hint=HINT,
            id="naleving.W020",
        )
        for gemeente in gemeenten
        if not gemeente.payment_iban
    ]
