"""One signal from the public report page to a co-signed besluit, walked in real Chromium by real users.

An anonymous resident reports Jansen at /melden/; the teamleider triages the report (links it by BSN,
route onderzoek); the signal joins Jansen's open investigation, which the teamleider assigns to the
handhaver; the handhaver logs an Awb 5.2 action, hoor en wederhoor and the findings and closes it; the
consulent records a besluit that deviates from the engine's proposal, cannot co-sign it, the teamleider
co-signs; the claims exist, the letter PDF says what it should, the timeline shows every step and the fg
finds it all in the audit log, whose hash chain still verifies.

The clock: closing the investigation through the UI sets ``closed_on`` to today, the decision date may
not lie before it, and the rules know the norms only up to 2026-06-30. So the whole journey runs on
2026-05-01 (Django's ``timezone.now`` is moved back, and keeps ticking), set before the ``world``
fixture so that every stored moment comes from the same clock.
"""

import io
import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from naleving.audit.catalogue import CATALOGUE

from .test_decision_pages import fill_weighing

pytestmark = pytest.mark.browser

TODAY = "01-05-2026"
DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


@pytest.fixture
def clock(monkeypatch):
    """Django's clock on 2026-05-01 10:00 (Amsterdam), still advancing."""
    from django.utils import timezone

    real_now = timezone.now
    offset = datetime(2026, 5, 1, 8, 0, tzinfo=UTC) - real_now()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)


@pytest.fixture
def journey_world(clock, world):
    """The ``world``, with its earlier besluit not on the open investigation (one besluit per investigation:
    the fixture hangs a besluit on an investigation that is still open, which the prepare page refuses)."""
    from naleving.decisions.models import Besluit

    Besluit.objects.filter(pk=world["besluit"].pk).update(investigation=None)
    return world


@pytest.fixture
def log_records():
    """Every log record the journey writes at INFO and above (the access log included), as the operator
    with NALEVING_LOG_LEVEL=INFO would get them, before the BSN-redacting filter: the app itself must not
    log a BSN (issue #25)."""
    import logging

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep, root = Keep(level=logging.INFO), logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(keep)
    yield records
    root.removeHandler(keep)
    root.setLevel(level)


def _no_bsn_logged(records) -> None:
    from naleving.residents.models import Resident

    bsns = set(Resident.objects.values_list("bsn", flat=True))
    assert len(records) > 20, "the access log should have a line per request"
    for record in records:
        text = record.getMessage() + (record.exc_text or "") + str(getattr(record, "route", ""))
        assert not any(bsn in text for bsn in bsns), f"{record.name}: {text[:200]}"


def _entry(timeline, kind: str, title: str):
    entry = timeline.locator(f"li[data-kind={kind}]").filter(has_text=title)
    expect(entry).to_have_count(1)
    return entry


