"""Shared fixtures of the decision and claim tests: a closed investigation with a breach for Jansen (the
consulent's caseload in ``world``), ready to decide, and recording a besluit on it."""

from datetime import date
from decimal import Decimal

import pytest

#: After the investigation closed (2026-04-15) and within the norms the rules know (up to 2026-06-30).
DECIDED = date(2026, 5, 1)


@pytest.fixture
def breach(world):
    """Income breach 2025-09-01 to 2026-01-31, €1,250.00, normal culpability; IB signal of 2026-01-08."""
    from naleving.investigations.tests.factories import InvestigationFactory

    return InvestigationFactory(
        resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True
    )


@pytest.fixture
def make_breach(world):
    """Another closed breach for Jansen with other findings."""
    from naleving.investigations.tests.factories import InvestigationFactory

    def _make(**findings):
        return InvestigationFactory(
            resident=world["jansen"], assigned_to=world["handhaver"], closed_with_breach=True, **findings
        )

    return _make


@pytest.fixture
def record(world):
    """``besluit_record`` by the consulent on ``DECIDED``, following the proposal unless told otherwise."""
    from naleving.decisions import services

    def _record(investigation, actor=None, **overrides):
        actor = actor or world["consulent"]
        proposal = services.decision_propose(actor=actor, investigation=investigation, decision_date=DECIDED,
                                             cooperation=overrides.get("cooperation", "yes"))  # fmt: skip
        response = proposal["response"]
        arguments = {
            "decision_date": DECIDED,
            "sanction_type": response["sanction"]["type"],
            "fine_amount": Decimal(response["sanction"]["fine_amount"] or "0"),
            "recovery_amount": Decimal(response["recovery"]["amount"]),
            **overrides,
        }
        return services.besluit_record(actor=actor, investigation=investigation, **arguments)

    return _record


TOETS = {
    "onevenredig": "De inwoner zorgt alleen voor drie kinderen en had een crisis in de familie.",
    "effect": "Een volle boete brengt het gezin onder het bestaansminimum.",
    "schulden_zorg": "Er zijn schulden; aangemeld bij de schuldhulpverlening.",
}

#: A weighing with every factor answered, as a consulent gives it on the prepare page (issue #18).
WEGING = {
    "aard_ernst": "Vijf maanden loon niet doorgegeven; een flink bedrag, geen kleine vergissing.",
    "verwijtbaarheid_redenen": "De inlichtingenplicht was uitgelegd bij de intake; er zijn geen verzachtende "
    "omstandigheden.",
    "rol_gemeente": "Nee. Het loon stond nog niet in de polisadministratie toen het begon.",
    "omstandigheden_draagkracht": "Alleenstaand, geen schulden; de boete past binnen de beslagvrije voet.",
    "dringende_redenen": "Nee, er zijn geen gevolgen die de inwoner niet kan dragen.",
    "zienswijze": "De inwoner zegt dat zij het vergat. Dat verandert de verwijtbaarheid niet.",
}
