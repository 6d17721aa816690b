"""Outcome fairness of a run and a filter (issue #23): gathering hits' groups and outcomes, the review and the
FG's acknowledgement, the pages, the command and the algoritmeregister entry."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls import algoritmeregister
from naleving.controls.models import ControlHit, ControlRun, OutcomeReview
from naleving.controls.outcomes import (
    age_band,
    outcome_report_for,
    outcome_review_acknowledge,
    outcome_review_record,
)
from naleving.controls.tests.factories import ControlHitFactory, ControlRunFactory
from naleving.decisions.tests.factories import BesluitFactory
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory
from naleving.signals.tests.factories import SignalFactory
from naleving.testing.lazy import lazy

stats = lazy("scipy.stats")

R = date(2026, 3, 1)


def _bias(noord: int, zuid: int) -> dict:
    groups = {
        "Noord": {"n": 200, "s": noord, "rate": noord / 200},
        "Zuid": {"n": 200, "s": zuid, "rate": zuid / 200},
    }
    return {"district": {"groups": groups, "verdict": "ok"}, "sex": {"groups": {}, "verdict": "ok"}}


def _hit(run, district: str, *, control: bool, breach: bool | None, sanction: bool = False, **resident):
    person = ResidentFactory(district=district, **resident)
    signal = SignalFactory(resident=person, origin="themacontrole")
    ControlHitFactory(run=run, bsn=person.bsn, in_control_group=control, signal=signal)
    if breach is None:
        return
    if breach:
        investigation = InvestigationFactory(resident=person, signals=[signal], closed_with_breach=True)
        if sanction:
            BesluitFactory(investigation=investigation)
    else:
        InvestigationFactory(resident=person, signals=[signal], closed_without_breach=True)


def disparity_run(filter_=None) -> ControlRun:
    """A released run: 12 selected in Noord (2 investigated for nothing), 12 in Zuid (10 for nothing), one
    still open in each; 10 of each district in the control group, one breach each. Also used by the
    browser test (tests/browser/test_outcome_fairness.py)."""
    extra = {"filter": filter_} if filter_ is not None else {}
    run = ControlRunFactory(
        released=True, reference_date=R, bias=_bias(20, 20), population=400, hits_count=40, **extra
    )
    for district, nothing in (("Noord", 2), ("Zuid", 10)):
        for i in range(12):
            _hit(run, district, control=False, breach=i >= nothing, sanction=i == 11)
        for i in range(10):
            _hit(run, district, control=True, breach=i == 0)
        _hit(run, district, control=False, breach=None)  # still open: no outcome
    return run


@pytest.fixture(scope="module")
def _module_run(_module_world, django_db_blocker) -> int:
    """The disparity run, built once for the module inside its world's transaction (rolled back with it)."""
    with django_db_blocker.unblock():
        return disparity_run().pk


@pytest.fixture
def flagged_run(_module_run, db) -> ControlRun:
    """The module's run, read fresh for each test (a test's writes are rolled back after it)."""
    return ControlRun.objects.get(pk=_module_run)


def test_age_band_follows_the_bias_check() -> None:
    assert age_band(date(2000, 3, 2), R) == "18-26"  # 25 on R (birthday tomorrow)
    assert age_band(date(1999, 3, 1), R) == "27-39"  # 27 on R
    assert age_band(date(1971, 3, 1), R) == "55+"
    assert age_band(date(2010, 1, 1), R) == "<18"


def test_report_counts_outcomes_per_group_and_flags_the_disparity(flagged_run) -> None:
    report = outcome_report_for(run=flagged_run)
    district = report["attributes"]["district"]
    noord, zuid = district["groups"]["Noord"], district["groups"]["Zuid"]
    assert (noord["n_outcome"], noord["no_breach"], noord["sanctioned"]) == (12, 2, 1)
    assert (zuid["n_outcome"], zuid["no_breach"], zuid["control_n_outcome"], zuid["control_breaches"]) == (
        12,
        10,
        10,
        1,
    )
    assert zuid["fdr"] == pytest.approx(10 / 12) and zuid["fdr_ratio"] == pytest.approx(5.0)
    assert zuid["test"] == "chi2"
    assert zuid["p_value"] == pytest.approx(
        stats.chi2_contingency([[10, 2], [2, 10]], correction=False).pvalue
    )
    assert district["verdict"] == "flag" and report["flagged"] is True and report["outcomes"] == 24
    assert report["attributes"]["sex"]["unavailable"] is True
    # the estimate: 20 selected with precision 1/6 against a base rate of 1/10 among the 180 others
    tp, fp, fn, tn = 20 / 6, 20 * 5 / 6, 180 / 10, 180 * 9 / 10
    assert zuid["tpr"] == pytest.approx(tp / (tp + fn)) and zuid["fpr"] == pytest.approx(fp / (fp + tn))


