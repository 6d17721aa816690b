"""No stylesheet of the product locks the display orientation (WCAG 2.1 SC 1.3.4 Orientation).

axe's rule for it (``css-orientation-lock``) fetches and parses every stylesheet of the page again on each
scan, a fifth of a scan's time, to look for an ``@media (orientation: ...)`` block that turns the content. The
stylesheets are the same on every page: the browser tests leave that rule out (``AXE_RUN_JS`` in
``tests/browser/test_accessibility.py``) and this test reads each stylesheet a template links once, and the
templates' ``<style>`` blocks: none may have a media query on the orientation at all."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

import naleving

MEDIA_QUERY = re.compile(r"@media([^{]*)\{", re.IGNORECASE)
STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
#: A stylesheet a template links: ``{% static 'naleving/naleving.css' %}``.
LINKED_STYLESHEET = re.compile(r"""static\s+["']([^"']+\.css)["']""")
#: The stylesheets ``make assets`` copies from npm (the Utrecht components and design tokens).
VENDOR = ("vendor/utrecht-components.css", "vendor/utrecht-tokens.css")


def orientation_queries(css: str) -> list[str]:
    """The media queries of ``css`` that test the orientation."""
    return [query.strip() for query in MEDIA_QUERY.findall(css) if "orientation" in query.lower()]


def test_the_check_finds_an_orientation_query():
    css = "a{color:red} @media screen and (min-width: 40em) {b{c:d}}\n@media (ORIENTATION: portrait) {html{}}"

    assert orientation_queries(css) == ["(ORIENTATION: portrait)"]


def test_no_linked_stylesheet_or_style_block_queries_the_orientation():
    package = Path(naleving.__file__).parent
    templates = [*package.glob("*/templates/**/*.html"), *package.glob("*/jinja2/**/*.html")]
    sources = {template: template.read_text(encoding="utf-8") for template in templates}
    linked = {name for source in sources.values() for name in LINKED_STYLESHEET.findall(source)}
    assert set(VENDOR) <= linked and "naleving/naleving.css" in linked, linked
    found = {}
    for name in sorted(linked):
        path = finders.find(name)
        assert path, f"{name} is linked but not found: run `make assets`"
        if queries := orientation_queries(Path(path).read_text(encoding="utf-8")):
            found[name] = queries
    for template, source in sources.items():
        for block in STYLE_BLOCK.findall(source):
            if queries := orientation_queries(block):
                found[str(template.relative_to(package))] = queries
    assert not found, f"media queries on the orientation (WCAG 1.3.4): {found}"
