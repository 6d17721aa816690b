"""The public algorithm pages (/algoritmes/): the index of the filters in use, only released runs of a filter
in use (never test runs), the FG-approved explanation of a flagged run; and a run whose bias check could not
be done ("te weinig gegevens") needs the FG's approval before release, like a flagged run."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from naleving.controls.filter_register import filter_approve, filter_update, filters_sync
from naleving.controls.models import Filter, FilterStatus, Verdict
from naleving.controls.runs import control_run_explain, control_run_fg_approve, release_blocker
from naleving.controls.tests.factories import ControlRunFactory

pytestmark = pytest.mark.django_db


def _in_use(world, name="voertuigen"):
    filter_ = Filter.objects.get(name=name)
    filter_approve(actor=world["fg"], filter_=filter_, decision="approved", note="Akkoord")
    return filter_update(
        actor=world["analist"], filter_=filter_, owner=world["analist"], status=FilterStatus.IN_GEBRUIK
    )


def test_the_index_lists_the_filters_in_use(world, client):
    filters_sync()
    _in_use(world, "voertuigen")
    ended = _in_use(world, "vermogen")
    filter_update(actor=world["analist"], filter_=ended, owner=None, status=FilterStatus.BUITEN_GEBRUIK)
    response = client.get(reverse("algorithms:index"))
    page = response.content.decode()
    assert response.status_code == 200 and "Algoritmes die de gemeente gebruikt" in page
    in_use, rest = page.split("Niet meer in gebruik")
    assert reverse("algorithms:detail", args=["voertuigen"]) in in_use
    assert reverse("algorithms:detail", args=["vermogen"]) in rest
    for never_used in ("kostendelers", "brp_adres", "adresbezetting"):
        assert reverse("algorithms:detail", args=[never_used]) not in page


def test_the_index_without_filters_in_use_says_so(client):
    filters_sync()
    page = client.get(reverse("algorithms:index")).content.decode()
    assert "gebruikt op dit moment geen van deze controles" in page
    assert reverse("algorithms:detail", args=["voertuigen"]) not in page


def test_public_page_shows_only_released_runs_of_a_filter_in_use(world, client):
    filters_sync()
    test_run = ControlRunFactory(reference_date="2026-01-01")  # while the filter was in development
    page = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "01-01-2026" not in page and "nog niet in gebruik" in page
    _in_use(world)
    unreleased = ControlRunFactory(reference_date="2026-02-01")
    released = ControlRunFactory(reference_date="2026-03-01", released=True)
    page = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "Peildatum 01-03-2026: geen aanwijzing voor ongelijke behandeling" in page
    assert "01-01-2026" not in page and "01-02-2026" not in page
    assert test_run.pk and unreleased.pk and released.pk
    assert "wetten.overheid.nl/jci1.3:c:BWBR0015703&amp;artikel=17&amp;lid=1" in page
    assert "client_id" not in page and "birth_date" not in page and "kenteken" in page
    assert reverse("algorithms:index") in page


def test_a_flagged_run_shows_the_explanation_the_fg_approved(world, client):
    filters_sync()
    _in_use(world)
    run = ControlRunFactory(reference_date="2026-04-01", verdict=Verdict.FLAG)
    explanation = (
        "In wijk Noord wonen meer mensen met een bestelbus voor hun werk; dat verklaart het verschil."
    )
    control_run_explain(actor=world["analist"], run=run, explanation=explanation)
    run.status = "released"  # released after the approval below; the page reads the stored state
    run.save(update_fields=["status"])
    page = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "mogelijke ongelijke behandeling gevonden" in page
    assert "bestelbus" not in page  # not approved (yet): not published
    control_run_fg_approve(actor=world["fg"], run=run, note="Intern: besproken met de eigenaar.")
    page = client.get(reverse("algorithms:detail", args=["voertuigen"])).content.decode()
    assert "Peildatum 01-04-2026: mogelijke ongelijke behandeling gevonden." in page
    assert "goedgekeurd door de functionaris gegevensbescherming: In wijk Noord wonen" in page
    assert "gemarkeerd: mogelijke vertekening" not in page.lower()
    assert "Intern: besproken" not in page  # the FG's own note stays internal


def test_a_run_without_bias_check_needs_the_fgs_approval(world, client):
    filters_sync()
    _in_use(world)
    run = ControlRunFactory(verdict=Verdict.INSUFFICIENT_DATA)
    blocker = release_blocker(run)
    assert "te weinig gegevens" in blocker and "FG" in blocker
    client.force_login(world["analist"])
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "De biascheck van deze run kon niet worden gedaan" in page and "Toelichting vastleggen" in page
    response = client.post(reverse("controls:run_release", args=[run.pk]), follow=True)
    assert "kon niet worden gedaan" in response.content.decode()
    run.refresh_from_db()
    assert run.status == "done" and not run.hits.exclude(signal=None).exists()
    with pytest.raises(ValidationError, match="toelichting"):
        control_run_fg_approve(actor=world["fg"], run=run)
    control_run_explain(
        actor=world["analist"], run=run, explanation="Kleine gemeente; de groepen zijn te klein."
    )
    assert "kon niet worden gedaan" in release_blocker(run)
    control_run_fg_approve(actor=world["fg"], run=run, note="Akkoord")
    assert release_blocker(run) == ""


def test_an_ok_run_needs_no_fg_approval(world):
    filters_sync()
    _in_use(world)
    run = ControlRunFactory(verdict=Verdict.OK)
    assert release_blocker(run) == ""
    control_run_explain(actor=world["analist"], run=run, explanation="Niets bijzonders.")
    with pytest.raises(ValidationError, match="Alleen een gemarkeerde run"):
        control_run_fg_approve(actor=world["fg"], run=run)
