"""Factories for reports. ``CasusvoorbeeldFactory``: an anonymised case example for the MER report, about
a resident, in the second tertiary of 2025."""

from datetime import UTC, date, datetime

import factory
from factory.django import DjangoModelFactory

from naleving.reports.models import Casusvoorbeeld
from naleving.residents.tests.factories import ResidentFactory


class CasusvoorbeeldFactory(DjangoModelFactory):
    class Meta:
        model = Casusvoorbeeld

    resident = factory.SubFactory(ResidentFactory)
    period_code = "2025-T2"
    period_start = date(2025, 5, 1)
    period_end = date(2025, 8, 31)
    title = "Schulden op tijd gezien"
    summary = (
        "Na een voorlichtingsgesprek gaf de inwoner het nieuwe werk zelf door; geen terugvordering nodig."
    )
    marked_by = None
    marked_at = factory.LazyFunction(lambda: datetime(2025, 9, 1, 8, 0, tzinfo=UTC))
