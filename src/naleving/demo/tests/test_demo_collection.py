"""Collection in the demo (issue #19): made through the real services on a few claims, after the bulk load."""

from datetime import date

import pytest
from django.conf import settings
from django.db import transaction

from naleving.claims.models import Aflossing, ClaimStatus, Invorderingsstap, Vordering
from naleving.gemeenten.models import Gemeente, validate_iban

RESIDENTS = 300
SEED = 2026
REFERENCE = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Gemeente Demostad with its collection stories, loaded once for the module and rolled back after it."""
    from naleving.demo.collection import collection_load
    from naleving.demo.load import demo_municipality_load

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path_factory.mktemp("leveringen"))
        with django_db_blocker.unblock(), transaction.atomic():
            demo_municipality_load(residents=RESIDENTS, seed=SEED, reference_date=REFERENCE)
            yield collection_load(REFERENCE)
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_holds_collection_made_by_the_services(demo):
    assert demo > 10
    for gemeente in Gemeente.objects.all():
        validate_iban(gemeente.payment_iban)
        assert gemeente.payment_account_name
    steps = Invorderingsstap.objects.all()
    assert {s.kind for s in steps} == {"aanmaning", "dwangbevel"}
    assert all(bytes(s.pdf).startswith(b"%PDF") for s in steps)
    assert Aflossing.objects.filter(method="dwangbevel").exists()
    assert Vordering.objects.filter(stappen__kind="dwangbevel", status=ClaimStatus.BETAALD).exists()
    assert Aflossing.objects.filter(method="verrekening", period__isnull=False).exists()
    assert Vordering.objects.filter(waiver_ground="pw_58_lid7_eenmalig").exists()
    assert Vordering.objects.filter(non_cooperation=True).exists()
    assert Vordering.objects.exclude(payment_reference="").count() >= 8