def test_the_groups_a_hit_kept_from_the_delivery_give_sex_too(flagged_run) -> None:
    """A run stores each hit's groups from the delivery (sex included); the review reads them, not the
    resident's record. Here Zuid's hits are women: the disparity shows by sex as well."""
    for hit in ControlHit.objects.filter(run=flagged_run).select_related("signal__resident"):
        district = hit.signal.resident.district
        hit.groups = {"age_band": "27-39", "sex": "V" if district == "Zuid" else "M",
                      "household_type": "alleenstaande", "district": district}  # fmt: skip
        hit.save(update_fields=["groups"])
    report = outcome_report_for(run=flagged_run)
    sex = report["attributes"]["sex"]
    assert not sex.get("unavailable")
    assert (sex["groups"]["V"]["n_outcome"], sex["groups"]["V"]["no_breach"]) == (12, 10)
    assert (sex["groups"]["M"]["n_outcome"], sex["groups"]["M"]["no_breach"]) == (12, 2)
    assert sex["verdict"] == "flag"
    assert report["attributes"]["age_band"]["groups"]["27-39"]["n_outcome"] == 24


def test_review_is_recorded_and_only_the_fg_acknowledges_it(flagged_run, world) -> None:
    review = outcome_review_record(actor=world["analist"], run=flagged_run)
    assert review.flagged and review.filter == flagged_run.filter
    assert AuditEvent.objects.filter(code="control.outcome_review", object_id=str(review.pk)).exists()
    with pytest.raises(PermissionDenied):
        outcome_review_record(actor=world["consulent"], run=flagged_run)
    with pytest.raises(PermissionDenied):
        outcome_review_acknowledge(actor=world["analist"], review=review, note="Gezien")
    with pytest.raises(ValidationError, match="toelichting FG"):
        outcome_review_acknowledge(actor=world["fg"], review=review, note="  ")
    outcome_review_acknowledge(actor=world["fg"], review=review, note="Filter wordt herzien.")
    review.refresh_from_db()
    assert review.fg_seen_by == world["fg"] and review.fg_note == "Filter wordt herzien."
    assert AuditEvent.objects.filter(code="control.outcome_review_seen").count() == 1
    with pytest.raises(ValidationError, match="al gezien"):
        outcome_review_acknowledge(actor=world["fg"], review=review, note="Nogmaals")


def test_pages_show_the_flag_and_the_fg_acknowledges(flagged_run, world, client) -> None:
    client.force_login(world["analist"])
    page = client.get(reverse("controls:run_detail", args=[flagged_run.pk])).content.decode()
    assert "Wijk: Gemarkeerd: ongelijke uitkomsten" in page and "Voor niets onderzocht" in page
    response = client.post(reverse("controls:run_outcome_record", args=[flagged_run.pk]))
    assert response.status_code == 302 and OutcomeReview.objects.get().flagged
    client.force_login(world["fg"])
    home = client.get(reverse("web:home")).content.decode()
    assert "Uitkomstcontroles" in home
    listing = client.get(reverse("controls:outcome_reviews")).content.decode()
    assert "Gemarkeerd, wacht op de FG" in listing and flagged_run.filter.title in listing
    review = OutcomeReview.objects.get()
    url = reverse("controls:outcome_review_acknowledge", args=[review.pk])
    client.post(url, {"note": ""})
    assert OutcomeReview.objects.get().fg_seen_at is None
    client.post(url, {"note": "Besproken met de eigenaar.", "next": "run"})
    assert OutcomeReview.objects.get().fg_note == "Besproken met de eigenaar."
    client.force_login(world["analist"])
    assert client.post(url, {"note": "x"}).status_code == 403
    filter_page = client.get(reverse("controls:filter_detail", args=[flagged_run.filter.name]))
    assert (
        "Alle vrijgegeven runs van dit filter samen: 24 afgeronde onderzoeken" in filter_page.content.decode()
    )


def test_public_page_suppresses_small_groups(flagged_run, client) -> None:
    _hit(flagged_run, "Haren", control=False, breach=False)
    page = client.get(reverse("algorithms:detail", args=[flagged_run.filter.name])).content.decode()
    assert "Uitkomsten per groep" in page and "Zuid" in page
    assert "&lt;5" in page and "niet getoond" in page  # Haren: one outcome
    assert "Vastgelegde uitkomstcontrole" not in page


def test_command_prints_the_same_numbers(flagged_run) -> None:
    out = io.StringIO()
    call_command("controls", "outcomes", flagged_run.filter.name, "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["flagged"] is True and report["attributes"]["district"]["groups"]["Zuid"]["no_breach"] == 10
    out = io.StringIO()
    call_command("controls", "outcomes", flagged_run.filter.name, "--run", str(flagged_run.pk), stdout=out)
    assert "Wijk: Gemarkeerd: ongelijke uitkomsten" in out.getvalue() and "83,3%" in out.getvalue()
    with pytest.raises(CommandError) as caught:
        call_command("controls", "outcomes", "bestaat_niet", stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.returncode == 2


def test_register_entry_names_the_outcomes(flagged_run) -> None:
    risks = algoritmeregister.entry(flagged_run.filter)["risks"]
    assert "voor niets onderzocht" in risks and "wijk: gemarkeerd: ongelijke uitkomsten" in risks
    assert "Zuid 83%" in risks


def test_unreleased_runs_do_not_count_for_the_filter(flagged_run) -> None:
    ControlRunFactory(filter=flagged_run.filter, bias=_bias(50, 50), status=ControlRun.Status.DONE)
    zuid = outcome_report_for(filter_=flagged_run.filter)["attributes"]["district"]["groups"]["Zuid"]
    assert (zuid["population"], zuid["selected"]) == (200, 20)
