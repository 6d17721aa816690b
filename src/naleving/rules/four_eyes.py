"""The four-eyes policy (vier ogen): which decisions a second official co-signs before they take effect.

The thresholds and switches are dated policy parameters (`parameters/four_eyes.yaml`, scope `policy`), so a
profile overrides them like any other policy choice, citing its seed section, and an invalid value fails
when the package loads with `ParameterFileError` naming the file and the key. The engine's response does
not carry the policy: it is organisational (who signs), not legal (what the outcome is), so a stored
response replays unchanged when a municipality changes its mandate. `decisions/services.py` asks for the
policy of the profile on the decision date and stores the reasons it gives with the besluit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from naleving.rules.context import euro
from naleving.rules.registry import Registry, default_registry
from naleving.rules.validate import check_amount, check_choice

SANCTION_TYPES = ("geen", "waarschuwing", "boete", "aangifte", "maatregel")
PARAMETERS = (
    "four_eyes.fine_above",
    "four_eyes.recovery_above",
    "four_eyes.on_deviation",
    "four_eyes.on_aangifte",
    "four_eyes.on_suspension",
)


@dataclass(frozen=True, slots=True)
class FourEyesReason:
    """Why a decision needs a second signature: a stable code and one plain Dutch sentence."""

    code: str
    text_nl: str


@dataclass(frozen=True, slots=True)
class FourEyes:
    """The four-eyes policy of one profile on one date; `sources` cites each value (seed section or basis)."""

    profile: str
    on: date
    fine_above: Decimal
    recovery_above: Decimal
    on_deviation: bool
    on_aangifte: bool
    on_suspension: bool
    sources: tuple[tuple[str, str], ...]

    def reasons(
        self,
        *,
        sanction_type: str,
        fine_amount: Decimal,
        recovery_amount: Decimal,
        deviates: bool = False,
        suspension: bool = False,
    ) -> tuple[FourEyesReason, ...]:
        """Every reason this policy gives for a second signature on the decision described; empty when
        one signature suffices. Raises `RuleInputError` for an unknown sanction type or an invalid amount."""
        check_choice(sanction_type, SANCTION_TYPES, "sanction_type")
        check_amount(fine_amount, "fine_amount")
        check_amount(recovery_amount, "recovery_amount")
        found: list[FourEyesReason] = []
        if deviates and self.on_deviation:
            found.append(FourEyesReason("afwijking", "Het besluit wijkt af van het voorstel (maatwerk)."))
        if fine_amount > self.fine_above:
            text = f"De boete ({euro(fine_amount)}) is hoger dan {euro(self.fine_above)}."
            found.append(FourEyesReason("boete_boven_drempel", text))
        if recovery_amount > self.recovery_above:
            text = f"De terugvordering ({euro(recovery_amount)}) is hoger dan {euro(self.recovery_above)}."
            found.append(FourEyesReason("terugvordering_boven_drempel", text))
        if sanction_type == "aangifte" and self.on_aangifte:
            found.append(
                FourEyesReason("aangifte", "Het besluit is een aangifte bij het Openbaar Ministerie.")
            )
        if suspension and self.on_suspension:
            text = "De uitkering wordt opgeschort; de risico- en impactbeoordeling wordt mede getekend."
            found.append(FourEyesReason("opschorting", text))
        return tuple(found)

    def requires(
        self,
        *,
        sanction_type: str,
        fine_amount: Decimal,
        recovery_amount: Decimal,
        deviates: bool = False,
        suspension: bool = False,
    ) -> bool:
        """True when this policy requires a second signature on the decision described."""
        return bool(
            self.reasons(
                sanction_type=sanction_type,
                fine_amount=fine_amount,
                recovery_amount=recovery_amount,
                deviates=deviates,
                suspension=suspension,
            )
        )


def four_eyes_policy(profile: str, on: date, registry: Registry | None = None) -> FourEyes:
    """The four-eyes policy of `profile` in force on `on` (the decision date).

    Raises `UnknownProfile` for an unknown profile and `ParameterNotInForce` when a value has no period
    covering `on`. The profile's own period is not checked here: evaluating the decision already refuses a
    date outside it.
    """
    registry = registry or default_registry()
    params = registry.params(registry.profile(profile), on)
    return FourEyes(
        profile=profile,
        on=on,
        fine_above=params.money("four_eyes.fine_above"),
        recovery_above=params.money("four_eyes.recovery_above"),
        on_deviation=params.flag("four_eyes.on_deviation"),
        on_aangifte=params.flag("four_eyes.on_aangifte"),
        on_suspension=params.flag("four_eyes.on_suspension"),
        sources=tuple((name, params.dated(name).citation()) for name in PARAMETERS),
    )
