"""axe-core (WCAG 2.0/2.1 A and AA) on the main pages, in real Chromium with the real Utrecht CSS.

Each journey signs in as the role that uses the pages, opens them the way a user would, saves a
screenshot to test-artifacts/ and collects every serious or critical violation; the test fails with a
list a developer can act on (rule, impact, help text and the offending elements).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

import naleving

pytestmark = pytest.mark.browser

# Copied into the static files by `make assets`, like the Utrecht CSS; served from there to the page.
AXE_JS = Path(naleving.__file__).parent / "web" / "static" / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
UNSTYLED_BACKGROUNDS = {"rgba(0, 0, 0, 0)", "rgb(239, 239, 239)", "rgb(240, 240, 240)"}


class Scanner:
    """Scan the current page of ``page`` with axe; keep the blocking violations per page name."""

    def __init__(self, page, screenshot):
        self.page, self.screenshot = page, screenshot
        self.scanned: list[str] = []
        self.failures: dict[str, list[dict]] = {}

    def scan(self, name: str) -> None:
        self.page.wait_for_load_state()
        # what the page looks like and what it refers to, in one round trip to the browser
        state = self.page.evaluate(PAGE_STATE_JS)
        assert_styled(state)
        self.screenshot(name)
        if not state["axe"]:
            # From our own static files: the Content-Security-Policy blocks an inline <script> (ADR 0017).
            origin = "/".join(self.page.url.split("/")[:3])
            self.page.add_script_tag(url=f"{origin}/static/vendor/axe.min.js")
        # The whole page, the inline SVG QR code of the TOTP set-up page included (it passes as it is).
        result = self.page.evaluate(AXE_RUN_JS, {"tags": WCAG_TAGS, "blocking": sorted(BLOCKING)})
        assert result["engine"] == "axe-core"
        self.scanned.append(name)
        blocking = result["violations"] + dangling_references(state["missing"])
        if blocking:
            self.failures[name] = blocking
        # "Incomplete" means axe could not decide (e.g. text on a gradient): shown for a human to check.
        for item in result["incomplete"]:
            print(f"[{name}] needs review: {item['id']} {[n['target'] for n in item['nodes']]}")

    def assert_clean(self) -> None:
        if self.failures:
            pytest.fail(report(self.failures), pytrace=False)


def report(failures: dict[str, list[dict]]) -> str:
    lines = ["axe found serious or critical WCAG violations:"]
    for name, violations in failures.items():
        for v in violations:
            lines.append(f"- [{name}] {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"]:
                summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines())
                lines.append(f"    target {node['target']}: {summary}")
    return "\n".join(lines)


#: axe on the whole page, answering with the serious and critical violations and undecided results, and of each
#: only what ``report`` shows. axe's own result also describes every rule that passed or did not apply (a sample
#: element each, with its HTML and the data of every check): most of the answer, which Playwright then carried
#: to Python and checked value by value for every scan (docs/benchmarks.md, nineteenth pass).
#: Of axe's rules for the tags, ``css-orientation-lock`` is left out: it fetched and parsed the page's stylesheets
#: again on every scan (a fifth of its time), and they are the same on every page;
#: ``web/tests/test_stylesheets.py`` reads them once for a media query on the orientation. Of the assets axe
#: loads beforehand only the media remain (for ``no-autoplay-audio``).
AXE_RUN_JS = """({tags, blocking}) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
    rules: {'css-orientation-lock': {enabled: false}}, preload: {assets: ['media'], timeout: 10000}})
  .then((result) => {
    const keep = (items) => items.filter((item) => blocking.includes(item.impact)).map((item) => ({
      id: item.id, impact: item.impact, help: item.help, helpUrl: item.helpUrl,
      nodes: item.nodes.map((node) => ({target: node.target, failureSummary: node.failureSummary || ''})),
    }));
    return {engine: result.testEngine.name, violations: keep(result.violations), incomplete: keep(result.incomplete)};
  })"""

#: The page's state for ``assert_styled`` and ``dangling_references``, read in one ``evaluate``: the stylesheets
#: and their rule counts, a design token, the first primary button's background, whether axe is loaded, and
#: the ARIA and label references to ids that are not on the page.
PAGE_STATE_JS = """() => {
  const button = document.querySelector('.utrecht-button--primary-action');
  return {
    sheets: [...document.querySelectorAll('link[rel=stylesheet]')].map(
      (link) => ({href: link.href, rules: link.sheet ? link.sheet.cssRules.length : 0})),
    token: getComputedStyle(document.documentElement).getPropertyValue('--utrecht-color-blue-35').trim(),
    button: button ? getComputedStyle(button).backgroundColor : null,
    axe: typeof window.axe !== 'undefined',
    missing: [...document.querySelectorAll('[aria-describedby], [aria-labelledby], [aria-controls], label[for]')]
      .flatMap((el) => ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']
        .flatMap((attr) => (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
          .filter((id) => !document.getElementById(id))
          .map((id) => ({target: [el.id ? '#' + el.id : el.tagName.toLowerCase()], attr, id})))),
  };
}"""


def dangling_references(missing: list[dict]) -> list[dict]:
    """ARIA and label references to ids that are not on the page (``missing`` of ``PAGE_STATE_JS``): screen
    readers then announce nothing.

    axe files these under "incomplete", not "violations", so we check them ourselves (e.g. a form error
    that aria-describedby points at but that has another id is never read out).
    """
    if not missing:
        return []
    return [
        {
            "id": "dangling-id-reference",
            "impact": "serious",
            "help": "Attributes that refer to other elements must name an id on the page",
            "helpUrl": "https://www.w3.org/WAI/WCAG21/Understanding/info-and-relationships",
            "nodes": [
                {"target": m["target"], "failureSummary": f"{m['attr']}={m['id']!r} not found"}
                for m in missing
            ],
        }
    ]


def assert_styled(state: dict) -> None:
    """Every stylesheet loaded and the Utrecht theme applies, so contrast is checked on the real styling
    (``state``: what ``PAGE_STATE_JS`` read from the page)."""
    sheets = state["sheets"]
    assert sheets and all(sheet["rules"] > 0 for sheet in sheets), sheets
    assert state["token"], "the Utrecht design tokens are not applied (is vendor/utrecht-tokens.css served?)"
    background = state["button"]
    if background is not None:
        assert background not in UNSTYLED_BACKGROUNDS, f"primary button is unstyled: {background}"


def public_information_pages(scanner, page, live_server, world, login, logout):
    """The login form, the footer's pages, a public form with its empty required fields, an error page, and the
    folding menu and the header on a 320 px screen (issue #22). The login form with its error and the locked-out
    page: ``test_lockout.py``."""
    url = live_server.url
    page.goto(f"{url}/account/inloggen/")
    scanner.scan("login")
    for name, path in (
        ("accessibility-statement", "/toegankelijkheidsverklaring/"),
        ("privacy-statement", "/privacyverklaring/"),
        ("contact", "/contact/"),
        ("not-found", "/bestaat-niet/"),
    ):
        page.goto(url + path)
        expect(
            page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheidsverklaring")
        ).to_be_visible()
        scanner.scan(name)
    page.goto(f"{url}/melden/")
    required = page.locator("textarea[required]").first
    # an empty required field before sending looks like any other field, not like an error
    assert required.evaluate("(el) => el.matches(':invalid')")
    empty, error = required.evaluate(
        """(el) => {
            const empty = getComputedStyle(el).borderTopColor;
            el.setAttribute("aria-invalid", "true");  // what the server sets on a field with an error
            const error = getComputedStyle(el).borderTopColor;
            el.removeAttribute("aria-invalid");
            return [empty, error];
        }"""
    )
    assert empty != error, f"an empty required field has the error border ({empty})"
    scanner.scan("public-report-empty")
    page.set_viewport_size({"width": 320, "height": 640})
    login("consulent")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#nl-nav-list")).to_be_hidden()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, (
        "the header is wider than 320 px"
    )
    scanner.scan("phone-menu-closed")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#nl-nav-list").get_by_role("link", name="Inwoners")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    scanner.scan("phone-menu-open")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(toggle).to_be_hidden()
    expect(page.locator("#nl-nav-list")).to_be_visible()
    logout()


def consulent_pages(scanner, page, live_server, world, login, logout):
    url = live_server.url
    login("consulent")
    scanner.scan("home-consulent")
    page.goto(f"{url}/inwoners/")
    scanner.scan("residents-list")
    page.goto(f"{url}/inwoners/{world['jansen'].pk}/")
    scanner.scan("resident-detail")
    page.get_by_role("link", name="Uitkering vastleggen").click()
    page.wait_for_url("**/uitkering/")
    scanner.scan("benefit-form")
    page.goto(f"{url}/inwoners/nieuw/")
    scanner.scan("resident-create")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is nog niet goed ingevuld")
    scanner.scan("resident-create-errors")
    page.goto(f"{url}/signalen/")
    scanner.scan("signals-list")
    page.goto(f"{url}/signalen/{world['signal'].pk}/")
    scanner.scan("signal-detail")
    page.goto(f"{url}/onderzoeken/")
    scanner.scan("investigations-list")
    page.goto(f"{url}/onderzoeken/{world['investigation'].pk}/")
    scanner.scan("investigation-detail")
    page.goto(f"{url}/besluiten/")
    scanner.scan("decisions-list")
    page.goto(f"{url}/besluiten/{world['besluit'].pk}/")
    scanner.scan("decision-detail")
    page.goto(f"{url}/besluiten/termijnen/")
    scanner.scan("remedy-terms")
    page.goto(f"{url}/besluiten/{world['besluit'].pk}/bezwaar/")
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het formulier is nog niet goed ingevuld")
    scanner.scan("objection-form-errors")
    page.goto(f"{url}/vorderingen/")
    scanner.scan("claims-list")
    page.goto(f"{url}/vorderingen/invordering/")
    scanner.scan("collection-worklist")
    page.goto(f"{url}/vorderingen/inwoner/{world['jansen'].pk}/")
    scanner.scan("resident-claims")
    page.goto(f"{url}/preventie/")
    scanner.scan("prevention-list")
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    scanner.scan("otp-setup")


def report_pages(scanner, page, live_server, world, login, logout):
    for role in ("beleid", "teamleider"):
        login(role)
        if role == "teamleider":  # his menu bar keeps his daily work; the reports are under "Meer"
            page.get_by_role("navigation").get_by_role("link", name="Meer").click()
            page.get_by_role("main").get_by_role("link", name="Rapportages").click()
        else:
            page.get_by_role("navigation").get_by_role("link", name="Rapportages").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Rapportages")
        scanner.scan(f"reports-{role}")
        page.get_by_label("Rapportage", exact=True).select_option("groningen")
        page.get_by_label("Periode", exact=True).select_option("2026")
        page.get_by_role("button", name="Openen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Jaarrapportage naleving en handhaving")
        scanner.scan(f"report-groningen-{role}")
        logout()
    login("consulent")
    page.goto(f"{live_server.url}/rapportages/casusvoorbeelden/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Casusvoorbeeld vastleggen")
    scanner.scan("case-example-form")
    logout()


def audit_pages(scanner, page, live_server, world, login, logout):
    login("consulent")
    page.goto(f"{live_server.url}/inwoners/{world['jansen'].pk}/")
    logout()
    login("fg")
    scanner.scan("home-fg")
    page.get_by_role("navigation").get_by_role("link", name="Auditlog").click()
    page.get_by_label("Gebruikersnaam medewerker").fill("fg")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("table").locator("tbody")).to_contain_text("Ingelogd")
    scanner.scan("audit-search-results")
    page.get_by_role("link", name="Wie zag inwoner X?").click()
    page.get_by_label("BSN", exact=True).fill(world["jansen"].bsn)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_test_id("reads")).to_contain_text("Dossier van inwoner bekeken")
    scanner.scan("audit-resident-history")
    page.get_by_role("link", name="Wat zag medewerker Y?").click()
    page.get_by_label("Medewerker", exact=True).select_option("consulent")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_test_id("reads")).to_contain_text("Dossier van inwoner bekeken")
    scanner.scan("audit-employee-history")


def analyses_pages(scanner, page, live_server, world, login, logout):
    login("analist")
    page.get_by_role("navigation").get_by_role("link", name="Analyses").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Analyses")
    scanner.scan("analyses")


def phone_pages(scanner, page, live_server, world, login, logout):
    """On a phone-sized screen the tables scroll sideways: each region that overflows must be reachable
    with the keyboard (focusable, with a name), which axe checks as scrollable-region-focusable."""
    url = live_server.url
    page.set_viewport_size({"width": 360, "height": 740})
    login("consulent")
    regions = 0
    for name, path in (
        ("phone-residents-list", "/inwoners/"),
        ("phone-signals-list", "/signalen/"),
        ("phone-investigations-list", "/onderzoeken/"),
        ("phone-investigation-detail", f"/onderzoeken/{world['investigation'].pk}/"),
        ("phone-decisions-list", "/besluiten/"),
        ("phone-claims-list", "/vorderingen/"),
        ("phone-prevention-list", "/preventie/"),
    ):
        page.goto(url + path)
        scanner.scan(name)
        regions += page.locator(".nl-table-wrap[role=region][tabindex='0'][aria-label]").count()
    assert regions >= 5, "the tables should overflow on a phone and become focusable regions"
    label = page.locator(".nl-table-wrap[role=region]").first.get_attribute("aria-label")
    assert label.startswith("Preventieve interventies"), label  # named after its table's caption
    # wide again: what the script added is taken away
    page.set_viewport_size({"width": 1600, "height": 900})
    expect(page.locator(".nl-table-wrap[data-nl-scroll]")).to_have_count(0)
    logout()


JOURNEYS = [
    public_information_pages,
    consulent_pages,
    report_pages,
    audit_pages,
    analyses_pages,
    phone_pages,
]


@pytest.mark.parametrize("journey", JOURNEYS, ids=[j.__name__ for j in JOURNEYS])
def test_accessibility(page, live_server, world, login, logout, screenshot, journey):
    scanner = Scanner(page, screenshot)
    journey(scanner, page, live_server, world, login, logout)
    assert scanner.scanned, "no page was scanned"
    scanner.assert_clean()


def test_the_page_state_finds_dangling_references_and_an_unstyled_page(page):
    """``PAGE_STATE_JS`` reads in one round trip what ``assert_styled`` and ``dangling_references`` judge:
    a label and a description pointing at ids that are not there are named, and a page without the Utrecht
    stylesheets or with a browser-default primary button is refused."""
    page.set_content(
        '<style>:root { --utrecht-color-blue-35: #123 }</style><label for="gone">Naam</label>'
        '<input id="naam" aria-describedby="hint  gone-too"><p id="hint">Hint</p>'
        '<button class="utrecht-button--primary-action">Opslaan</button>'
    )
    state = page.evaluate(PAGE_STATE_JS)
    assert state["axe"] is False and state["token"] == "#123"
    [found] = dangling_references(state["missing"])
    assert [node["failureSummary"] for node in found["nodes"]] == [
        "for='gone' not found",
        "aria-describedby='gone-too' not found",
    ]
    with pytest.raises(AssertionError):  # no stylesheet links
        assert_styled(state)
    with pytest.raises(AssertionError, match="primary button is unstyled"):
        assert_styled({**state, "sheets": [{"href": "x.css", "rules": 3}]})
    assert dangling_references([]) == []


def test_the_scan_names_a_serious_violation_with_its_elements(page, live_server, world):
    """axe's answer is cut down in the browser (``AXE_RUN_JS``) to what ``report`` shows: a serious or critical
    violation still arrives with its rule, impact, help and the elements, and fails the scan."""
    page.goto(f"{live_server.url}/account/inloggen/")
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
          '<img id="foto" src="/static/vendor/does-not-matter.png">')"""
    )
    scanner = Scanner(page, lambda name: None)
    scanner.scan("login with a bad image")
    [violation] = scanner.failures["login with a bad image"]
    assert (violation["id"], violation["impact"]) == ("image-alt", "critical")
    assert violation["help"] and violation["helpUrl"].startswith("https://")
    [node] = violation["nodes"]
    assert node["target"] == ["#foto"] and "alt" in node["failureSummary"]
    with pytest.raises(pytest.fail.Exception, match=r"image-alt \(critical\)"):
        scanner.assert_clean()
