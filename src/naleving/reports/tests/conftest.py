"""Hand-built data for the indicator tests: small helpers that create exactly the rows a test names.

They write rows directly (no services, no audit), so a test's arithmetic can be followed row by row.
"""

import itertools
from datetime import date
from decimal import Decimal

import pytest

from naleving.reports.indicators import Filters

AS_OF = date(2026, 11, 23)
FILTERS = Filters(as_of=AS_OF)


def _bsn(n: int) -> str:
    """A valid BSN (elfproef) per ``n``: the first of ten neighbouring prefixes that has a check digit."""
    for j in range(10):
        digits = [int(c) for c in f"{30_000_000 + 10 * n + j:08d}"]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)
    raise AssertionError("no BSN")


class Make:
    """Row builders with sensible defaults; every date and amount a test relies on is passed explicitly."""

    def __init__(self):
        self._n = itertools.count(1)

    def resident(self, *, district: str = "Centrum", family_name: str | None = None, gemeente=None, **extra):
        """A resident of ``gemeente`` (default: the test municipality Demostad)."""
        from naleving.gemeenten.tests.factories import GemeenteFactory
        from naleving.residents.models import Resident

        n = next(self._n)
        return Resident.objects.create(
            bsn=_bsn(n),
            first_names="Sam",
            family_name=family_name or f"Inwoner{n}",
            birth_date=date(1980, 1, 1),
            street="Kerkstraat",
            house_number=n,
            postcode="9999ZZ",
            city="Demostad",
            district=district,
            household_type="alleenstaande",
            gemeente=gemeente or GemeenteFactory(),
            **extra,
        )

    def benefit(self, resident, start: date, end: date | None = None, monthly: str = "1000.00"):
        from naleving.residents.models import Benefit

        return Benefit.objects.create(
            resident=resident,
            regulation="Pw",
            start_date=start,
            end_date=end,
            monthly_amount=Decimal(monthly),
            norm_amount=Decimal(monthly),
            household_type="alleenstaande",
        )

    def signal(
        self,
        received: date,
        *,
        resident=None,
        origin="collega",
        kind="income",
        route="",
        triaged=False,
        reference="",
        gemeente=None,
    ):
        from datetime import datetime, time

        from django.utils import timezone

        from naleving.signals.models import Signal

        triaged_at = timezone.make_aware(datetime.combine(received, time(12))) if (triaged or route) else None
        return Signal.objects.create(
            resident=resident,
            origin=origin,
            kind=kind,
            received_on=received,
            description="Signaal",
            route=route,
            triaged_at=triaged_at,
            external_reference=reference,
            **({"gemeente": gemeente} if gemeente is not None else {}),
        )

    def investigation(
        self,
        resident,
        *,
        opened: date,
        closed: date | None = None,
        breach: bool | None = None,
        benadeling: str | None = None,
        signals=(),
        kind: str = "",
        period_start: date | None = None,
        verwijtbaarheid: str = "",
    ):
        from naleving.investigations.models import Investigation

        outcome = "" if breach is None else ("schending" if breach else "geen_schending")
        investigation = Investigation.objects.create(
            resident=resident,
            opened_on=opened,
            closed_on=closed,
            status="afgerond" if closed else "open",
            outcome=outcome,
            benadelingsbedrag=Decimal(benadeling) if benadeling is not None else None,
            violation_kind=kind,
            period_start=period_start,
            period_end=period_start,
            verwijtbaarheid=verwijtbaarheid,
        )
        if signals:
            investigation.signals.add(*signals)
        return investigation

    def besluit(
        self,
        resident,
        decided: date,
        *,
        investigation=None,
        sanction: str = "geen",
        fine: str = "0",
        recovery: str = "0",
        benadeling: str = "0",
        verwijtbaarheid: str = "",
        proposed_sanction: str | None = None,
        proposed_recovery: str | None = None,
        correction: str = "herziening",
        status: str = "vastgesteld",
    ):
        from naleving.decisions.models import Besluit

        response = None
        if proposed_sanction or proposed_recovery:
            response = {
                "sanction": {"type": proposed_sanction or sanction, "fine_amount": fine},
                "recovery": {"amount": proposed_recovery or recovery},
            }
        return Besluit.objects.create(
            resident=resident,
            investigation=investigation,
            decision_date=decided,
            profile="landelijk",
            benadelingsbedrag=Decimal(benadeling),
            recovery_amount=Decimal(recovery),
            sanction_type=sanction,
            fine_amount=Decimal(fine),
            verwijtbaarheid=verwijtbaarheid,
            engine_response=response,
            correction_type=correction,
            status=status,
        )

    def claim(
        self,
        resident,
        created: date,
        amount: str,
        *,
        kind="terugvordering",
        status="open",
        changed: date | None = None,
        payments=(),
    ):
        from naleving.claims.models import Aflossing, Vordering

        claim = Vordering.objects.create(
            resident=resident,
            kind=kind,
            amount=Decimal(amount),
            created_on=created,
            status=status,
            status_changed_on=changed,
        )
        for paid_on, paid in payments:
            Aflossing.objects.create(vordering=claim, paid_on=paid_on, amount=Decimal(paid))
        return claim

    def intervention(self, resident, occurred: date, kind: str = "voorlichtingsgesprek"):
        from naleving.prevention.models import PreventiveIntervention

        return PreventiveIntervention.objects.create(
            resident=resident, kind=kind, occurred_on=occurred, topic="Onderwerp"
        )

    def referral(self, resident, referred: date, partner: str = "schuldhulp", status: str = "verwezen"):
        from naleving.prevention.models import Referral

        return Referral.objects.create(
            resident=resident,
            partner=partner,
            referred_on=referred,
            handover_note="Overdracht",
            status=status,
        )

    def application(self, resident, received: date, decided: date | None, outcome: str):
        from naleving.residents.models import Application

        return Application.objects.create(
            resident=resident, regulation="Pw", received_on=received, decided_on=decided, outcome=outcome
        )


@pytest.fixture
def make(db):
    return Make()
