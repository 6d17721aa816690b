"""The order in which ``make test`` hands its tests to the two xdist workers (``--dist loadgroup``).

pytest-xdist's ``loadgroup`` keeps the tests of one ``xdist_group`` in one worker and hands out every other test
on its own, in turn. A module's tests then went to both workers, so both built the module's read-only fixtures
(``_module_world``, a demo, a synthetic dataset, the signed-in sessions): 93 of the 133 modules that build a
world built it twice. And the controller, which decides after each test what the worker gets next, looks
through everything it handed out before (``_pending_of``, ``list.index``) at each of some 4,000 tests.

``ModuleChunkScheduling`` hands out a group as before, and otherwise a module's consecutive tests in chunks of
at most ``CHUNK``: a small module goes to one worker, a large one (the permission matrix's 1,276 requests) still
spreads over both near the end, so neither waits long for the other. The order is the
collection's (the browser tests first, ``conftest.py``), not xdist's largest-first, which would put the browser
groups (a test each, up to ten seconds) last.
"""

from __future__ import annotations

from xdist.scheduler import LoadGroupScheduling

#: Tests of one module handed out together. A chunk of the permission matrix takes about a second.
CHUNK = 32


def group_of(nodeid: str) -> str | None:
    """The ``xdist_group`` xdist appended to the node id (``…::test@name``), or None."""
    at = nodeid.rfind("@")
    return nodeid[at + 1 :] if at > nodeid.rfind("]") else None


def chunk_scopes(collection: list[str], chunk: int = CHUNK) -> dict[str, str]:
    """Each node id's unit of work: its group when it has one, else "<module>#<n>" for a run of at most
    ``chunk`` consecutive tests of one module. Only consecutive tests: pytest-django orders the transactional
    tests after the others, so one module's tests can lie apart in the collection, and handed out together a
    transactional test would run inside the module's open transaction (``_module_world``)."""
    scopes: dict[str, str] = {}
    runs = 0
    previous, length = None, 0
    for nodeid in collection:
        group = group_of(nodeid)
        if group is not None:
            scopes[nodeid] = group
            previous = None
            continue
        module = nodeid.split("::", 1)[0]
        if module != previous or length == chunk:
            runs, length = runs + 1, 0
        previous, length = module, length + 1
        scopes[nodeid] = f"{module}#{runs}"
    return scopes


class ModuleChunkScheduling(LoadGroupScheduling):
    """``loadgroup`` with a module's ungrouped tests handed out in chunks, in collection order."""

    def __init__(self, config, log=None) -> None:
        super().__init__(config, log)
        self._scopes: dict[str, str] = {}
        self._indexes: dict[object, dict[str, int]] = {}
        self._pending: dict[object, int] = {}

    def schedule(self) -> None:
        if self.collection is None and self.registered_collections:
            collection = next(iter(self.registered_collections.values()))
            self._scopes = chunk_scopes(list(collection))
            # xdist orders the units largest first; the collection's order is the one wanted here.
            self.config.option.loadscopereorder = False
        super().schedule()

    def _split_scope(self, nodeid: str) -> str:
        scope = self._scopes.get(nodeid)
        return scope if scope is not None else super()._split_scope(nodeid)

    # Below: a count of each worker's tests not yet done and a map of its node ids, where xdist walks everything
    # it handed out so far (at each report) and searches the collection list (at each test handed out).
    def _assign_work_unit(self, node) -> None:
        scope, work_unit = self.workqueue.popitem(last=False)
        self.assigned_work.setdefault(node, {})[scope] = work_unit
        indexes = self._indexes.get(node)
        if indexes is None:
            indexes = self._indexes[node] = {
                nodeid: i for i, nodeid in enumerate(self.registered_collections[node])
            }
        todo = [indexes[nodeid] for nodeid, done in work_unit.items() if not done]
        self._pending[node] = self._pending.get(node, 0) + len(todo)
        node.send_runtest_some(todo)

    def mark_test_complete(self, node, item_index: int, duration: float = 0) -> None:
        self._pending[node] = self._pending.get(node, 0) - 1
        super().mark_test_complete(node, item_index, duration)

    def _pending_of(self, workload) -> int:
        for node, assigned in self.assigned_work.items():
            if assigned is workload:
                return self._pending.get(node, 0)
        return super()._pending_of(workload)

    def remove_node(self, node):
        # a crashed worker's tests go back into the queue (xdist's own bookkeeping); forget its count
        self._pending.pop(node, None)
        self._indexes.pop(node, None)
        return super().remove_node(node)
