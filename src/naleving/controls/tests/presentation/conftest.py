"""The hand-made delivery of ``delivery.py`` and the analytics engine's documents over it, once per module."""

from pathlib import Path
from typing import Any

import pytest

from naleving.analytics import run_all
from naleving.controls.tests.presentation.delivery import DELIVERY, R, write_delivery


@pytest.fixture(scope="module")
def delivery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_delivery(tmp_path_factory.mktemp("presentation") / "delivery", DELIVERY)


@pytest.fixture(scope="module")
def documents(delivery: Path) -> dict[str, dict[str, Any]]:
    return run_all(delivery, R)
