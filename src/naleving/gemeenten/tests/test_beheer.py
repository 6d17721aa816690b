"""Beheer › Gemeenten and the municipalities of a user (issue #17): the beheerder keeps them, every change
is audited, a logo is a small image, and with one municipality nobody chooses."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from naleving.audit.models import AuditEvent
from naleving.gemeenten.models import Gemeente
from naleving.gemeenten.tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png(size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "navy").save(out, format="PNG")
    return out.getvalue()


def _post(gemeente: Gemeente, **changes) -> dict:
    data = {
        "code": gemeente.code,
        "name": gemeente.name,
        "bestuursorgaan": gemeente.bestuursorgaan,
        "objection_addressee": gemeente.objection_addressee,
        "objection_street": gemeente.objection_street,
        "objection_postcode": gemeente.objection_postcode,
        "objection_city": gemeente.objection_city,
        "phone": gemeente.phone,
        "email": gemeente.email,
        "website": gemeente.website,
        "visiting_address": gemeente.visiting_address,
        "payment_iban": gemeente.payment_iban,
        "payment_account_name": gemeente.payment_account_name,
        "policy_profile": gemeente.policy_profile,
    }
    return {**data, **changes}


def test_the_beheerder_edits_a_municipality_and_the_change_is_audited(client, world):
    gemeente = GemeenteFactory()
    client.force_login(world["beheerder"])
    page = client.get(reverse("gemeenten:list")).content.decode()
    assert "Demostad" in page and "GM9999" in page
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(
        reverse("gemeenten:edit", args=[gemeente.pk]),
        {**_post(gemeente, objection_street="Postbus 10000", policy_profile="mer-2025"), "logo_upload": logo},
    )
    assert response.status_code == 302
    gemeente.refresh_from_db()
    assert gemeente.objection_street == "Postbus 10000" and gemeente.policy_profile == "mer-2025"
    assert gemeente.logo.name.endswith(".png")
    event = AuditEvent.objects.get(code="gemeente.changed")
    assert event.before == {"objection_street": "Postbus 1000", "policy_profile": ""}
    assert event.after["objection_street"] == "Postbus 10000" and "logo" in event.after


def test_the_payment_account_is_a_valid_iban(client, world):
    gemeente = GemeenteFactory()
    client.force_login(world["beheerder"])
    url = reverse("gemeenten:edit", args=[gemeente.pk])
    response = client.post(url, _post(gemeente, payment_iban="NL14BNGH0285001235"))
    assert response.status_code == 200 and "controlegetal" in response.content.decode()
    response = client.post(
        url, _post(gemeente, payment_iban="nl20 ingb 0001 2345 67", payment_account_name="Gem. D")
    )
    assert response.status_code == 302
    gemeente.refresh_from_db()
    assert (gemeente.payment_iban, gemeente.payment_account_name) == ("NL20INGB0001234567", "Gem. D")


def test_a_new_municipality_needs_a_cbs_code(client, world):
    client.force_login(world["beheerder"])
    blank = Gemeente(code="", name="Heusden", bestuursorgaan="het college van Heusden")
    response = client.post(reverse("gemeenten:create"), _post(blank, code="0797"))
    assert response.status_code == 200 and "CBS-gemeentecode" in response.content.decode()
    response = client.post(reverse("gemeenten:create"), _post(blank, code="gm0797"))
    assert response.status_code == 302
    assert Gemeente.objects.get(name="Heusden").code == "GM0797"
    assert AuditEvent.objects.filter(code="gemeente.created").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", "geen PNG"),
        ("logo.png", b"not an image at all", "geen PNG"),
        ("logo.gif", None, "Alleen een PNG"),
        ("groot.png", "big", "groter dan 512 kB"),
    ],
)
def test_a_logo_is_a_small_png_or_jpeg(client, world, name, content, message):
    if content is None:
        out = io.BytesIO()
        Image.new("RGB", (4, 4)).save(out, format="GIF")
        content = out.getvalue()
    elif content == "big":
        content = _png() + b"\0" * (513 * 1024)
    gemeente = GemeenteFactory()
    client.force_login(world["beheerder"])
    response = client.post(
        reverse("gemeenten:edit", args=[gemeente.pk]),
        {**_post(gemeente), "logo_upload": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200 and message in response.content.decode()
    gemeente.refresh_from_db()
    assert not gemeente.logo


@pytest.mark.parametrize("role", ["consulent", "teamleider", "fg", "analist"])
def test_only_the_beheerder_manages_municipalities(client, world, role):
    gemeente = GemeenteFactory()
    client.force_login(world[role])
    assert client.get(reverse("gemeenten:list")).status_code == 403
    response = client.post(reverse("gemeenten:edit", args=[gemeente.pk]), _post(gemeente, name="Anders"))
    assert response.status_code == 403
    gemeente.refresh_from_db()
    assert gemeente.name == "Demostad"


def test_the_beheerder_chooses_a_users_municipalities_and_that_is_audited(client, world):
    demostad, waalwijk = GemeenteFactory(), GemeenteFactory(code="GM0867", name="Waalwijk")
    user = world["consulent_zuid"]
    client.force_login(world["beheerder"])
    page = client.get(reverse("beheer:user_detail", args=[user.pk])).content.decode()
    assert "Werkt voor alle gemeenten" in page and "Waalwijk" in page
    response = client.post(
        reverse("beheer:user_detail", args=[user.pk]),
        {"team": user.team_id, "roles": ["inkomensconsulent"], "gemeenten": [waalwijk.pk]},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.all_gemeenten and list(user.gemeenten.all()) == [waalwijk]
    event = AuditEvent.objects.get(code="user.gemeenten_changed")
    assert event.before == {"alle": True, "gemeenten": []}
    assert event.after == {"alle": False, "gemeenten": ["GM0867"]}
    response = client.post(
        reverse("beheer:user_detail", args=[user.pk]),
        {"team": user.team_id, "roles": ["inkomensconsulent"]},
    )
    assert response.status_code == 200 and "Kies ten minste één gemeente" in response.content.decode()
    assert demostad not in user.gemeenten.all()


def test_with_one_municipality_the_user_form_does_not_ask(client, world):
    GemeenteFactory()
    client.force_login(world["beheerder"])
    page = client.get(reverse("beheer:user_create")).content.decode()
    assert "Werkt voor alle gemeenten" not in page
    user = world["consulent_zuid"]
    response = client.post(
        reverse("beheer:user_detail", args=[user.pk]),
        {"team": user.team_id, "roles": ["inkomensconsulent"]},
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(code="user.gemeenten_changed").exists()
