"""Every data table of a page template sits in a scroll region that keyboard users can reach (WCAG 1.4.10 and
2.1.1): ``<div class="nl-table-wrap" role="region" aria-label="..." tabindex="0">``, or the table turns into
cards on a small screen (``nl-table--cards``). The browser walk (tests/browser/test_reflow_walk.py) checks the
pages it opens; this checks the templates, so a table that only shows with other data cannot slip past."""

import re
from pathlib import Path

import naleving

SRC = Path(naleving.__file__).parent
#: print documents (letters, PDFs): no window to scroll in
PRINT = re.compile(r"/letter(/|\.html)|/pdf\.html$|/_inzage_record\.html$")
TABLE = re.compile(r"<table\b([^>]*)>")
REGION = re.compile(r'<div class="nl-table-(?:wrap|scroll)"([^>]*)>\s*$')


def _problems(text: str) -> list[int]:
    lines = []
    for match in TABLE.finditer(text):
        if "nl-table--cards" in match.group(1):
            continue
        region = REGION.search(text[: match.start()])
        attrs = region.group(1) if region else ""
        named = re.search(r'aria-label(ledby)?="[^"]+"', attrs)
        if not (region and 'role="region"' in attrs and 'tabindex="0"' in attrs and named):
            lines.append(text.count("\n", 0, match.start()) + 1)
    return lines


def test_every_table_is_in_a_named_focusable_region():
    templates = [p for p in SRC.glob("*/templates/**/*.html") if not PRINT.search(p.as_posix())]
    assert len(templates) > 100
    problems = [
        f"{path.relative_to(SRC)}:{line}" for path in templates for line in _problems(path.read_text())
    ]
    assert not problems, "tables outside a named, focusable scroll region:\n" + "\n".join(problems)


def test_the_check_finds_a_bare_table():
    assert _problems('<div class="nl-table-wrap"><table class="utrecht-table"></table></div>') == [1]
    assert _problems('<div class="nl-table-wrap" role="region" aria-label="X" tabindex="0"><table>') == []
