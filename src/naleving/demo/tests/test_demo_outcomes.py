"""The demo's outcome reviews (issue #23): recorded through the service for each filter with released runs;
the BRP-address filter's is flagged, because its hits on single residents were mostly investigated for
nothing (``OUTCOME_SKEW``)."""

from datetime import date

import pytest
from django.conf import settings
from django.db import transaction

from naleving.controls.models import OutcomeReview
from naleving.controls.outcomes import outcome_report_for

RESIDENTS = 2000  # the demo's default size: the groups need five outcomes each to be compared
SEED = 2026
REFERENCE = date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from naleving.demo.load import demo_municipality_load

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "NALEVING_DELIVERY_DIR", tmp_path_factory.mktemp("leveringen"))
        with django_db_blocker.unblock(), transaction.atomic():
            demo_municipality_load(residents=RESIDENTS, seed=SEED, reference_date=REFERENCE)
            yield
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_brp_address_filter_is_flagged_on_household_type(demo):
    reviews = {r.filter.name: r for r in OutcomeReview.objects.select_related("filter")}
    assert reviews and all(r.run_id is None and r.created_at.date() < REFERENCE for r in reviews.values())
    brp = reviews["brp_adres"]
    assert brp.flagged and brp.fg_seen_at is None  # waits for the FG in the demo
    household = brp.report["attributes"]["household_type"]
    assert household["verdict"] == "flag"
    single = household["groups"]["alleenstaande"]
    best = household["groups"][household["best_group"]]
    assert single["fdr"] > 0.5 > best["fdr"] and single["p_value"] < 0.05
    # the stored report is what the pages compute now
    assert outcome_report_for(filter_=brp.filter)["attributes"]["household_type"] == household
    # Other filters have no planted skew. With four attributes per filter at p < 0.05 a flag by chance can
    # occur (since the hits keep their sex, the demo's kostendelers review is flagged on sex); each flag is
    # on an attribute whose groups have enough outcomes to be compared, and waits for the FG like brp_adres.
    for review in reviews.values():
        for section in review.report["attributes"].values():
            if section.get("verdict") == "flag":
                assert review.flagged and review.fg_seen_at is None
                assert sum(1 for g in section["groups"].values() if g["n_outcome"] >= 5) >= 2
