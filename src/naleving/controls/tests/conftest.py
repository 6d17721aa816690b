"""Every test of the controls app keeps its deliveries' raw files in its own temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def delivery_dir(settings, tmp_path):
    settings.NALEVING_DELIVERY_DIR = tmp_path / "leveringen"
    return settings.NALEVING_DELIVERY_DIR
