"""The xdist scheduler of ``make test`` (naleving.testing.scheduling), driven with two stand-in workers."""

from types import SimpleNamespace

from naleving.testing.scheduling import ModuleChunkScheduling, chunk_scopes, group_of

BROWSER = [
    "tests/browser/test_walk.py::test_part[a]@walk-a",
    "tests/browser/test_walk.py::test_part[b]@walk-b",
    "tests/browser/test_flow.py::test_one@flow",
    "tests/browser/test_flow.py::test_two@flow",
]
SMALL = [f"src/app/tests/test_small.py::test_{n}" for n in range(3)]
LARGE = [f"tests/test_matrix.py::test_page[{n}]" for n in range(70)]
OTHER = ["tests/test_other.py::TestA::test_x", "tests/test_other.py::test_y[email@example.nl]"]
COLLECTION = BROWSER + SMALL + LARGE + OTHER


def test_a_test_of_a_group_is_handed_out_with_its_group_and_others_by_module_in_chunks():
    scopes = chunk_scopes(COLLECTION, chunk=32)
    assert [scopes[n] for n in BROWSER] == ["walk-a", "walk-b", "flow", "flow"]
    assert {scopes[n] for n in SMALL} == {"src/app/tests/test_small.py#1"}
    assert [scopes[n] for n in LARGE].count("tests/test_matrix.py#2") == 32
    assert [scopes[n] for n in LARGE].count("tests/test_matrix.py#4") == 6
    # an @ inside a parameter is not a group
    assert group_of(OTHER[1]) is None
    assert {scopes[n] for n in OTHER} == {"tests/test_other.py#5"}


def test_a_modules_tests_apart_in_the_collection_are_handed_out_apart():
    """pytest-django puts a module's transactional tests after every other module's plain ones."""
    plain, transactional = "tests/test_a.py::test_plain", "tests/test_a.py::test_transactional"
    scopes = chunk_scopes([plain, SMALL[0], transactional])
    assert scopes[plain] != scopes[transactional]


class Worker:
    def __init__(self, name: str):
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.queue: list[int] = []
        self.ran: list[str] = []

    def send_runtest_some(self, indexes):
        self.queue.extend(indexes)

    def shutdown(self):
        self.shutting_down = True


def _run(scheduler, workers) -> None:
    """Let the workers take turns finishing one test each until both are told to stop."""
    for _ in range(10 * len(COLLECTION)):
        busy = [w for w in workers if w.queue]
        if not busy:
            break
        for worker in busy:
            index = worker.queue.pop(0)
            worker.ran.append(COLLECTION[index])
            scheduler.mark_test_complete(worker, index)


def _scheduled() -> tuple[ModuleChunkScheduling, list[Worker]]:
    """The scheduler as xdist's controller sets it up for ``-n 2``, the collection handed out."""
    config = SimpleNamespace(getvalue=lambda name: ["2*popen"], option=SimpleNamespace(loadscopereorder=True))
    scheduler = ModuleChunkScheduling(config)
    workers = [Worker("gw0"), Worker("gw1")]
    for worker in workers:
        scheduler.add_node(worker)
    for worker in workers:
        scheduler.add_node_collection(worker, COLLECTION)
    scheduler.schedule()
    return scheduler, workers


def test_every_test_runs_once_a_small_module_in_one_worker_in_collection_order():
    scheduler, workers = _scheduled()
    _run(scheduler, workers)

    ran = [test for worker in workers for test in worker.ran]
    assert sorted(ran) == sorted(COLLECTION)
    assert scheduler.tests_finished and all(worker.shutting_down for worker in workers)
    # the browser groups first, one to each worker; the flow group and the small module each in one worker
    assert {workers[0].ran[0], workers[1].ran[0]} == {BROWSER[0], BROWSER[1]}
    assert [w for w in workers if BROWSER[2] in w.ran] == [w for w in workers if BROWSER[3] in w.ran]
    assert len({id(w) for w in workers for test in w.ran if test in SMALL}) == 1
    # the large module spread over both workers
    assert all(any(test in LARGE for test in w.ran) for w in workers)
    # each worker ran its tests in collection order
    for worker in workers:
        assert worker.ran == sorted(worker.ran, key=COLLECTION.index)


def test_a_crashed_workers_tests_go_to_the_other():
    scheduler, workers = _scheduled()
    crashed, survivor = workers
    first = crashed.queue.pop(0)
    scheduler.mark_test_complete(crashed, first)
    crash_item = scheduler.remove_node(crashed)
    assert crash_item == COLLECTION[crashed.queue[0]]
    # xdist reports the crashed test; what the crashed worker had not finished goes back in the queue (as in
    # xdist's own schedulers) and to the other worker
    scheduler.schedule()
    _run(scheduler, [survivor])
    assert sorted([COLLECTION[first], *survivor.ran]) == sorted(COLLECTION)
    assert survivor.shutting_down
