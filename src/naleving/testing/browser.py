"""Debian's Chromium as the browser tests and ``make screenshots`` launch it (Playwright never downloads one).

Shared by ``tests/browser/conftest.py`` and ``tools/screenshots.py`` so both start the same browser. It is
Debian's ``chromium-headless-shell``: Chromium's own engine (Blink, V8, the same version as the ``chromium``
package) built without the desktop browser around it, as Playwright itself uses for headless runs. The browser
tests spent about a quarter less time with it than with the full browser in headless mode (measured in
``docs/benchmarks.md``). ``NALEVING_CHROMIUM`` names another binary (e.g. ``/usr/bin/chromium``).
"""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("NALEVING_CHROMIUM", "/usr/lib/chromium/chromium-headless-shell"))
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
