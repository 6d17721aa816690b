"""The decision pages as a consulent and a teamleider use them, and the beschikking as a real PDF."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from naleving.audit.models import AuditEvent
from naleving.decisions.models import Besluit, BesluitStatus
from naleving.decisions.tests.fixtures import DECIDED, TOETS, WEGING

pytestmark = pytest.mark.django_db


def prepare_url(investigation, **query) -> str:
    url = reverse("decisions:prepare", args=[investigation.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def post_data(**overrides) -> dict:
    data = {
        "decision_date": DECIDED.isoformat(),
        "cooperation": "yes",
        "sanction_type": "boete",
        "fine_amount": "625.00",
        "recovery_amount": "1250.00",
        "deviation_motivation": "",
        "motivation": "U krijgt een boete van € 625,00.",
        **{f"weging_{code}": answer for code, answer in WEGING.items()},
    }
    data.update(overrides)
    return data


def step_post(client, investigation, stap: str, naar: str, gezien=(), **overrides):
    """A submit on one step of the prepare page, carrying the other steps as the page does."""
    data = post_data(**overrides)
    data |= {"stap": stap, "naar": naar, "gezien": list(gezien)}
    data["berekend_voor"] = f"{data['decision_date']}|{data['cooperation']}"
    return client.post(prepare_url(investigation), data)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_investigation_page_links_to_preparing_the_besluit(client, world, breach):
    client.force_login(world["consulent"])
    body = client.get(reverse("investigations:detail", args=[breach.pk])).content.decode()
    assert "Besluit voorbereiden" in body and prepare_url(breach) in body
    client.force_login(world["handhaver"])
    body = client.get(reverse("investigations:detail", args=[breach.pk])).content.decode()
    assert "Besluit voorbereiden" not in body and "De inkomensconsulent bereidt het besluit voor" in body


def test_the_prepare_page_shows_the_proposal_with_reasons_and_a_prefilled_form(client, world, breach):
    client.force_login(world["consulent"])
    response = step_post(client, breach, "weging", "voorstel")
    body = response.content.decode()
    assert response.status_code == 200 and response.context["open"] == "voorstel"
    assert "€ 625,00" in body and "€ 1.250,00" in body
    assert "art. 18a lid 2 Pw" in body and "art. 2 lid 7 Boetebesluit" in body  # citations with the reasons
    assert "Risico- en impactbeoordeling" not in body and "Hulp inschakelen" not in body
    body = step_post(client, breach, "voorstel", "afwijken", gezien=["weging"]).content.decode()
    assert 'name="fine_amount" value="625.00"' in body and 'name="recovery_amount" value="1250.00"' in body
    assert "Welke omstandigheden maken dat de voorgestelde sanctie onevenredig is?" in body
    assert "art. 18a lid 2 Pw" in body  # the reasons stay visible on the completed step


def test_recording_from_the_page(client, world, breach):
    client.force_login(world["consulent"])
    response = client.post(prepare_url(breach), post_data())
    besluit = Besluit.objects.get(investigation=breach)
    assert response.status_code == 302 and response["Location"] == reverse(
        "decisions:detail", args=[besluit.pk]
    )
    assert besluit.status == BesluitStatus.VASTGESTELD and besluit.vorderingen.count() == 2
    body = client.get(response["Location"]).content.decode()
    assert "vastgesteld" in body.lower() and "Brief verzenden" in body and "Voorbeeld (concept, PDF)" in body
    # Once decided, the prepare page leads to the besluit.
    assert client.get(prepare_url(breach))["Location"] == reverse("decisions:detail", args=[besluit.pk])


def test_a_deviation_without_motivation_shows_the_questions_as_errors(client, world, breach):
    client.force_login(world["consulent"])
    response = client.post(prepare_url(breach), post_data(fine_amount="300.00"))
    body = response.content.decode()
    assert response.status_code == 200 and not Besluit.objects.filter(investigation=breach).exists()
    assert "Het besluit is nog niet vastgelegd" in body
    assert body.count('class="utrecht-form-field-error-message" id="id_toets_') == 3
    assert "Beantwoord deze vraag: u wijkt af van het voorstel." in body
    assert 'id="id_deviation_motivation_error"' in body


def test_a_heavier_sanction_is_refused_on_the_page(client, world, breach):
    client.force_login(world["consulent"])
    body = client.post(
        prepare_url(breach), post_data(sanction_type="aangifte", fine_amount="0")
    ).content.decode()
    assert "niet zwaarder" in body and not Besluit.objects.filter(investigation=breach).exists()


def test_a_deviation_is_cosigned_by_the_teamleider_on_the_page(client, world, breach):
    client.force_login(world["consulent"])
    toets = {f"toets_{key}": answer for key, answer in TOETS.items()}
    client.post(
        prepare_url(breach), post_data(fine_amount="300.00", deviation_motivation="Draagkracht.", **toets)
    )
    besluit = Besluit.objects.get(investigation=breach)
    assert besluit.status == BesluitStatus.TER_ONDERTEKENING
    detail = reverse("decisions:detail", args=[besluit.pk])
    body = client.get(detail).content.decode()
    assert reverse("decisions:cosign", args=[besluit.pk]) not in body and "Brief verzenden" not in body
    assert client.get(reverse("decisions:letter", args=[besluit.pk])).status_code == 404
    client.force_login(world["teamleider"])
    body = client.get(detail).content.decode()
    assert "Het besluit wijkt af van het voorstel (maatwerk)." in body and "Medeondertekenen" in body
    assert TOETS["effect"] in body
    assert client.get(reverse("decisions:cosign", args=[besluit.pk])).status_code == 405
    response = client.post(reverse("decisions:cosign", args=[besluit.pk]), follow=True)
    assert "U heeft het besluit medeondertekend" in response.content.decode()
    besluit.refresh_from_db()
    assert besluit.status == BesluitStatus.VASTGESTELD and besluit.cosigned_by == world["teamleider"]
    again = client.post(reverse("decisions:cosign", args=[besluit.pk]), follow=True).content.decode()
    assert "wacht niet op een tweede handtekening" in again


def test_refusing_to_cooperate_asks_for_the_assessment_then_the_suspension_starts(client, world, breach):
    client.force_login(world["consulent"])
    body = step_post(client, breach, "weging", "voorstel", cooperation="refused").content.decode()
    assert "Risico- en impactbeoordeling (verplicht vóór een opschorting)" in body
    response = client.post(prepare_url(breach), post_data(cooperation="refused"))
    assert response.status_code == 200 and not Besluit.objects.filter(investigation=breach).exists()
    assert 'id="id_conclusion_error"' in response.content.decode()
    assert 'id="id_requested_information_error"' in response.content.decode()
    assessment = {
        "weeks": "3",
        "requested_information": "Uw bankafschriften van januari tot en met maart 2026.",
        "children_in_household": "on",
        "conclusion": "Geen kinderen in nood; huur gegarandeerd.",
    }
    response = client.post(prepare_url(breach), post_data(cooperation="refused", **assessment))
    besluit = Besluit.objects.get(investigation=breach)
    assert besluit.opschorting.weeks == 3 and besluit.opschorting.children_in_household
    assert besluit.opschorting.requested_information.startswith("Uw bankafschriften")
    client.force_login(world["teamleider"])
    client.post(reverse("decisions:cosign", args=[besluit.pk]))
    client.force_login(world["consulent"])
    body = client.get(reverse("decisions:detail", args=[besluit.pk])).content.decode()
    assert "Opschorting laten ingaan" in body
    besluit.opschorting.refresh_from_db()
    start = reverse("decisions:opschorting_start", args=[besluit.pk])
    assert (
        "niet ingaan vóór"
        in client.post(start, {"takes_effect_on": "2020-01-01"}, follow=True).content.decode()
    )
    assert "geldige datum" in client.post(start, {"takes_effect_on": "morgen"}, follow=True).content.decode()
    client.post(start, {"takes_effect_on": besluit.opschorting.signed_on.isoformat()})
    besluit.opschorting.refresh_from_db()
    assert besluit.opschorting.takes_effect_on == besluit.opschorting.signed_on


def test_unable_to_cooperate_refers_for_help_from_the_page(client, world, breach):
    client.force_login(world["consulent"])
    body = step_post(client, breach, "weging", "voorstel", cooperation="unable").content.decode()
    assert "Hulp inschakelen in plaats van opschorten" in body
    client.post(prepare_url(breach), post_data(cooperation="unable", partner="schuldhulp",
                                                handover_note="Schulden; warme overdracht met de inwoner."))  # fmt: skip
    besluit = Besluit.objects.get(investigation=breach)
    assert besluit.referral.partner == "schuldhulp"
    assert (
        "Verwezen naar Schuldhulpverlening"
        in client.get(reverse("decisions:detail", args=[besluit.pk])).content.decode()
    )


def test_a_date_the_rules_do_not_know_gives_a_clear_message(client, world, breach, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 2, 1))  # norms end on 2026-12-31
    client.force_login(world["consulent"])
    response = client.get(prepare_url(breach, decision_date="2027-01-05", cooperation="yes"))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "Voor een besluit op 5 januari 2027 ontbreekt nog de bijstandsnorm voor een alleenstaande (21 jaar tot "
        "AOW-leeftijd). De functioneel beheerder kan dit bedrag toevoegen." in body
    )
    assert response.context["proposal_form"].errors["decision_date"][0].startswith("Voor een besluit op")
    assert "src/naleving" not in body and "naleving rules check" not in body
    assert "Besluit vastleggen" not in body


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2999-01-01", "De besluitdatum kan niet in de toekomst liggen: kies vandaag (02-12-2026)"),
        ("2026-04-14", "De besluitdatum ligt vóór de afronding van het onderzoek (15-04-2026)"),
        ("2025-08-31", "De besluitdatum ligt vóór de afronding van het onderzoek (15-04-2026)"),
        ("2026-02-30", "Vul een bestaande datum in"),
    ],
)
def test_an_impossible_decision_date_is_an_error_on_the_field(
    client, world, breach, monkeypatch, day, message
):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 12, 2))
    client.force_login(world["consulent"])
    response = client.get(prepare_url(breach, decision_date=day, cooperation="yes"))
    assert response.status_code == 200
    form = response.context["proposal_form"]
    assert message in " ".join(form.errors["decision_date"])
    assert response.context["proposal"] is None and "Besluit vastleggen" not in response.content.decode()


def test_a_decision_date_before_the_breach_began_is_refused(client, world, make_breach):
    """Findings recorded before the breach's period ended (an investigation closed early): the later bound
    is the start of the breach."""
    early = make_breach(
        closed_on=date(2025, 8, 1), period_start=date(2025, 9, 1), period_end=date(2025, 9, 30)
    )
    client.force_login(world["consulent"])
    response = client.get(prepare_url(early, decision_date="2025-08-15", cooperation="yes"))
    assert response.context["proposal_form"].errors["decision_date"] == [
        "De besluitdatum ligt vóór het begin van de schending (01-09-2025): kies een latere datum."
    ]


def test_the_prepare_page_proposes_today(client, world, breach, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: DECIDED)
    client.force_login(world["consulent"])
    response = client.get(prepare_url(breach))
    assert response.context["proposal_form"]["decision_date"].value() == DECIDED
    assert 'value="2026-05-01"' in response.content.decode() and response.context["proposal"] is not None


def test_an_investigation_without_a_breach_has_nothing_to_decide(client, world):
    from naleving.investigations.tests.factories import InvestigationFactory

    closed = InvestigationFactory(resident=world["jansen"], closed_without_breach=True)
    client.force_login(world["consulent"])
    body = client.get(prepare_url(closed)).content.decode()
    assert "Er valt (nog) niets te besluiten" in body and "Besluit vastleggen" not in body


def test_the_letter_is_a_real_pdf_with_amounts_reasons_and_bezwaar(client, world, breach, record):
    besluit = record(breach)
    client.force_login(world["consulent"])
    response = client.get(reverse("decisions:letter", args=[besluit.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert (
        besluit.kenmerk in text and "Jansen" in text and "Dorpsstraat 1" in text and "1234AB Demostad" in text
    )
    assert "1.250,00" in text and "625,00" in text
    for claim in besluit.vorderingen.all():  # instalments within the 5 % room (€ 70.07 together)
        assert f"{claim.monthly_instalment:.2f}".replace(".", ",") in text
    assert "U moet € 1.250,00 terugbetalen" in text and "U krijgt een boete van € 625,00" in text
    assert "CONCEPT" in text  # not sent yet: the preview
    for paragraph in besluit.motivation.split("\n\n"):  # the motivation, written from the engine's trace
        assert " ".join(paragraph.split()) in text
    assert "(art. 2 lid 2 tot en met 6 Boetebesluit)" in text and "art. 58 lid 1 Participatiewet" in text
    assert "Bent u het niet eens met dit besluit?" in text
    assert "De termijn begint op de dag na de datum van verzending van deze brief" in text
    assert "artikel 6:7 en 6:8 Algemene wet bestuursrecht" in text and "vraag om een gesprek" in text
    event = AuditEvent.objects.get(code="decision.letter_previewed", object_id=str(besluit.pk))
    assert event.purpose.startswith("Conceptbrief") and event.resident_id == world["jansen"].pk


def test_the_letter_of_a_deviation_gives_the_motivation_not_the_internal_note(client, world, breach, record):
    besluit = record(breach, sanction_type="waarschuwing", fine_amount=Decimal("0"),
                     deviation_motivation="Eerste keer, inwoner meldde het zelf bij de consulent.",
                     omgekeerde_toets=TOETS)  # fmt: skip
    from naleving.decisions import services

    services.besluit_cosign(actor=world["teamleider"], besluit=besluit)
    client.force_login(world["teamleider"])
    text = pdf_text(client.get(reverse("decisions:letter", args=[besluit.pk])).content)
    # the motivation explains the lighter sanction; the consulent's internal note stays out (issue #18)
    assert "Na de weging hieronder geeft de gemeente u een schriftelijke waarschuwing" in text
    assert (
        "Eerste keer, inwoner meldde het zelf bij de consulent." not in text and TOETS["effect"] not in text
    )
    assert "U krijgt een waarschuwing" in text and "Medeondertekend door" in text