def test_signal_to_decision(page, live_server, journey_world, login, logout, screenshot, log_records):
    from naleving.claims.models import Vordering
    from naleving.decisions.models import Besluit
    from naleving.signals.models import Signal

    world, url = journey_world, live_server.url
    jansen, investigation = world["jansen"], world["investigation"]
    names = {role: world[role].get_full_name() for role in ("teamleider", "handhaver", "consulent")}

    # 1. An anonymous resident reports Jansen without filling the honeypot (the browser tests lift the
    #    3-second limit: tests/browser/conftest.py).
    page.goto(f"{url}/melden/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Melding doen over een bijstandsuitkering")
    page.get_by_label("De persoon werkt of krijgt geld naast de uitkering").check()
    page.get_by_label("Wat is er aan de hand?").fill(
        "Mijn buurman werkt sinds maart 2025 elke ochtend bij de bakkerij op de hoek."
    )
    page.get_by_label("Naam van de persoon").fill(jansen.full_name)
    page.get_by_label("Postcode van het adres").fill("1234 AB")
    page.get_by_label("Huisnummer").fill(str(jansen.house_number))
    expect(page.locator("input[name=website]")).to_have_value("")
    screenshot("journey-01-melden")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt, uw melding is verstuurd")
    reference = page.get_by_role("status").locator("strong").inner_text()
    match = re.fullmatch(r"M-2026-(\d{6})", reference)
    assert match, reference
    signal = Signal.objects.get(pk=int(match.group(1)))
    assert (signal.origin, signal.resident_id, signal.registered_by) == ("anonieme_melding", None, None)
    screenshot("journey-01-ontvangen")

    # 2. The teamleider triages it: links it to Jansen by BSN, route onderzoek, with the three notes.
    login("teamleider")
    page.goto(f"{url}/signalen/beoordelen/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Signaal {signal.pk} beoordelen"))
    expect(row).to_contain_text("nog niet gekoppeld")
    screenshot("journey-02-triage-queue")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Signaal {signal.pk} beoordelen")
    expect(page.locator("main")).to_contain_text(jansen.full_name)  # the name as reported
    page.get_by_label("BSN van de inwoner").fill(jansen.bsn)
    page.get_by_role("button", name="Inwoner opzoeken").click()
    expect(page.get_by_role("status").filter(has_text="Gevonden")).to_contain_text(jansen.full_name)
    expect(page.get_by_text("Er loopt al een onderzoek naar deze inwoner")).to_be_visible()
    page.get_by_label("Onderzoek", exact=True).check()
    page.get_by_label("Motivering").fill(
        "Concrete melding van werk naast de uitkering, sluit aan bij IB-signaal."
    )
    page.get_by_label("Toets proportionaliteit").fill(
        "Het gaat om mogelijk maandelijkse inkomsten; een onderzoek naar de loonstroken is beperkt."
    )
    page.get_by_label("Toets subsidiariteit").fill(
        "Er loopt al een onderzoek; een los voorlichtingsgesprek maakt de inkomsten niet duidelijk."
    )
    screenshot("journey-02-triage")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text(f"gekoppeld aan {jansen.full_name} en beoordeeld")).to_be_visible()
    signal.refresh_from_db()
    assert (signal.resident_id, signal.route, signal.triaged_by) == (
        jansen.pk,
        "onderzoek",
        world["teamleider"],
    )
    # One open investigation per resident: the signal joined the running one.
    assert list(signal.investigations.values_list("pk", flat=True)) == [investigation.pk]
    screenshot("journey-02-triage-done")

    # 3a. The teamleider assigns the investigation to the handhaver.
    page.goto(f"{url}/onderzoeken/{investigation.pk}/")
    expect(page.get_by_role("link", name=f"Signaal {signal.pk}: Inkomsten")).to_be_visible()
    page.locator("section[aria-labelledby=toewijzen]").get_by_label("Handhaver").select_option(
        str(world["handhaver"].pk)
    )
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("Het onderzoek is toegewezen.")).to_be_visible()
    screenshot("journey-03-toegewezen")
    logout()

    # 3b. The handhaver: an Awb 5.2 action, hoor en wederhoor, findings, closing.
    login("handhaver")
    page.goto(f"{url}/onderzoeken/{investigation.pk}/")
    action = page.locator("section[aria-labelledby=handelingen] form")
    action.get_by_label("Onderzoekshandeling").select_option("inlichtingen_vorderen")
    action.get_by_label("Uitgevoerd op").fill("2026-05-01")
    action.get_by_label("Reden").fill("Loonstroken opvragen bij de bakkerij om de inkomsten vast te stellen.")
    action.get_by_label("Bevindingen").fill("Loonstroken maart tot en met mei 2025 ontvangen.")
    action.get_by_role("button", name="Handeling vastleggen").click()
    expect(page.get_by_text("De onderzoekshandeling is vastgelegd.")).to_be_visible()
    expect(page.locator("section[aria-labelledby=handelingen] table")).to_contain_text(
        "Inlichtingen vorderen (art. 5:16 Awb)"
    )

    # After the first action the documents are the step at hand; hoor en wederhoor is folded away until opened.
    page.locator("section[aria-labelledby=hoor-en-wederhoor] summary").click()
    hearing = page.locator("section[aria-labelledby=hoor-en-wederhoor] form")
    hearing.get_by_label("Datum").fill("2026-05-01")
    hearing.get_by_label("Vorm").select_option("gesprek")
    hearing.get_by_label("Reactie van de inwoner").fill(
        "De inwoner erkent het werk en wist niet dat hij het moest doorgeven."
    )
    hearing.get_by_role("button", name="Hoor en wederhoor vastleggen").click()
    expect(page.get_by_text("Het hoor en wederhoor is vastgelegd.")).to_be_visible()

    findings = page.locator("section[aria-labelledby=bevindingen] form")
    findings.get_by_label("Is de inlichtingenplicht geschonden?").select_option("ja")
    findings.get_by_label("Soort schending").select_option("income")
    findings.get_by_label("Periode vanaf").fill("2025-03-01")
    findings.get_by_label("Periode tot en met").fill("2025-05-31")
    findings.get_by_label("Benadelingsbedrag (€)").fill("1000")
    findings.get_by_label(re.compile(r"^Verwijtbaarheid")).select_option("normaal")
    findings.get_by_label("Motivering van de verwijtbaarheid").fill(
        "De inwoner is bij de intake op de inlichtingenplicht gewezen; geen opzet gebleken."
    )
    screenshot("journey-03-bevindingen-form")
    findings.get_by_role("button", name="Bevindingen vastleggen").click()
    expect(page.get_by_text("De bevindingen zijn vastgelegd.")).to_be_visible()
    expect(page.locator("section[aria-labelledby=bevindingen] dl")).to_contain_text("€ 1.000,00")

    page.get_by_label("Conclusie en advies aan de consulent").fill(
        "Inkomsten niet gemeld, maart tot en met mei 2025. Advies: terugvorderen, sanctie volgens beleid."
    )
    page.get_by_role("button", name="Onderzoek afronden").click()
    expect(page.get_by_text("Het onderzoek is afgerond.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Afgerond op")
    screenshot("journey-03-afgerond")
    logout()

    # 4. The consulent prepares the besluit, sees the proposal and deviates: a lower fine.
    login("consulent")
    page.goto(f"{url}/onderzoeken/{investigation.pk}/")
    page.get_by_role("link", name="Besluit voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit voorbereiden")
    fill_weighing(page)  # step 1, the weging; step 2, the proposal; step 3, following or deviating
    page.get_by_role("button", name="Volgende stap: voorstel").click()
    page.get_by_label("Besluitdatum (peildatum)").fill("2026-05-01")
    page.get_by_role("button", name="Voorstel berekenen").click()
    proposal = page.get_by_test_id("proposal")
    expect(proposal).to_contain_text("Bestuurlijke boete")
    expect(proposal).to_contain_text("€ 500,00")  # the fine
    expect(proposal).to_contain_text("€ 1.000,00")  # the recovery
    expect(page.get_by_test_id("proposal-trace").locator("li").first).to_be_visible()
    screenshot("journey-04-voorstel")
    page.get_by_role("button", name="Volgende stap: volgen of afwijken").click()
    page.get_by_label("Boete (€)").fill("250.00")
    page.get_by_label("Motivering van de afwijking (maatwerk)").fill(
        "De inwoner meldde het werk meteen toen hem ernaar gevraagd werd en heeft schulden."
    )
    page.get_by_label("Welke omstandigheden").fill(
        "Schulden en een eerste schending; de volle boete is te zwaar."
    )
    page.get_by_label("Wat is het effect").fill("Met de volle boete kan de inwoner de huur niet betalen.")
    page.get_by_label("Is er sprake van schulden of zorg?").fill("Schulden; aangemeld bij de schuldhulp.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("wacht op een tweede handtekening (vier ogen)")).to_be_visible()
    besluit = Besluit.objects.get(investigation=investigation)
    assert (besluit.status, besluit.deviates, str(besluit.fine_amount)) == (
        "ter_ondertekening",
        True,
        "250.00",
    )
    expect(page.locator("main")).to_contain_text("Wacht op tweede handtekening")
    expect(page.locator("main")).to_contain_text("maatwerk")
    expect(page.get_by_role("button", name="Medeondertekenen")).to_have_count(0)
    # Not by the back door either: the consulent posts the co-signature straight to its URL.
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    refused = page.request.post(
        f"{url}/besluiten/{besluit.pk}/medeondertekenen/",
        headers={"X-CSRFToken": token, "Referer": f"{url}/besluiten/{besluit.pk}/"},
        max_redirects=0,
    )
    assert refused.status in (302, 403), refused.status
    besluit.refresh_from_db()
    assert besluit.status == "ter_ondertekening" and besluit.cosigned_by is None
    screenshot("journey-04-ter-ondertekening")
    logout()

    login("teamleider")
    page.goto(f"{url}/besluiten/{besluit.pk}/")
    page.get_by_role("button", name="Medeondertekenen").click()
    expect(page.get_by_text("U heeft het besluit medeondertekend")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Status: Vastgesteld")
    screenshot("journey-04-vastgesteld")
    logout()

    # 5. The claims exist; the consulent downloads the letter and reads it.
    login("consulent")
    page.goto(f"{url}/vorderingen/")
    claims = page.get_by_role("table")
    expect(
        claims.get_by_role("row").filter(has_text="Terugvordering").filter(has_text="€ 1.000,00")
    ).to_have_count(1)
    expect(
        claims.get_by_role("row").filter(has_text="Bestuurlijke boete").filter(has_text="€ 250,00")
    ).to_have_count(1)
    assert sorted(Vordering.objects.filter(besluit=besluit).values_list("kind", "amount")) == [
        ("boete", 250),
        ("terugvordering", 1000),
    ]
    screenshot("journey-05-vorderingen")
    page.goto(f"{url}/besluiten/{besluit.pk}/")
    page.get_by_role("button", name="Brief verzenden").click()  # dated today: recorded once, stored
    expect(page.locator("main")).to_contain_text("De brief is verzonden en opgeslagen")
    link = page.get_by_role("link", name=re.compile(r"Beschikking aan .*inwoner, PDF"))
    letter = page.request.get(url + link.get_attribute("href"))
    assert letter.ok and letter.headers["content-type"] == "application/pdf"
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter.body())).pages)
    text = re.sub(r"\s+", " ", text)
    assert "1.000,00" in text, text
    assert "250,00" in text, text
    assert "bezwaar" in text.lower()
    assert re.search(r"\b(zes|6) weken\b", text), text

    # 6. The resident's timeline shows every step, with its date and who did it.
    page.goto(f"{url}/inwoners/{jansen.pk}/")
    timeline = page.get_by_test_id("timeline")
    screenshot("journey-06-tijdlijn")
    steps = [
        ("signaal", "Signaal ontvangen: Inkomsten", None, "Herkomst: Anonieme melding"),
        ("triage", "Signaal beoordeeld: Onderzoek", names["teamleider"], None),
        ("onderzoek", "Onderzoek gestart", names["handhaver"], None),
        ("onderzoek", "Inlichtingen vorderen (art. 5:16 Awb)", names["handhaver"], None),
        ("onderzoek", "Hoor en wederhoor", names["handhaver"], None),
        ("onderzoek", "Bevindingen vastgelegd: Schending inlichtingenplicht", names["handhaver"], None),
        ("onderzoek", "Onderzoek afgerond: Schending inlichtingenplicht", names["handhaver"], None),
        ("besluit", "Besluit: Bestuurlijke boete", names["consulent"], "boete € 250,00"),
        ("vordering", "Vordering ingesteld: Terugvordering", None, "€ 1.000,00"),
        ("vordering", "Vordering ingesteld: Bestuurlijke boete", None, "€ 250,00"),
    ]
    for kind, title, actor, detail in steps:
        entries = timeline.locator(f"li[data-kind={kind}]").filter(has_text=title)
        if detail:
            entries = entries.filter(has_text=detail)
        if kind == "onderzoek" and title == "Onderzoek gestart":
            entries = entries.filter(has_text="10-02-2026")  # the running investigation the signal joined
            expect(entries).to_have_count(1)
            expect(entries.locator(".nl-timeline__meta")).to_have_text(f"10-02-2026 · {actor}")
            continue
        expect(entries).to_have_count(1)
        expected = f"{TODAY} · {actor}" if actor else TODAY
        expect(entries.locator(".nl-timeline__meta")).to_have_text(expected)
    metas = timeline.locator(".nl-timeline__meta").all_inner_texts()
    assert all(DATE.search(meta) for meta in metas), metas
    logout()

    # 7. The fg searches the audit log by Jansen's dossier number (a BSN never goes in a URL); the log shows
    # Dutch descriptions, not codes; the hash chain still verifies.
    login("fg")
    page.goto(f"{url}/auditlog/")
    page.get_by_label("Dossiernummer inwoner").fill(str(jansen.pk))
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("table")).to_be_visible()
    screenshot("journey-07-auditlog")
    rows = []
    while True:
        rows += page.get_by_role("table").locator("tbody tr").all_inner_texts()
        following = page.get_by_role("link", name=re.compile("Volgende"))
        if not following.count():
            break
        following.first.click()
        page.wait_for_load_state()
    text = "\n".join(rows)
    for code in (
        "resident.viewed",
        "signal.resident_linked",
        "signal.triaged",
        "investigation.signal_added",
        "investigation.assigned",
        "investigation.action_logged",
        "investigation.hoor_en_wederhoor",
        "investigation.findings_recorded",
        "investigation.closed",
        "decision.evaluated",
        "decision.recorded",
        "decision.cosigned",
        "claim.created",
        "decision.letter_sent",
        "decision.letter_downloaded",
    ):
        assert CATALOGUE[code] in text, (code, rows)
        assert code not in text
    views = [row for row in rows if CATALOGUE["resident.viewed"] in row]
    assert any("Triage: melding koppelen aan inwoner" in row for row in views), views
    assert all(not row.rstrip().endswith("—") for row in views), views  # every read has its purpose
    # The anonymous report was registered before anyone knew whom it was about: find it by its code.
    page.goto(f"{url}/auditlog/?code=signal.registered")
    expect(
        page.get_by_role("table").locator("tbody tr").filter(has_text=CATALOGUE["signal.registered"])
    ).not_to_have_count(0)
    logout()

    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "Auditketen in orde" in out.getvalue(), out.getvalue()  # raises CommandError when broken

    # No log line of the whole journey holds a BSN, though the teamleider typed one to link the report.
    _no_bsn_logged(log_records)
