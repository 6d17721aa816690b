"""The "one request at a time" pass of `python -m bench load` (bench_load.py): not a benchmark on its own.

Against the same gunicorn server as the load test, with nothing else running: for each demo role, log in
through the login form and open every main page of the cirkel van naleving REPEAT times in a row (after
WARMUP requests of it that are not timed), timing each request on the client (wall time, the page read to its
end). The server is warm then: gunicorn's processes take the requests in turns nobody chooses, and in each
a page's first request compiles its templates and its once-compiled SQL (``common.compiled``), while
PostgreSQL prepares a query on a connection only at its second run (``NALEVING_DB_PREPARE_THRESHOLD``). With
one warm-up request (``BENCH_LOAD_WARMUP=1``, the method before 2026-12-05) a heavy page's median also held
those first runs of the four processes (docs/benchmarks.md).
Detail pages (a resident, an investigation, a besluit) are the first one linked from the role's own list, so
they are always in scope. The deep resident list page and the deep signal page are timed twice: by its number
(``?page=400``, the database walks every row before it) and as the "Volgende" link of page 399 opens it
(``common.keyset``: the link carries where the page begins); a role whose list has fewer pages gets its own
last page there (and the page before it for "Volgende"), named so in the table, instead of a 404 that would
leave it out. Each page is reported with its median, its p95 and the ratio of its median to that of the login
page (the trivial page the targets of issue #24 compare with): the login page timed at the start of the role's
pages, and the login page timed beside the page itself (an anonymous request of it before each request of the
page, so both medians come from the same seconds of a machine whose speed drifts). A page the role may not
open (403, 404 or a redirect) is listed with its status and left out of the comparison. Under the table: how
many pages are within 5× the login page beside them, which are over it, and the mean ratio.
BENCH_LOAD_REPEAT, BENCH_LOAD_WARMUP and BENCH_LOAD_ROLES (comma-separated usernames) change the defaults below;
BENCH_LOAD_PAGES (names from PAGES separated by commas, or by semicolons when a name holds a comma, e.g.
"home,resident page" or "signal list;signal list, page 400") times only those pages.
"""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request

REPEAT = int(os.environ.get("BENCH_LOAD_REPEAT", "15"))
#: untimed requests of each page first: a dozen gives each of gunicorn's four processes a few of them
WARMUP = max(1, int(os.environ.get("BENCH_LOAD_WARMUP", "12")))
ROLES = tuple(
    os.environ.get("BENCH_LOAD_ROLES", "consulent,teamleider,handhaver,fg,beleid,beheerder,analist").split(
        ","
    )
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "/account/inloggen/"

#: the "Volgende" link of a list page (common.keyset: it carries where its page begins)
NEXT = "next"
#: a page number in a list's URL, and the list's own "Pagina 1 van N" under its table
PAGE_PARAM = re.compile(r"([?&])page=(\d+)")
PAGES_OF = re.compile(r"Pagina \d+ van (\d+)")
#: (name in the table, url), or (name, (list url, prefix)) for the first detail page `prefix<id>/` on that list,
#: or (name, (list url, NEXT)) for the page its "Volgende" link opens
PAGES: tuple[tuple[str, str | tuple[str, str]], ...] = (
    ("home", "/"),
    ("resident list", "/inwoners/"),
    ("resident list, page 40", "/inwoners/?page=40"),
    ("resident list, page 40 by Volgende", ("/inwoners/?page=39", NEXT)),
    ("resident page", ("/inwoners/", "/inwoners/")),
    ("signal list", "/signalen/"),
    ("signal list, page 400", "/signalen/?page=400"),
    ("signal list, page 400 by Volgende", ("/signalen/?page=399", NEXT)),
    ("signals: origin", "/signalen/?origin=collega"),
    ("signals: kind", "/signalen/?kind=income"),
    ("signals: not triaged", "/signalen/?route=geen"),
    ("signals: date range", "/signalen/?received_from=2026-10-01&received_to=2026-11-23"),
    ("investigation list", "/onderzoeken/"),
    ("investigations: open", "/onderzoeken/?status=open"),
    ("investigation page", ("/onderzoeken/", "/onderzoeken/")),
    ("decision list", "/besluiten/"),
    ("decisions: to sign", "/besluiten/?status=ter_ondertekening"),
    ("decision page", ("/besluiten/", "/besluiten/")),
    ("claim list", "/vorderingen/"),
    ("claims: open", "/vorderingen/?status=open"),
    ("claims: collection", "/vorderingen/invordering/"),
)

#: only these pages (by name) when BENCH_LOAD_PAGES is set; the login page is always timed
_PAGES_ENV = os.environ.get("BENCH_LOAD_PAGES", "")
_ONLY = {name.strip() for name in _PAGES_ENV.split(";" if ";" in _PAGES_ENV else ",") if name.strip()}
if _ONLY:
    PAGES = tuple((name, target) for name, target in PAGES if name in _ONLY)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser of one: cookies, no redirects followed, every response read to its end."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def get(self, url: str, data: dict | None = None) -> tuple[int, str, float]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.host + url, data=body)
        if data is not None:
            request.add_header("Referer", self.host + LOGIN)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                text, status = response.read().decode("utf-8", "replace"), response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
        return status, text, (time.perf_counter() - started) * 1000

    def login(self, username: str, password: str) -> bool:
        _, page, _ = self.get(LOGIN)
        match = CSRF.search(page)
        if match is None:
            return False
        fields = {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)}
        status, _, _ = self.get(LOGIN, fields)
        return status == 302


