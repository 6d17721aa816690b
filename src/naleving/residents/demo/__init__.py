"""Gemeente Demostad: a realistic, internally consistent demo municipality, generated from a seed.

``demo_municipality_load`` is the entry point (used by ``naleving demo-data``); the modules next to it hold
the pure generators, one per step of the cirkel van naleving.
"""

from naleving.residents.demo.common import DemoPeriodError
from naleving.residents.demo.load import (
    DEFAULT_REFERENCE_DATE,
    MODELS,
    DemoNotEmptyError,
    DemoResult,
    demo_municipality_load,
)

__all__ = [
    "DEFAULT_REFERENCE_DATE",
    "MODELS",
    "DemoNotEmptyError",
    "DemoPeriodError",
    "DemoResult",
    "demo_municipality_load",
]
