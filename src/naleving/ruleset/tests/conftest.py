from naleving.decisions.tests.fixtures import breach, make_breach, record  # noqa: F401
