"""Keyboard users: the skip link comes first and jumps to the content; every menu item is reachable by Tab."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    return {tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(), href: el.getAttribute('href'),
            outline: getComputedStyle(el).outlineStyle};
}"""


def _on_screen(page, locator) -> bool:
    box, viewport = locator.bounding_box(), page.viewport_size
    return bool(
        box
        and box["width"] > 1
        and box["height"] > 1
        and box["x"] + box["width"] > 0
        and box["y"] + box["height"] > 0
        and box["x"] < viewport["width"]
        and box["y"] < viewport["height"]
    )


def _tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_keyboard_navigation(page, live_server, world, login):
    login("teamleider")
    page.goto(f"{live_server.url}/")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert not _on_screen(page, skip), "the skip link shows before it has focus"

    first = _tab(page)
    assert (first["tag"], first["text"], first["href"]) == ("a", "Direct naar de inhoud", "#main")
    expect(skip).to_be_focused()
    assert _on_screen(page, skip), "the focused skip link is not visible"

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")
    # Tabbing on from main continues with the content, not the header again.
    after_main = _tab(page)
    assert page.locator("header").evaluate("(header, el) => !header.contains(document.activeElement)", None)
    assert after_main["tag"] in ("a", "button", "input", "select", "textarea")


def test_navigation_links_are_reachable_by_tab(page, live_server, world, login):
    login("teamleider")
    page.goto(f"{live_server.url}/")
    nav_links = page.get_by_role("navigation", name="Cirkel van naleving").get_by_role("link")
    expected = [(link.inner_text(), link.get_attribute("href")) for link in nav_links.all()]
    assert len(expected) >= 7, expected  # a teamleider sees most of the cirkel van naleving

    reached = []
    for _ in range(len(expected) + 10):
        focused = _tab(page)
        if (focused["text"], focused["href"]) in expected:
            assert focused["outline"] != "none", f"no visible focus on {focused['text']}"
            reached.append((focused["text"], focused["href"]))
        if focused["tag"] == "main" or len(reached) == len(expected):
            break
    assert reached == expected, "menu items not reachable by Tab, in order"

    page.goto(f"{live_server.url}/")
    for _ in range(len(expected) + 10):
        if _tab(page)["text"] == "Signalen":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/signalen/")
    expect(page.get_by_role("link", name="Signalen", exact=True)).to_have_attribute("aria-current", "page")
