"""The footer's public pages (issue #22): toegankelijkheidsverklaring, privacy statement and contact, open
without login, and the footer that links to them on staff, public and error pages; the municipality's name
and logo in the header."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from naleving.accounts.tests.factories import UserFactory
from naleving.gemeenten.tests.factories import GemeenteFactory, OrganisationFactory

#: The header tests need a database with exactly the municipalities they make (``naleving.testing.fixtures.world``).
WORLD_PER_TEST = True

FOOTER = ("/toegankelijkheidsverklaring/", "/privacyverklaring/", "/contact/")


def _footer_links(body: str) -> None:
    for href in FOOTER:
        assert f'href="{href}"' in body, href


def test_the_footer_urls_are_the_pages():
    assert (reverse("web:accessibility"), reverse("web:privacy"), reverse("web:contact")) == FOOTER


@pytest.mark.django_db
def test_the_accessibility_statement_follows_the_model(client):
    GemeenteFactory()
    body = client.get(reverse("web:accessibility")).content.decode()
    assert "Toegankelijkheidsverklaring" in body
    assert "voldoet gedeeltelijk" in body and "WCAG 2.1" in body and "EN 301 549" in body
    assert 'datetime="2026-12-03"' in body
    assert "axe" in body and "Chromium" in body and "320 pixels" in body
    assert "Wat is nog niet goed?" in body
    assert "werkeninkomen@demostad.example" in body  # where to report a problem
    assert "Nationale ombudsman" in body
    _footer_links(body)


@pytest.mark.django_db
def test_the_privacy_statement_names_controller_purposes_basis_terms_and_rights(client):
    GemeenteFactory()
    body = client.get(reverse("web:privacy")).content.decode()
    assert "het college van burgemeester en wethouders van Demostad" in body
    for text in ("Participatiewet", "IOAW", "IOAZ", "Bbz", "artikel 6 lid 1, onder c", "onder e"):
        assert text in body, text
    assert (
        "artikel 17 van de Participatiewet" in body
        and "artikel 64 (instanties)" in body
        and "Wet SUWI" in body
    )
    assert "nooit wie zij controleert op grond van nationaliteit, afkomst, geloof of gezondheid" in body
    for article in range(15, 22):
        assert f"artikel {article} AVG" in body, article
    assert "functionaris gegevensbescherming" in body and "Autoriteit Persoonsgegevens" in body
    # the retention terms of retention/terms.yaml, in force today
    assert "Inwoner zonder lopende uitkering: 5 jaar na de einddatum van de laatste uitkering." in body


@pytest.mark.django_db
def test_contact_lists_each_municipality_for_a_resident(client):
    OrganisationFactory(name="Baanbrekers")
    GemeenteFactory(code="GM0867", name="Waalwijk", visiting_address="Taxandriaweg 6, Waalwijk")
    GemeenteFactory(code="GM0797", name="Heusden", phone="14 0416")
    body = client.get(reverse("web:contact")).content.decode()
    assert "Gemeente Waalwijk" in body and "Taxandriaweg 6, Waalwijk" in body
    assert "Gemeente Heusden" in body and 'href="tel:140416"' in body
    assert "werkeninkomen@waalwijk.example" in body and "https://www.heusden.example" in body


@pytest.mark.django_db
def test_contact_shows_only_the_staff_members_municipality(client):
    waalwijk = GemeenteFactory(code="GM0867", name="Waalwijk")
    GemeenteFactory(code="GM0797", name="Heusden")
    user = UserFactory(all_gemeenten=False)
    user.gemeenten.set([waalwijk])
    client.force_login(user)
    body = client.get(reverse("web:contact")).content.decode()
    assert "Gemeente Waalwijk" in body and "Gemeente Heusden" not in body


@pytest.mark.django_db
def test_the_footer_is_on_staff_and_public_pages(client, world):
    _footer_links(client.get(reverse("melden:report")).content.decode())
    client.force_login(world["consulent"])
    _footer_links(client.get(reverse("web:home")).content.decode())


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "500.html", "403_csrf.html"])
def test_the_footer_is_on_the_error_pages_without_a_database(template):
    """No django_db mark: the error pages query nothing."""
    body = render_to_string(template)
    _footer_links(body)
    assert "/static/naleving/theme.css" in body


@pytest.mark.django_db
def test_the_header_shows_the_municipality_and_its_logo(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    gemeente = GemeenteFactory(code="GM0867", name="Waalwijk")
    body = client.get(reverse("melden:report")).content.decode()
    assert '<span class="nl-brand__org">Gemeente Waalwijk</span>' in body
    gemeente.logo = SimpleUploadedFile("waalwijk.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    gemeente.save()
    body = client.get(reverse("melden:report")).content.decode()
    src = f"/gemeente/GM0867/logo/?v={gemeente.logo.name}"
    assert f'<img class="nl-brand__logo" src="{src}" alt="Gemeente Waalwijk">' in body
    logo = client.get(src)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")
    assert client.get("/gemeente/GM0797/logo/").status_code == 404  # no such municipality


@pytest.mark.django_db
def test_no_logo_is_a_404(client):
    GemeenteFactory(code="GM0867", name="Waalwijk")
    assert client.get(reverse("web:gemeente_logo", args=["GM0867"])).status_code == 404


@pytest.mark.django_db
def test_with_several_municipalities_the_header_names_the_organisation(client):
    OrganisationFactory(name="Servicecentrum MER")
    GemeenteFactory(code="GM0938", name="Meerssen")
    GemeenteFactory(code="GM1903", name="Eijsden-Margraten")
    body = Client().get(reverse("melden:report")).content.decode()
    assert '<span class="nl-brand__org">Servicecentrum MER</span>' in body


@pytest.mark.django_db
def test_the_menu_button_is_hidden_without_javascript(client, world):
    client.force_login(world["consulent"])
    body = client.get(reverse("web:home")).content.decode()
    assert 'aria-expanded="false" aria-controls="nl-nav-list" hidden>Menu</button>' in body
    assert 'id="nl-nav-list"' in body
