"""Every decision factory and trait builds a valid row."""

import factory
import pytest

from naleving.decisions.models import BesluitStatus
from naleving.decisions.tests.factories import BesluitFactory, OpschortingFactory

FACTORIES = (BesluitFactory, OpschortingFactory)
CASES = [(f, None) for f in FACTORIES] + [
    (f, name) for f in FACTORIES for name, v in f._meta.parameters.items() if isinstance(v, factory.Trait)
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory_class", "trait"), CASES, ids=[f"{f.__name__}-{t or 'plain'}" for f, t in CASES]
)
def test_factory_builds_valid_rows(roles, factory_class, trait):
    obj = factory_class(**({trait: True} if trait else {}))
    obj.full_clean()
    assert obj.pk is not None


@pytest.mark.django_db
def test_traits_mean_what_they_say(roles):
    assert BesluitFactory(to_sign=True).status == BesluitStatus.TER_ONDERTEKENING
    started = OpschortingFactory(started=True)
    assert started.is_signed and started.ends_on is not None and started.signed_by != started.assessed_by
