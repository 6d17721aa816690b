"""Debian's Chromium as the browser tests and ``make screenshots`` launch it (Playwright never downloads one).

Shared by ``tests/browser/conftest.py`` and ``tools/screenshots.py`` so both start the same browser.
"""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium contacts Google hosts, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
