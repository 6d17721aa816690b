"""The proxy gate (issue #23): a filter input planted to follow district is flagged by the proxy check of the
delivery, and a run of the filter is not released until the analyst has justified it and the FG approved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from naleving.audit.models import AuditEvent
from naleving.controls.filter_register import filter_update
from naleving.controls.models import FilterStatus, ProxyCheck
from naleving.controls.proxy import (
    proxy_blocker,
    proxy_check_fg_decide,
    proxy_check_justify,
    proxy_check_run,
)
from naleving.controls.runs import control_run_release, release_blocker
from naleving.controls.tests.test_controls_web import _run, bsns, in_use
from naleving.signals.models import Signal

pytestmark = pytest.mark.django_db

DISTRICTS = ("Centrum", "Noord", "Oost")


def planted(follows="district"):
    """60 clients, 20 per district. In each district 4 clients have 3 vehicles (the hits: the same share
    everywhere, so the bias check of the selection is not flagged); the other 16 have as many vehicles as
    the district's index (0, 1 or 2): the number of vehicles follows the district. With ``follows="sex"``
    the other 16 get 0 or 1 vehicle by sex instead."""
    header = (
        "client_id,bsn,birth_date,sex,household_type,partner_bsn,kostendelers_applied,address_id,district,"
        "regulation,benefit_start,benefit_end"
    )
    clients, vehicles = [header], ["bsn,plate,registered_from,registered_to"]
    for i, bsn in enumerate(bsns(60)):
        district, sex = DISTRICTS[i // 20], "MV"[i % 2]
        clients.append(f"K{i:03d},{bsn},1980-01-01,{sex},alleenstaande,,1,A{i:03d},{district},Pw,2020-01-01,")
        if i % 20 < 4:
            cars = 3
        elif follows == "district":
            cars = i // 20
        else:
            cars = "MV".index(sex)
        vehicles += [f"{bsn},P{i:03d}-{k},2025-06-01," for k in range(cars)]
    return {
        name: SimpleUploadedFile(f"{name}.csv", "\n".join(rows).encode(), content_type="text/csv")
        for name, rows in (("clients", clients), ("vehicles", vehicles))
    }


@pytest.fixture
def flagged(world):
    """A run of voertuigen (in use) over the planted delivery, and the proxy check it got."""
    in_use(world)
    run = _run(world["analist"], files=planted())
    return run, run.filter.proxy_checks.get()


def test_a_planted_proxy_of_district_is_stopped_until_justified_and_approved(world, flagged):
    run, check = flagged
    assert run.verdict == "ok" and run.hits_count == 12  # the selection itself is even
    assert check.delivery_id == run.delivery_id and check.needs_justification
    assert [(f["input"], f["attribute"]) for f in check.report["flagged"]] == [
        ("vehicles_in_year", "district")
    ]
    assert check.max_v > 0.8 and check.report["flagged"][0]["p_value"] < 0.001

    with pytest.raises(ValidationError) as refused:
        control_run_release(actor=world["analist"], run=run)
    message = " ".join(refused.value.messages)
    assert "aantal voertuigen op naam" in message and "wijk" in message
    assert "Cramér's V = 0,8" in message or "Cramér's V = 0,9" in message
    assert "verantwoord" in message and "FG" in message

    with pytest.raises(ValidationError, match="nog geen verantwoording"):
        proxy_check_fg_decide(actor=world["fg"], check=check, approved=True)
    with pytest.raises(ValidationError, match="Schrijf"):
        proxy_check_justify(actor=world["analist"], check=check, justification="  ")
    proxy_check_justify(
        actor=world["analist"], check=check, justification="Het aantal voertuigen is het criterium zelf."
    )
    assert "zodra de FG" in release_blocker(run)
    with pytest.raises(ValidationError, match="niet goedkeurt"):
        proxy_check_fg_decide(actor=world["fg"], check=check, approved=False)
    proxy_check_fg_decide(actor=world["fg"], check=check, approved=False, note="Eerst de wijken vergelijken.")
    assert "niet goed (Eerst de wijken vergelijken.)" in release_blocker(run)

    proxy_check_justify(actor=world["analist"], check=check, justification="Vergeleken: geen wijkeffect.")
    proxy_check_fg_decide(actor=world["fg"], check=check, approved=True, note="Akkoord")
    assert release_blocker(run) == ""
    assert control_run_release(actor=world["analist"], run=run) == 12
    assert Signal.objects.filter(origin="themacontrole").count() == 12
    codes = list(AuditEvent.objects.values_list("code", flat=True))
    assert codes.count("control.proxy_justified") == 2 and "control.proxy_fg_rejected" in codes
    assert {"control.proxy_checked", "control.proxy_fg_approved", "control.released"} <= set(codes)


def test_only_the_analyst_justifies_and_only_the_fg_approves(world, flagged):
    _, check = flagged
    for who in ("consulent", "fg", "teamleider"):
        with pytest.raises(PermissionDenied):
            proxy_check_justify(actor=world[who], check=check, justification="x")
    proxy_check_justify(actor=world["analist"], check=check, justification="Verantwoord.")
    for who in ("analist", "teamleider", "consulent"):
        with pytest.raises(PermissionDenied):
            proxy_check_fg_decide(actor=world[who], check=check, approved=True)
    with pytest.raises(PermissionDenied):
        proxy_check_run(actor=world["fg"], filter_=check.filter)


def test_an_approval_carries_over_to_the_same_pattern_but_not_to_a_new_one(world, flagged):
    run, check = flagged
    proxy_check_justify(actor=world["analist"], check=check, justification="Verantwoord.")
    proxy_check_fg_decide(actor=world["fg"], check=check, approved=True)
    again = proxy_check_run(actor=world["analist"], filter_=run.filter)  # on demand: the same tables
    assert again.pk != check.pk and again.report["flagged"] == check.report["flagged"]
    assert again.fg_approved_by == world["fg"] and again.report["carried_from"] == check.pk
    assert again.max_v == pytest.approx(check.max_v)
    second = _run(world["analist"], files=planted())  # the next delivery, the same pattern
    assert second.filter.proxy_checks.first().fg_approved_by == world["fg"]
    assert release_blocker(second) == ""

    third = _run(world["analist"], files=planted(follows="sex"))  # a new pattern: the vehicles follow sex
    latest = third.filter.proxy_checks.first()
    assert [(f["input"], f["attribute"]) for f in latest.report["flagged"]] == [("vehicles_in_year", "sex")]
    assert latest.fg_approved_by is None and not latest.justification
    assert "geslacht" in release_blocker(third)


def test_a_status_change_checks_again_and_without_a_delivery_there_is_nothing_to_check(world):
    filter_ = in_use(world)
    assert not ProxyCheck.objects.exists()  # no delivery yet: nothing was measured
    with pytest.raises(ValidationError, match="nog geen levering"):
        proxy_check_run(actor=world["analist"], filter_=filter_)
    assert proxy_blocker(filter_) == ""
    _run(world["analist"], files=planted())
    filter_update(
        actor=world["analist"], filter_=filter_, owner=world["analist"], status=FilterStatus.BUITEN_GEBRUIK
    )
    latest = filter_.proxy_checks.first()
    assert filter_.proxy_checks.count() == 2 and latest.reason == "status gewijzigd naar 'Buiten gebruik'"
    assert latest.needs_justification


def test_the_pages_show_the_check_and_take_the_justification_and_the_decision(world, client, flagged):
    run, check = flagged
    client.force_login(world["analist"])
    page = client.get(reverse("controls:filter_detail", args=["voertuigen"])).content.decode()
    assert 'data-testid="proxycontrole"' in page and "verantwoording door de analist nodig" in page
    page = client.get(reverse("controls:run_detail", args=[run.pk])).content.decode()
    assert "De proxycontrole van dit filter" in page  # why the release button is not there
    page = client.get(reverse("controls:proxy_check", args=["voertuigen"])).content.decode()
    assert "Invoer: aantal voertuigen op naam" in page and "Boven de drempel" in page
    assert "Centrum" in page and "Proxycontrole uitvoeren" in page
    response = client.post(
        reverse("controls:proxy_check_justify", args=[check.pk]), {"justification": "Het criterium zelf."}
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("controls:proxy_check_fg", args=[check.pk]), {"decision": "approved"}).status_code
        == 403
    )
    response = client.post(reverse("controls:proxy_check_run", args=["voertuigen"]))
    assert response.status_code == 302 and ProxyCheck.objects.count() == 2

    client.force_login(world["fg"])
    latest = run.filter.proxy_checks.first()
    page = client.get(reverse("controls:proxy_check", args=["voertuigen"])).content.decode()
    assert "Beoordeling vastleggen" in page and "Proxycontrole uitvoeren" not in page
    client.post(
        reverse("controls:proxy_check_fg", args=[latest.pk]), {"decision": "approved", "note": "Akkoord"}
    )
    latest.refresh_from_db()
    assert latest.fg_approved_by == world["fg"]
    assert client.post(reverse("controls:proxy_check_run", args=["voertuigen"])).status_code == 403

    client.force_login(world["consulent"])
    assert client.get(reverse("controls:proxy_check", args=["voertuigen"])).status_code == 403


def test_the_blocker_page_message_names_input_v_and_what_to_do(world, flagged):
    run, _ = flagged
    text = release_blocker(run)
    assert text.startswith("De proxycontrole van dit filter (levering ")
    assert "de drempel is V = 0,3" in text and "pagina van de proxycontrole" in text
