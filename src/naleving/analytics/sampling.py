"""The control group: n active clients not hit, drawn uniformly at random with a recorded seed.

The draw orders the candidates by SHA-256 of "<seed>:<client_id>" and takes the first n: a pseudo-random
permutation that anyone can recompute from the recorded seed with any SHA-256 tool, that does not depend
on the Python version or on the order of the delivery, and that keeps a client's chance of being drawn
independent of their position in the file. Same seed and same data give the same group.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

import duckdb

METHOD = "sha256(seed:client_id) order, first n"


def new_seed() -> int:
    """A fresh seed for a run that did not get one; it is recorded in the output."""
    return secrets.randbelow(2**31)


def draw(candidates: Iterable[str], size: int, seed: int) -> list[str]:
    """Up to `size` of `candidates`, sorted by client_id (all of them when there are fewer)."""
    if size < 0:
        raise ValueError("the control group size cannot be negative")
    prefix = f"{seed}:".encode()
    ranked = sorted(
        set(candidates), key=lambda client_id: hashlib.sha256(prefix + client_id.encode()).digest()
    )
    return sorted(ranked[:size])


def control_group(con: duckdb.DuckDBPyConnection, size: int, seed: int) -> dict[str, object]:
    """The `control_group` section of a run document: `size` of the active clients not in `hit_ids`. Drawn in
    DuckDB, in the order `draw` describes (its `sha256` is the hexadecimal digest, which sorts as the digest
    does), so the candidates are not read into Python one by one."""
    if size < 0:
        raise ValueError("the control group size cannot be negative")
    rows = con.execute(
        "WITH candidate AS (SELECT DISTINCT CAST(client_id AS VARCHAR) AS id "
        "FROM active ANTI JOIN hit_ids USING (client_id)) "
        "SELECT id, count(*) OVER () FROM candidate ORDER BY sha256(? || id), id LIMIT greatest(?, 1)",
        [f"{seed}:", size],
    ).fetchall()
    drawn = sorted(str(row[0]) for row in rows[:size])
    return {
        "size": len(drawn),
        "requested": size,
        "candidates": int(rows[0][1]) if rows else 0,
        "seed": seed,
        "method": METHOD,
        "client_ids": drawn,
    }
