import pytest


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Uploads go to a temporary folder; the login-failure counter (in the cache) starts at zero."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
