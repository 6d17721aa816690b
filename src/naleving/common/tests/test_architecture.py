"""The structure holds (docs/architecture.md): no import circles, no oversized modules, pure selectors.

The layer contracts themselves are import-linter's (``make lint``); these are the rules it cannot state.
"""

from pathlib import Path

import grimp
import pytest

import naleving

SOURCE = Path(naleving.__file__).parent
MAX_LINES = 450


def _production_module(name: str) -> bool:
    parts = name.split(".")
    return "tests" not in parts and "migrations" not in parts and parts[-1] != "conftest"


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("naleving", include_external_packages=True)


def _strongly_connected(nodes: set[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the components with more than one module are the circles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        circles.append(sorted(component))
    return circles


def test_no_import_circles(graph):
    modules = {m for m in graph.modules if m.startswith("naleving.") and _production_module(m)}
    edges = {m: {n for n in graph.find_modules_directly_imported_by(m) if n in modules} for m in modules}
    assert _strongly_connected(modules, edges) == []


def test_the_circle_finder_finds_a_circle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _strongly_connected(set(edges), edges) == [["a", "b", "c"]]


def test_no_source_module_is_over_450_lines():
    too_long = {}
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long[str(relative)] = lines
    assert too_long == {}


HTTP_MODULES = ("django.http", "django.urls", "django.shortcuts")


def _http_imports(graph, module: str) -> list[str]:
    # grimp squashes external packages to "django", so read the import lines themselves.
    details = graph.get_import_details(importer=module, imported="django")
    return sorted(d["line_contents"] for d in details if any(m in d["line_contents"] for m in HTTP_MODULES))


def test_selectors_know_nothing_of_http(graph):
    """Selectors return data or raise the model's DoesNotExist; views turn that into a 404 (common.views)."""
    selectors = [m for m in graph.modules if m.startswith("naleving.") and m.split(".")[-1] == "selectors"]
    assert len(selectors) >= 10
    offending = {module: _http_imports(graph, module) for module in selectors}
    assert {m: lines for m, lines in offending.items() if lines} == {}


def test_the_http_check_sees_an_http_import(graph):
    assert _http_imports(graph, "naleving.common.views") == ["from django.http import Http404, QueryDict"]
