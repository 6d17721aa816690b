"""A module imported where a test first uses it, not when pytest collects the test module.

Every pytest-xdist worker imports every test module to collect the suite. SciPy, pandas, scikit-learn and
fairlearn serve only the analytics tests' comparisons (their numbers against the libraries' own), yet
imported at the top of those modules each worker loaded them, and on a fresh clone compiled them: about
1,000 modules, the same files in both workers at once (docs/benchmarks.md, thirty-first pass). Bound with
``lazy``, they are loaded by the worker that runs such a test, once::

    stats = lazy("scipy.stats")
    ...
    stats.chi2_contingency(table)
"""

from __future__ import annotations

import importlib
from typing import Any


class _Lazy:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("_"):
            # pytest looks at every name of a test module it collects (``_fixture_function_marker``,
            # ``__test__``): those reads must not import the module; the tests use public names only
            raise AttributeError(attribute)
        # import_module returns the module from sys.modules after its first import: a dictionary lookup
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"


def lazy(name: str) -> Any:
    """The module ``name``, imported at the first attribute read."""
    return _Lazy(name)
