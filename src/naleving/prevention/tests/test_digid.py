"""DigiD through a broker (ADR 0022): the BSN and the level of assurance from the verified claims, and the
resident's own short session apart from the staff session. The browser flow against a real provider is
tests/browser/test_oidc_logins.py."""

import pytest
from django.urls import reverse

from naleving.accounts.oidc_client import Refusal
from naleving.prevention.digid import identity_from_claims, loa_of
from naleving.prevention.resident_session import RESIDENT_COOKIE, RESIDENT_PATH

SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (SMARTCARD, "substantieel"),
        ("urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI", "hoog"),
        ("urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract", "midden"),
        ("urn:etoegang:core:assurance-class:loa2plus", "midden"),
        ("urn:etoegang:core:assurance-class:loa3", "substantieel"),
        ("hoog", "hoog"),
        ("urn:unknown", None),
    ],
)
def test_levels_of_assurance_as_brokers_write_them(value, level):
    assert loa_of({"acr": value}, "acr") == level


@pytest.mark.django_db
def test_the_bsn_from_the_token_identifies_the_resident(world):
    identity = identity_from_claims({"bsn": "111222333", "acr": SMARTCARD})
    assert identity.resident_id == world["jansen"].pk and identity.method == "digid"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("claims", "named"),
    [
        ({"bsn": "111222333", "acr": "urn:etoegang:core:assurance-class:loa2plus"}, "niveau 'substantieel'"),
        ({"bsn": "111222333"}, "claim 'acr' ontbreekt"),
        ({"acr": SMARTCARD}, "claim 'bsn' ontbreekt"),
        ({"bsn": "111222334", "acr": SMARTCARD}, "ongeldig burgerservicenummer"),
        ({"bsn": "999999990", "acr": SMARTCARD}, "geen bijstandsuitkering op uw naam"),
    ],
)
def test_refusals_name_what_is_missing_or_too_low(world, claims, named):
    with pytest.raises(Refusal) as refused:
        identity_from_claims(claims)
    assert named in refused.value.message


@pytest.mark.django_db
def test_the_minimum_level_is_configurable(world, settings):
    settings.NALEVING_DIGID = {**settings.NALEVING_DIGID, "MIN_LOA": "hoog"}
    with pytest.raises(Refusal, match="niveau 'hoog'"):
        identity_from_claims({"bsn": "111222333", "acr": SMARTCARD})


@pytest.mark.django_db
def test_the_resident_session_has_its_own_short_cookie_and_leaves_the_staff_session_alone(client, world):
    client.force_login(world["consulent"])
    staff_session = client.cookies["sessionid"].value
    response = client.post(reverse("wijziging:start"), {"bsn": "111222333", "birth_date": "1985-05-17"})
    assert response.status_code == 302
    cookie = response.cookies[RESIDENT_COOKIE]
    assert cookie["path"] == RESIDENT_PATH and cookie["httponly"] and int(cookie["max-age"]) == 30 * 60
    assert "sessionid" not in response.cookies  # the staff session is not read or written here
    assert client.cookies["sessionid"].value == staff_session
    assert client.get("/").status_code == 200  # still logged in as staff
    assert client.get(reverse("wijziging:form")).status_code == 200  # and as the resident, separately


@pytest.mark.django_db
def test_digid_pages_do_not_exist_unless_digid_is_configured(client, settings):
    settings.NALEVING_RESIDENT_LOGIN = "test"
    assert client.get(reverse("wijziging:digid_start")).status_code == 404
    assert client.get(reverse("wijziging:digid_callback")).status_code == 404
