"""The investigation as steps in a real browser (issue #21): a refused save comes back at its own step with
the focus on the error summary, whose links lead to fields on the page; at 360 px nothing is wider than the
screen and axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import Scanner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-investigation-steps")]


def test_a_refused_step_puts_the_focus_on_its_error_summary(page, live_server, world, login, screenshot):
    scanner = Scanner(page, screenshot)
    page.set_viewport_size({"width": 360, "height": 800})
    login("handhaver")
    page.goto(f"{live_server.url}/onderzoeken/{world['investigation'].pk}/")
    current = page.locator('.nl-steps [aria-current="step"]')
    expect(current).to_have_text("Onderzoekshandelingen (Awb afdeling 5.2)")
    scanner.scan("investigation-steps-360")

    # Hoor en wederhoor is folded away until the handhaver opens it; saved without the resident's response.
    page.get_by_text("Hoor en wederhoor vastleggen", exact=True).first.click()
    page.get_by_label("Datum").fill("2026-03-02")
    page.get_by_role("button", name="Hoor en wederhoor vastleggen").click()
    page.wait_for_load_state()

    summary = page.locator("[data-nl-error-summary]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_focused()
    assert page.evaluate("() => document.activeElement.hasAttribute('data-nl-error-summary')")
    link = summary.get_by_role("link", name="Reactie van de inwoner: Dit veld is vereist.")
    target = link.get_attribute("href")
    assert target == "#id_hearing-summary"
    expect(page.locator(target)).to_be_visible()
    # The summary sits in the step whose form was refused, above that form.
    expect(
        page.locator('section[aria-labelledby="hoor-en-wederhoor"] [data-nl-error-summary]')
    ).to_have_count(1)

    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"page {width[0]} px wide at a {width[1]} px screen"
    scanner.scan("investigation-steps-hearing-errors-360")

    link.click()
    expect(page.locator(target)).to_be_focused()
    scanner.assert_clean()
