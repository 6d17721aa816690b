"""Give each schemathesis test item its own node id under pytest 9.2.

Schemathesis names the item of each API operation ``test_x[POST /api/v1/signals/]``, but pytest 9.2 builds
a Function's node id from its original name only, so all operations share one id. pytest-xdist
(``make test`` runs ``-n 2 --dist loadgroup``) then runs one of them and drops the rest. Adding the
operation as the id's parameters restores one id per operation; nothing happens once the ids differ.
"""

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        label = getattr(item, "operation_label", None)
        if label and hasattr(item, "_id") and not item._id.params:
            item._id = item._id.with_params(label)
