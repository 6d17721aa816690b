"""Screenshots of the main pages per role at 1280 and 360 px: ``make screenshots`` (issue #22).

Builds a throw-away demo in a temporary data directory (SQLite: migrate, ``demo-data``, ``demo-users``),
starts ``naleving runserver`` on a free local port, signs in as one demo user per role with Playwright and
Debian's Chromium (the browser tests' launch arguments, ``naleving.testing.browser``), and saves full-page
PNGs of the role's home page and the first pages of its navigation, plus the public pages (login, /melden/,
/algoritmes/), as ``docs/screenshots/<role>/<page>-<width>.png``; then writes docs/screenshots/README.md.
The pages come from the navigation each role sees, so a new or restyled page needs no change here.

    .venv/bin/python tools/screenshots.py [--residents 300] [--out docs/screenshots] [--pages 4]
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from naleving.testing.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WIDTHS = (1280, 360)
#: a full page longer than this is cut off at it, so one long list does not make a huge PNG
MAX_HEIGHT = 4000
#: one demo user per role (naleving.demo.users.DEMO_USERS), the directory named after the role
ROLES = (
    ("inkomensconsulent", "consulent"),
    ("handhaver", "handhaver"),
    ("teamleider", "teamleider"),
    ("data_analist", "analist"),
    ("fg", "fg"),
    ("beleid", "beleid"),
    ("beheerder", "beheerder"),
    ("archivaris", "archivaris"),
)
PUBLIC = (("inloggen", "/account/inloggen/"), ("melden", "/melden/"), ("algoritmes", "/algoritmes/"))


def naleving(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(Path(sys.executable).parent / "naleving"), *args], env=env, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"De server stopte (code {server.returncode}).")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"De server antwoordde niet binnen {seconds:.0f} seconden op {url}.")


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def shoot(page, base: str, path: str, target: Path) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
        page.screenshot(
            path=str(target.with_name(f"{target.name}-{width}.png")),
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": height},
        )


def login(page, base: str, username: str, password: str) -> None:
    page.goto(base + "/account/inloggen/")
    page.locator("input[name=username]").first.fill(username)
    page.locator("input[name=password]").first.fill(password)
    page.get_by_role("button", name="Inloggen").first.click()
    page.wait_for_load_state()
    if "/account/inloggen/" in page.url:
        raise SystemExit(f"Inloggen als {username} lukte niet.")


def nav_pages(page, base: str, limit: int) -> list[tuple[str, str]]:
    """(name, path) of the first ``limit`` navigation items after the home page."""
    links = page.locator("nav a.utrecht-nav-list__link").evaluate_all(
        "els => els.map(e => [e.textContent.trim(), e.getAttribute('href')])"
    )
    return [(slug(label), href) for label, href in links if href != "/"][:limit]


def run(out: Path, residents: int, limit: int) -> list[tuple[str, str, str]]:
    data = Path(tempfile.mkdtemp(prefix="naleving-screenshots-"))
    env = {
        **os.environ,
        "NALEVING_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "naleving.settings.dev",
        "NALEVING_ALGORITHM_CONTACT_EMAIL": "algoritmes@demostad.nl",
    }
    env.pop("DATABASE_URL", None)
    os.environ.update({k: env[k] for k in ("NALEVING_DATA_DIR", "DJANGO_SETTINGS_MODULE")})
    os.environ.pop("DATABASE_URL", None)
    import django
    from playwright.sync_api import sync_playwright

    django.setup()
    from naleving.demo.users import DEMO_PASSWORD

    shots: list[tuple[str, str, str]] = []
    server = None
    try:
        naleving(env, "migrate", "--noinput", "-v", "0", "--skip-checks")
        naleving(env, "demo-data", "--residents", str(residents), "--seed", "2026", "--skip-checks")
        naleving(env, "demo-users", "--skip-checks")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "naleving"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(base + "/account/inloggen/", server)
        if out.exists():
            shutil.rmtree(out)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = browser.new_context(locale="nl-NL")
            context.set_default_timeout(30_000)
            page = context.new_page()
            (out / "publiek").mkdir(parents=True)
            for name, path in PUBLIC:
                shoot(page, base, path, out / "publiek" / name)
                shots.append(("publiek", name, path))
            context.close()
            for role, username in ROLES:
                context = browser.new_context(locale="nl-NL")
                context.set_default_timeout(30_000)
                page = context.new_page()
                login(page, base, username, DEMO_PASSWORD)
                (out / role).mkdir(parents=True)
                for name, path in [("overzicht", "/"), *nav_pages(page, base, limit)]:
                    shoot(page, base, path, out / role / name)
                    shots.append((role, name, path))
                context.close()
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    return shots


def readme(out: Path, shots: list[tuple[str, str, str]], residents: int) -> None:
    lines = [
        "# Screenshots",
        "",
        "Generated by `make screenshots` (tools/screenshots.py); do not edit by hand. The demo municipality",
        f"Gemeente Demostad with {residents} residents (seed 2026), one demo user per role, full pages cut",
        f"off at {MAX_HEIGHT} px, at {' and '.join(f'{w} px' for w in WIDTHS)} wide.",
        "",
        "| role | page | path | " + " | ".join(f"{w} px" for w in WIDTHS) + " |",
        "|---|---|---|" + "---|" * len(WIDTHS),
    ]
    for role, name, path in shots:
        files = " | ".join(f"[{name}-{w}.png]({role}/{name}-{w}.png)" for w in WIDTHS)
        lines.append(f"| {role} | {name} | `{path}` | {files} |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Screenshots van de belangrijkste pagina's per rol.")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots", help="Doelmap.")
    parser.add_argument("--residents", type=int, default=300, help="Aantal inwoners in de demo (300).")
    parser.add_argument("--pages", type=int, default=4, help="Pagina's uit het menu per rol (4).")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} ontbreekt: voer `make browser` uit.")
    started = time.monotonic()
    shots = run(args.out, args.residents, args.pages)
    readme(args.out, shots, args.residents)
    seconds = time.monotonic() - started
    print(f"{len(shots) * len(WIDTHS)} screenshots in {args.out} ({seconds:.0f} s).")


if __name__ == "__main__":
    main()
