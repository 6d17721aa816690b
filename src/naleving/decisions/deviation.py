"""The consulent's choice against the engine's proposal (maatwerk): lawful, never heavier than the proposal,
and a deviation only with a written motivation and the answers to the omgekeerde toets.

``services.besluit_record`` checks every besluit with these before it stores one.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from naleving.common.formatting import euro
from naleving.decisions.models import OMGEKEERDE_TOETS, SanctionType

CENT = Decimal("0.01")
#: Maatwerk may make a sanction lighter, never heavier than the law and the profile prescribe.
SEVERITY = {
    SanctionType.GEEN: 0,
    SanctionType.WAARSCHUWING: 1,
    SanctionType.BOETE: 2,
    SanctionType.AANGIFTE: 3,
}


@dataclass(frozen=True)
class Choice:
    """An outcome: the engine's proposal or what the consulent chose."""

    sanction_type: str
    fine_amount: Decimal
    recovery_amount: Decimal

    @classmethod
    def proposed(cls, response: dict) -> "Choice":
        return cls(
            response["sanction"]["type"],
            Decimal(response["sanction"]["fine_amount"] or "0.00"),
            Decimal(response["recovery"]["amount"]),
        )

    def differs_from(self, other: "Choice") -> bool:
        return self != other


def _amounts_check(chosen: Choice) -> None:
    """One of the sanctions, amounts of whole cents and not negative, a fine amount with a fine only."""
    if chosen.sanction_type not in SEVERITY:
        raise ValidationError({"sanction_type": "Kies de sanctie."})
    errors: dict[str, str] = {}
    for field in ("fine_amount", "recovery_amount"):
        amount = getattr(chosen, field)
        if amount < 0 or amount != amount.quantize(CENT):
            errors[field] = "Vul een bedrag in euro's en centen in, niet negatief."
    if not errors and chosen.sanction_type != SanctionType.BOETE and chosen.fine_amount > 0:
        errors["fine_amount"] = "Alleen bij een bestuurlijke boete hoort een boetebedrag. Vul € 0,00 in."
    if not errors and chosen.sanction_type == SanctionType.BOETE and chosen.fine_amount == 0:
        errors["fine_amount"] = "Vul het bedrag van de boete in."
    if errors:
        raise ValidationError(errors)


def choice_check(chosen: Choice, proposed: Choice) -> None:
    """The chosen outcome must be lawful and never heavier than the proposal: the proposal already applies
    the highest percentage and the caps the law and the profile allow."""
    _amounts_check(chosen)
    errors: dict[str, str] = {}
    if SEVERITY[chosen.sanction_type] > SEVERITY[proposed.sanction_type]:
        errors["sanction_type"] = (
            "Maatwerk kan de sanctie lichter maken, niet zwaarder dan wet en beleid voorschrijven "
            f"(voorstel: {SanctionType(proposed.sanction_type).label})."
        )
    elif chosen.sanction_type == proposed.sanction_type and chosen.fine_amount > proposed.fine_amount:
        errors["fine_amount"] = (
            f"De boete kan niet hoger zijn dan het voorstel ({euro(proposed.fine_amount)})."
        )
    if chosen.recovery_amount > proposed.recovery_amount:
        errors["recovery_amount"] = (
            f"De terugvordering kan niet hoger zijn dan het voorstel ({euro(proposed.recovery_amount)})."
        )
    if errors:
        raise ValidationError(errors)


def deviation_check(motivation: str, answers: dict | None) -> dict[str, str]:
    """A deviation needs a written motivation and an answer to every question of the omgekeerde toets."""
    answers = {key: str((answers or {}).get(key, "")).strip() for key, _ in OMGEKEERDE_TOETS}
    errors = {
        f"toets_{key}": "Beantwoord deze vraag: u wijkt af van het voorstel."
        for key, v in answers.items()
        if not v
    }
    if not motivation.strip():
        errors["deviation_motivation"] = "U wijkt af van het voorstel. Schrijf op waarom (maatwerk)."
    if errors:
        raise ValidationError(errors)
    return answers
