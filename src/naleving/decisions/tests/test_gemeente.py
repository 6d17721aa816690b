"""Issue #17: a besluit is made by the resident's municipality. Its letter carries that municipality's
letterhead, logo, bestuursorgaan, objection address (Awb 6:4) and contact details, and the engine applies
that municipality's policy profile. ``naleving check`` warns when a municipality's letters would miss
its objection address or contact details."""

import io
import struct
import zlib

import pytest
from pypdf import PdfReader

from naleving.decisions.checks import check_gemeenten
from naleving.decisions.letters import besluit_letter_pdf
from naleving.decisions.tests.factories import BesluitFactory
from naleving.decisions.tests.fixtures import DECIDED
from naleving.gemeenten.tests.factories import GemeenteFactory
from naleving.investigations.tests.factories import InvestigationFactory
from naleving.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def waalwijk(**fields):
    return GemeenteFactory(**{
        "code": "GM0867", "name": "Waalwijk", "objection_street": "Postbus 10150", "objection_postcode": "5140 GB",
        "phone": "0416 683 456", "email": "info@waalwijk.example", "website": "https://www.waalwijk.example",
        **fields,
    })  # fmt: skip


def heusden(**fields):
    return GemeenteFactory(**{
        "code": "GM0797", "name": "Heusden", "objection_street": "Postbus 41", "objection_postcode": "5250 AA",
        "objection_city": "Vlijmen", "phone": "073 513 1788", "email": "info@heusden.example",
        "website": "https://www.heusden.example", **fields,
    })  # fmt: skip


def besluit_in(gemeente):
    return BesluitFactory(
        investigation__resident__gemeente=gemeente, investigation__resident__city=gemeente.name
    )


def traces_of(gemeente) -> tuple[str, ...]:
    """What only ``gemeente``'s letters say (a resident's name may well contain a town's name)."""
    return (
        gemeente.letterhead,
        gemeente.bestuursorgaan,
        gemeente.objection_street,
        gemeente.phone,
        gemeente.email,
        gemeente.website.removeprefix("https://"),
    )


def letter_text(besluit) -> str:
    reader = PdfReader(io.BytesIO(besluit_letter_pdf(besluit=besluit, sent_on=DECIDED)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_each_letter_carries_its_own_municipality_and_objection_address():
    in_waalwijk, in_heusden = besluit_in(waalwijk()), besluit_in(heusden())
    assert (in_waalwijk.gemeente.name, in_heusden.gemeente.name) == ("Waalwijk", "Heusden")

    text = letter_text(in_waalwijk)
    assert text.startswith("Gemeente Waalwijk")
    assert (
        "Bent u het niet eens met dit besluit? Dan kunt u bezwaar maken. Uw bezwaar moet uiterlijk op 12 juni "
        "2026 binnen zijn bij: College van burgemeester en wethouders van Waalwijk, Postbus 10150, 5140 GB "
        "Waalwijk." in text
    )
    assert "namens het college van burgemeester en wethouders van Waalwijk" in text
    assert "0416 683 456" in text and "info@waalwijk.example" in text and "www.waalwijk.example" in text
    assert not [trace for trace in traces_of(in_heusden.gemeente) if trace in text]
    assert "Demostad" not in text

    text = letter_text(in_heusden)
    assert text.startswith("Gemeente Heusden")
    assert (
        "binnen zijn bij: College van burgemeester en wethouders van Heusden, Postbus 41, 5250 AA Vlijmen."
        in text
    )
    assert "073 513 1788" in text
    assert not [trace for trace in traces_of(in_waalwijk.gemeente) if trace in text]


def test_the_letter_stays_with_the_municipality_that_decided_when_the_resident_moves():
    besluit = besluit_in(waalwijk())
    besluit.resident.gemeente = heusden()
    besluit.resident.save(update_fields=["gemeente"])
    besluit.refresh_from_db()

    text = letter_text(besluit)
    assert text.startswith("Gemeente Waalwijk") and "Postbus 10150" in text
    assert not [trace for trace in traces_of(besluit.resident.gemeente) if trace in text]


def png(width: int = 4, height: int = 2) -> bytes:
    """A small opaque red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_the_logo_is_read_from_the_storage_into_the_letter(settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    with_logo = waalwijk()
    with_logo.logo.save("waalwijk.png", ContentFile(png()))
    without_logo = heusden()

    def images(besluit) -> int:
        reader = PdfReader(io.BytesIO(besluit_letter_pdf(besluit=besluit, sent_on=DECIDED)))
        return sum(len(page.images) for page in reader.pages)

    assert images(besluit_in(with_logo)) > 0
    assert images(besluit_in(without_logo)) == 0


def test_each_residents_case_is_decided_under_their_municipalitys_profile(world, record):
    from naleving.decisions.engine_request import profile_of

    by_gemeente = {}
    for gemeente in (waalwijk(policy_profile="baanbrekers-2026"), heusden(policy_profile="mer-2025")):
        resident = ResidentFactory(consulent=world["consulent"], gemeente=gemeente)
        investigation = InvestigationFactory(
            resident=resident, assigned_to=world["handhaver"], closed_with_breach=True
        )
        by_gemeente[gemeente.name] = record(investigation)

    for name, profile in (("Waalwijk", "baanbrekers-2026"), ("Heusden", "mer-2025")):
        besluit = by_gemeente[name]
        assert besluit.gemeente.name == name
        assert besluit.engine_request["profile"] == profile
        assert besluit.engine_response["profile"] == profile
        assert besluit.profile == profile

    # a municipality without its own profile: the installation's default
    assert profile_of(world["jansen"]) == "landelijk"
    assert record(InvestigationFactory(resident=world["jansen"], assigned_to=world["handhaver"],
                                       closed_with_breach=True)).profile == "landelijk"  # fmt: skip


def test_the_check_names_a_municipality_without_objection_address_or_contact_details():
    waalwijk()
    heusden(objection_street="", objection_postcode="", phone="", website="")

    warnings = check_gemeenten()

    assert [warning.id for warning in warnings] == ["naleving.W004"]
    assert warnings[0].msg == (
        "Gemeente Heusden (GM0797): brieven missen bezwaar: straat of postbus, bezwaar: postcode, telefoon, "
        "website."
    )


def test_the_check_is_silent_when_every_municipality_is_complete():
    waalwijk()
    heusden()
    assert check_gemeenten() == []
