"""The prevention factories, plain and with each trait, build rows that pass full_clean()."""

import factory
import pytest

from naleving.prevention.tests.factories import ChangeReportFactory, ReminderScheduleFactory

FACTORIES = (ReminderScheduleFactory, ChangeReportFactory)
CASES = [(f, None) for f in FACTORIES] + [
    (f, name) for f in FACTORIES for name, v in f._meta.parameters.items() if isinstance(v, factory.Trait)
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory_class", "trait"), CASES, ids=[f"{f.__name__}-{t or 'plain'}" for f, t in CASES]
)
def test_factory_builds_valid_rows(roles, factory_class, trait):
    row = factory_class(**({trait: True} if trait else {}))
    row.full_clean()