def _times(client: Client, url: str, repeat: int) -> tuple[int, list[float]]:
    for _ in range(WARMUP):  # not timed: each process's first runs of this view (the module says which)
        client.get(url)
    samples = []
    for _ in range(repeat):
        status, _, ms = client.get(url)
        samples.append(ms)
    return status, samples


def _times_beside_login(client: Client, anonymous: Client, url: str, repeat: int) -> tuple[int, list, list]:
    """``_times``, with the login page requested (by ``anonymous``) before each request of the page: the page's
    samples and the login page's, taken in the same seconds."""
    for _ in range(WARMUP):  # not timed, as in ``_times``
        client.get(url)
        anonymous.get(LOGIN)
    samples, logins = [], []
    for _ in range(repeat):
        logins.append(anonymous.get(LOGIN)[2])
        status, _, ms = client.get(url)
        samples.append(ms)
    return status, samples, logins


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _within_list(
    client: Client, target: str | tuple[str, str], name: str
) -> tuple[str | tuple[str, str], str]:
    """A deep page of a list (``?page=40``) as far as this role's list goes: a role that sees fewer pages (a
    handhaver's residents at 20,000) gets its last page instead, named so in the table, rather than a 404 that
    leaves the deep page out. For the "Volgende" target its page before the last. ("", name) when there is
    none."""
    url = target[0] if isinstance(target, tuple) else target
    match = PAGE_PARAM.search(url)
    if match is None:
        return target, name
    status, text, _ = client.get(PAGE_PARAM.sub(match.group(1), url, count=1).rstrip("?&"))
    if status != 200:
        return target, name  # timed as it is: the table shows the role's status for it
    found = PAGES_OF.search(text)
    pages = int(found.group(1)) if found else 1  # a list of one page shows no pagination
    wanted = int(match.group(2))
    last = pages - 1 if isinstance(target, tuple) and target[1] == NEXT else pages
    if wanted <= last:
        return target, name
    if last < 1:
        return "", name
    capped = PAGE_PARAM.sub(f"{match.group(1)}page={last}", url, count=1)
    shown = f"{name} (the role's last page: {pages})"
    return ((capped, target[1]) if isinstance(target, tuple) else capped), shown


def run(host: str, password: str, repeat: int = REPEAT) -> list[tuple[str, str, int, float, float, float]]:
    """Rows of (role, page, status, median ms, p95 ms, ratio of the median to the login page's at the start of
    the role's pages, ratio to the login page's timed beside it)."""
    rows = []
    for role in ROLES:
        client, anonymous = Client(host), Client(host)
        _, login_times = _times(anonymous, LOGIN, repeat)
        login = statistics.median(login_times)
        rows.append((role, "login page", 200, login, _p95(login_times), 1.0, 1.0))
        if not client.login(role, password):
            rows.append((role, "(login failed)", 0, 0.0, 0.0, 0.0, 0.0))
            continue
        for name, target in PAGES:
            target, name = _within_list(client, target, name)
            if not target:
                continue  # the role's list has no page to open this way
            url = target
            if isinstance(target, tuple) and target[1] == NEXT:
                status, text, _ = client.get(target[0])
                match = re.search(r'rel="next" href="\?([^"]+)"', text) if status == 200 else None
                if match is None:
                    continue  # the list has no page after this one for this role
                url = f"{target[0].split('?')[0]}?{html.unescape(match.group(1))}"
            elif isinstance(target, tuple):
                status, text, _ = client.get(target[0])
                match = re.search(rf'href="{target[1]}(\d+)/"', text) if status == 200 else None
                if match is None:
                    continue  # nothing in this role's list to open
                url = f"{target[1]}{match.group(1)}/"
            status, samples, beside = _times_beside_login(client, anonymous, url, repeat)
            if status != 200:
                rows.append((role, name, status, 0.0, 0.0, 0.0, 0.0))
                continue
            median = statistics.median(samples)
            rows.append(
                (
                    role,
                    name,
                    status,
                    median,
                    _p95(samples),
                    median / login,
                    median / statistics.median(beside),
                )
            )
    return rows


#: issue #24's target: every main page within this multiple of the login page (beside it)
TARGET = 5.0


def summary(rows) -> str:
    """How many of the pages timed (every page with status 200 but the login page) are within ``TARGET`` times
    the login page beside them, which are over it and by how much, and the mean of the ratios: one run's
    answer, to compare runs by (the machine's speed moves these from one run to the next)."""
    timed = [
        (role, name, beside)
        for role, name, status, *_, beside in rows
        if status == 200 and name != "login page"
    ]
    if not timed:
        return "no page timed"
    over = sorted((beside, role, name) for role, name, beside in timed if beside > TARGET)
    lines = [
        f"within {TARGET:.0f}x the login page beside them: {len(timed) - len(over)} of {len(timed)} pages; "
        f"mean ratio {statistics.mean(b for *_, b in timed):.2f}"
    ]
    lines += [f"  over: {role}, {name}: {beside:.2f}x" for beside, role, name in reversed(over)]
    return "\n".join(lines)


def print_table(rows) -> None:
    print("| role | page | median | p95 | median / login page | median / login page beside it |")
    print("|---|---|---|---|---|---|")
    for role, name, status, median, p95, ratio, beside in rows:
        if status != 200:
            print(f"| {role} | {name} | status {status} | | | |")
        else:
            print(f"| {role} | {name} | {median:.0f} ms | {p95:.0f} ms | {ratio:.1f}× | {beside:.1f}× |")
    print()
    print(summary(rows))
