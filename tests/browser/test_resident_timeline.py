"""A consulent signs in, finds a resident in the caseload and reads what happened on the timeline."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DATE = re.compile(r"\b\d{2}-\d{2}-\d{4}\b")


def _search(page, text: str) -> None:
    page.get_by_label("Naam, BSN of postcode").fill(text)
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()


def _timeline_entry(timeline, kind: str):
    entries = timeline.locator(f"li[data-kind={kind}]")
    expect(entries).to_have_count(1)
    return entries.first


def test_login_and_resident_timeline(page, live_server, world, login, screenshot):
    login("consulent")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werk")

    page.get_by_role("navigation").get_by_role("link", name="Inwoners").click()
    _search(page, "Jansen")
    results = (
        page.get_by_role("table").locator("tbody").get_by_role("link")
    )  # not the sort links in the header
    expect(results).to_have_count(1)
    expect(results).to_have_text(world["jansen"].full_name)
    screenshot("resident-search-jansen")

    results.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(world["jansen"].full_name)
    timeline = page.get_by_test_id("timeline")
    screenshot("resident-detail-timeline")

    benefit = _timeline_entry(timeline, "uitkering")
    expect(benefit).to_contain_text("Uitkering")
    expect(benefit).to_contain_text("gestart")
    expect(benefit.locator(".nl-timeline__meta")).to_have_text("01-01-2025")

    signal = world["signal"]
    signal_entry = _timeline_entry(timeline, "signaal")
    expect(signal_entry).to_contain_text(f"Signaal ontvangen: {signal.get_kind_display()}")
    expect(signal_entry.locator(".nl-timeline__meta")).to_have_text("01-02-2026")  # registered by no one

    investigation = _timeline_entry(timeline, "onderzoek")
    expect(investigation).to_contain_text("Onderzoek gestart")
    handhaver = world["handhaver"].get_full_name()
    expect(investigation.locator(".nl-timeline__meta")).to_have_text(f"10-02-2026 · {handhaver}")

    besluit = _timeline_entry(timeline, "besluit")
    expect(besluit).to_contain_text(f"Besluit: {world['besluit'].get_sanction_type_display()}")
    consulent = world["consulent"].get_full_name()
    expect(besluit.locator(".nl-timeline__meta")).to_have_text(f"01-04-2026 · {consulent}")

    # Every entry has a date, and the newest comes first.
    metas = timeline.locator(".nl-timeline__meta").all_inner_texts()
    dates = [DATE.search(meta).group() for meta in metas]
    assert dates == ["01-04-2026", "10-02-2026", "01-02-2026", "01-01-2025"]

    # The besluit links on to its own page.
    besluit.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Besluit {world['besluit'].pk}")


def test_search_does_not_find_a_resident_of_another_team(page, live_server, world, login):
    login("consulent")
    page.goto(f"{live_server.url}/inwoners/")
    _search(page, "Pietersen")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Geen inwoners gevonden.")
    expect(table.locator("tbody").get_by_role("link")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Pietersen")  # an input's value is not text
    expect(page.get_by_label("Naam, BSN of postcode")).to_have_value("Pietersen")
    _search(page, world["pietersen"].bsn)
    expect(table).to_contain_text("Geen inwoners gevonden.")
