"""App tests share the fixtures in naleving.testing.fixtures (loaded by the repository's conftest.py)."""
