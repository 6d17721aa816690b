import pytest


@pytest.fixture(autouse=True)
def _isolated(request, settings, tmp_path):
    """Uploads go to a temporary folder; the login-failure counter (in the database cache) starts at zero
    for tests that use the database."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if uses_db:
        request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
        cache.clear()
    yield
    if uses_db:
        cache.clear()
