"""The control group: reproducible, uniform, never a hit, never outside the population."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from naleving.analytics import ParameterError, run_all, run_control
from naleving.analytics.sampling import draw
from naleving.analytics.tests.conftest import R


def test_same_seed_and_data_give_the_same_group(golden: Path) -> None:
    first = run_control("brp_adres", golden, R, control_sample=5, seed=42)["control_group"]
    again = run_control("brp_adres", golden, R, control_sample=5, seed=42)["control_group"]
    other = run_control("brp_adres", golden, R, control_sample=5, seed=43)["control_group"]
    assert first == again
    assert first["client_ids"] != other["client_ids"]
    assert (first["seed"], first["size"], first["requested"], first["candidates"]) == (42, 5, 5, 21)


def test_the_group_is_active_clients_not_hit(golden: Path) -> None:
    documents = run_all(golden, R, control_sample=100, seed=1)
    for document in documents.values():
        group = document["control_group"]
        hits = {h["client_id"] for h in document["hits"]}
        assert group["size"] == group["candidates"] == 21  # 23 active, 2 hits: all drawn when n is larger
        assert not hits & set(group["client_ids"])
        assert not {"C20", "C25"} & set(group["client_ids"])  # not active on R


def test_the_seed_is_recorded_when_not_given(golden: Path) -> None:
    group = run_control("vermogen", golden, R, control_sample=2)["control_group"]
    assert isinstance(group["seed"], int) and group["size"] == 2


def test_no_control_group_unless_asked(golden: Path) -> None:
    assert run_control("vermogen", golden, R)["control_group"] is None


def test_negative_size_is_refused(golden: Path) -> None:
    with pytest.raises(ParameterError):
        run_control("vermogen", golden, R, control_sample=-1, seed=1)


def test_draw_is_the_documented_hash_order() -> None:
    candidates = [f"K{i}" for i in range(50)]
    expected = sorted(candidates, key=lambda c: hashlib.sha256(f"7:{c}".encode()).hexdigest())[:5]
    assert draw(candidates, 5, 7) == sorted(expected)
    assert draw(reversed(candidates), 5, 7) == draw(candidates, 5, 7)  # independent of the delivery's order


def test_draw_is_roughly_uniform() -> None:
    candidates = [f"K{i}" for i in range(20)]
    counts = Counter(c for seed in range(2000) for c in draw(candidates, 5, seed))
    # Each candidate is expected 2000 * 5 / 20 = 500 times.
    assert all(400 < counts[c] < 600 for c in candidates)


@pytest.mark.parametrize("size", [0, 1, 7, 60, 500])
def test_the_group_drawn_in_duckdb_is_the_documented_draw(size: int) -> None:
    import duckdb

    from naleving.analytics.sampling import control_group

    clients = [f"K{i}" for i in range(300)] + ["Ünïcode-1", "K7"]  # a client twice in active counts once
    hits = [f"K{i}" for i in range(0, 300, 7)]
    con = duckdb.connect()
    con.execute("CREATE TABLE active AS SELECT unnest(?::VARCHAR[]) AS client_id", [clients])
    con.execute("CREATE TABLE hit_ids AS SELECT unnest(?::VARCHAR[]) AS client_id", [hits])
    candidates = [c for c in clients if c not in hits]
    for seed in (0, 7, 2**31 - 1):
        group = control_group(con, size, seed)
        assert group["client_ids"] == draw(candidates, size, seed)
        assert (group["size"], group["candidates"]) == (min(size, len(set(candidates))), len(set(candidates)))
