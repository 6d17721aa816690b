import pytest


@pytest.fixture
def counts_reused(settings):
    """List counts (and what else is kept per user, ``common.paging.kept_for_user``) kept for a minute, from an
    empty cache."""
    settings.NALEVING_LIST_COUNT_SECONDS = 60
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
