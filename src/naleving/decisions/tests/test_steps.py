"""The steps of a besluit (issue #21): which step is open for each status and for whom, a failed save that
opens the step with its errors, and that a step cannot be opened out of turn by a query parameter or a
forged hidden field."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from naleving.decisions import dispatch, services
from naleving.decisions.models import BesluitStatus, Brief
from naleving.decisions.tests.fixtures import DECIDED, TOETS
from naleving.decisions.tests.test_views import post_data, prepare_url, step_post

pytestmark = pytest.mark.django_db


def status(body: str, key: str) -> str:
    """The status in words of step ``key`` on the page."""
    match = re.search(rf'data-testid="status-{key}">Status: <strong>([^<]*)</strong>', body)
    assert match, key
    return match.group(1)


def current(body: str) -> list[str]:
    return re.findall(r'data-step="(\w+)" aria-current="step"', body)


def detail(client, besluit, **query) -> str:
    url = reverse("decisions:detail", args=[besluit.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


COSIGN_FORM = 'action="/besluiten/{pk}/medeondertekenen/"'
SEND_FORM = 'action="/besluiten/{pk}/brief/verzenden/"'


# -- preparing: the draft ---------------------------------------------------------------------------------


def test_a_new_besluit_opens_the_weging_and_nothing_after_it(client, world, breach):
    client.force_login(world["consulent"])
    body = client.get(prepare_url(breach)).content.decode()
    assert current(body) == ["weging"] and status(body, "weging") == "nu aan de beurt"
    assert status(body, "voorstel") == "nog niet mogelijk: vul eerst de weging in (stap 1)"
    assert status(body, "afwijken").startswith("nog niet mogelijk")
    assert "Besluit vastleggen" not in body and "Voorstel berekenen" not in body
    assert 'name="weging_rol_gemeente"' in body and "<textarea" in body


@pytest.mark.parametrize("stap", ["voorstel", "afwijken", "medeondertekenen", "brief", "onzin"])
def test_a_later_step_cannot_be_opened_by_the_query(client, world, breach, stap):
    client.force_login(world["consulent"])
    response = client.get(prepare_url(breach, stap=stap))
    body = response.content.decode()
    assert response.context["open"] == "weging" and current(body) == ["weging"]
    assert "Besluit vastleggen" not in body and "Volgende stap: volgen of afwijken" not in body


def test_a_forged_list_of_done_steps_does_not_skip_an_empty_weging(client, world, breach):
    client.force_login(world["consulent"])
    forged = step_post(
        client, breach, "voorstel", "afwijken", gezien=["weging", "voorstel"], weging_rol_gemeente=""
    )
    body = forged.content.decode()
    assert forged.context["open"] == "weging" and "Besluit vastleggen" not in body
    assert status(body, "afwijken").startswith("nog niet mogelijk")


def test_the_steps_go_weging_voorstel_afwijken_with_summaries_of_the_done_ones(client, world, breach):
    client.force_login(world["consulent"])
    response = step_post(client, breach, "weging", "voorstel")
    body = response.content.decode()
    assert current(body) == ["voorstel"] and status(body, "weging") == "afgerond"
    assert "Weging wijzigen" in body and "Voorstel berekenen" in body
    response = step_post(client, breach, "voorstel", "afwijken", gezien=["weging"])
    body = response.content.decode()
    assert current(body) == ["afwijken"] and status(body, "voorstel") == "afgerond"
    assert "art. 18a lid 2 Pw" in body  # the proposal's reasons with their articles stay visible
    assert "Besluit vastleggen" in body and "Peildatum of medewerking wijzigen" in body
    # back to the weging: its form opens again, the later steps keep what was filled in
    body = step_post(client, breach, "afwijken", "weging", gezien=["weging", "voorstel"]).content.decode()
    assert current(body) == ["weging"] and 'name="fine_amount" value="625.00"' in body


def test_going_on_with_a_missing_answer_shows_the_weging_again_with_its_errors(client, world, breach):
    client.force_login(world["consulent"])
    response = step_post(client, breach, "weging", "voorstel", weging_rol_gemeente="")
    body = response.content.decode()
    assert response.status_code == 200 and response.context["open"] == "weging"
    assert 'role="alert"' in body and "De weging is nog niet compleet" in body
    assert 'id="id_weging_rol_gemeente_error"' in body
    assert "Voorstel berekenen" not in body


def test_another_peildatum_shows_the_new_proposal_before_going_on(client, world, breach):
    client.force_login(world["consulent"])
    data = post_data(decision_date="2026-05-04") | {
        "stap": "voorstel",
        "naar": "afwijken",
        "gezien": ["weging"],
    }
    data["berekend_voor"] = f"{DECIDED}|yes"
    response = client.post(prepare_url(breach), data)
    assert response.context["open"] == "voorstel" and "04-05-2026" in response.content.decode()


def test_a_failed_save_opens_the_step_with_the_error_and_its_summary(client, world, breach):
    client.force_login(world["consulent"])
    data = post_data(fine_amount="300.00") | {
        "stap": "afwijken",
        "vastleggen": "1",
        "gezien": ["weging", "voorstel"],
    }
    data["berekend_voor"] = f"{DECIDED}|yes"
    response = client.post(prepare_url(breach), data)
    body = response.content.decode()
    assert response.status_code == 200 and not breach.besluiten.exists()
    assert response.context["open"] == "afwijken" and current(body) == ["afwijken"]
    assert body.index("Het besluit is nog niet vastgelegd") < body.index('id="id_sanction_type"')
    assert 'id="id_deviation_motivation_error"' in body
    assert status(body, "weging") == "afgerond" and status(body, "voorstel") == "afgerond"


def test_a_failed_save_with_a_weging_error_opens_the_weging(client, world, breach):
    client.force_login(world["consulent"])
    data = post_data(weging_zienswijze="") | {
        "stap": "afwijken",
        "vastleggen": "1",
        "gezien": ["weging", "voorstel"],
    }
    data["berekend_voor"] = f"{DECIDED}|yes"
    response = client.post(prepare_url(breach), data)
    body = response.content.decode()
    assert response.context["open"] == "weging" and 'id="id_weging_zienswijze_error"' in body
    assert "Besluit vastleggen" not in body and not breach.besluiten.exists()


# -- the besluit page -------------------------------------------------------------------------------------


@pytest.fixture
def deviating(breach, record):
    """A lighter fine than proposed: it waits for a second signature."""
    besluit = record(
        breach, fine_amount=Decimal("300.00"), deviation_motivation="Draagkracht.", omgekeerde_toets=TOETS
    )
    assert besluit.status == BesluitStatus.TER_ONDERTEKENING
    return besluit


def test_waiting_for_a_cosigner_the_recorder_sees_no_form(client, world, deviating):
    client.force_login(world["consulent"])
    body = detail(client, deviating)
    assert current(body) == ["medeondertekenen"]
    assert "u heeft het besluit zelf vastgelegd" in status(body, "medeondertekenen")
    assert status(body, "brief") == "nog niet mogelijk: wacht op medeondertekening door een tweede medewerker"
    assert status(body, "weging") == status(body, "voorstel") == status(body, "afwijken") == "afgerond"
    assert COSIGN_FORM.format(pk=deviating.pk) not in body and SEND_FORM.format(pk=deviating.pk) not in body
    for stap in ("medeondertekenen", "brief"):  # nor by asking for the step
        body = detail(client, deviating, stap=stap)
        assert (
            COSIGN_FORM.format(pk=deviating.pk) not in body and SEND_FORM.format(pk=deviating.pk) not in body
        )


def test_waiting_for_a_cosigner_the_cosigner_has_the_form(client, world, deviating):
    client.force_login(world["teamleider"])
    body = detail(client, deviating)
    assert current(body) == ["medeondertekenen"] and status(body, "medeondertekenen") == "nu aan de beurt"
    assert COSIGN_FORM.format(pk=deviating.pk) in body
    assert status(body, "brief").startswith("nog niet mogelijk") and "Brief verzenden" not in body
    body = detail(client, deviating, stap="brief")
    assert "Brief verzenden" not in body and SEND_FORM.format(pk=deviating.pk) not in body
    assert "Draagkracht." in body and TOETS["effect"] in body  # the deviation, summarised


def test_signed_without_a_letter_the_letter_step_is_open(client, world, breach, record):
    besluit = record(breach)
    client.force_login(world["consulent"])
    body = detail(client, besluit)
    assert current(body) == ["brief"] and status(body, "brief") == "nu aan de beurt"
    assert "niet nodig" in status(body, "medeondertekenen")
    assert SEND_FORM.format(pk=besluit.pk) in body and COSIGN_FORM.format(pk=besluit.pk) not in body
    assert "Niet afgeweken: het voorstel van de beslisregels is gevolgd." in body
    assert "art. 18a lid 2 Pw" in body


def test_a_sent_letter_completes_every_step(client, world, breach, record):
    besluit = record(breach)
    dispatch.letter_send(actor=world["consulent"], besluit=besluit, sent_on=DECIDED)
    client.force_login(world["consulent"])
    body = detail(client, besluit, stap="brief")
    assert current(body) == [] and all(
        status(body, key) == "afgerond" for key in ("weging", "voorstel", "afwijken", "brief")
    )
    assert SEND_FORM.format(pk=besluit.pk) not in body and "Verzonden op 01-05-2026" in body


def test_a_failed_send_shows_the_page_with_the_letter_step_and_its_error(client, world, breach, record):
    besluit = record(breach)
    client.force_login(world["consulent"])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(reverse("decisions:letter_send", args=[besluit.pk]), {"sent_on": future})
    body = response.content.decode()
    assert response.status_code == 200 and not Brief.objects.filter(besluit=besluit).exists()
    assert current(body) == ["brief"] and "ligt in de toekomst" in body
    assert body.index("De brief is nog niet verzonden. Bekijk de melding") < body.index('name="sent_on"')
    assert 'id="id_sent_on_error"' in body
    response = client.post(reverse("decisions:letter_send", args=[besluit.pk]), {"sent_on": "gisteren"})
    assert "Vul een geldige verzenddatum in" in response.content.decode()


def test_the_cosigned_besluit_opens_the_letter_for_the_recorder(client, world, deviating):
    services.besluit_cosign(actor=world["teamleider"], besluit=deviating)
    client.force_login(world["consulent"])
    body = detail(client, deviating)
    assert status(body, "medeondertekenen") == "afgerond" and current(body) == ["brief"]
    assert "Medeondertekend door" in body and SEND_FORM.format(pk=deviating.pk) in body
    assert COSIGN_FORM.format(pk=deviating.pk) not in body


def test_a_concept_besluit_opens_neither_cosigning_nor_the_letter(client, world, breach):
    from naleving.decisions.tests.factories import BesluitFactory

    besluit = BesluitFactory(investigation=breach, concept=True, recorded_by=world["consulent"])
    client.force_login(world["teamleider"])
    for stap in ("", "medeondertekenen", "brief"):
        body = detail(client, besluit, **({"stap": stap} if stap else {}))
        assert status(body, "medeondertekenen") == "nog niet mogelijk: het besluit is nog een concept"
        assert status(body, "brief").startswith("nog niet mogelijk") and current(body) == []
        assert COSIGN_FORM.format(pk=besluit.pk) not in body and SEND_FORM.format(pk=besluit.pk) not in body
