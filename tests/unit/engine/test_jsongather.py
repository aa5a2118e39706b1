"""``Gather``: token texts by id from a static table and a chunk's own, as a list would."""

from __future__ import annotations

import random
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from milia.engine.jsongather import Gather


def _static(n: int) -> np.ndarray:
    table = np.empty(n, dtype=object)
    table[:] = [f"s{i}" for i in range(n)]
    return table


def _ids(rng: random.Random, base: int, n_own: int, size: int) -> np.ndarray:
    return np.array([rng.randrange(base + n_own) for _ in range(size)], dtype=np.intp)


def test_gathers_static_then_own_texts() -> None:
    rng = random.Random(5)
    gather = Gather()
    static = _static(50)
    for n_own in [0, 1, 7, 200_000, 3]:  # more than the room: the table grows
        own = [f"own{n_own}-{j}" for j in range(n_own)]
        ids = _ids(rng, len(static), n_own, 1_000)
        joined = [*static.tolist(), *own]
        assert gather.gather(static, own, ids) == [joined[i] for i in ids.tolist()]
        # the chunk's texts are not kept: the room holds nothing after the gather
        assert all(x is None for x in gather.table[len(static) :].tolist())


def test_a_new_static_table_is_taken() -> None:
    gather = Gather()
    first, second = _static(10), _static(12)
    second[3] = "changed"
    assert gather.gather(first, ["a"], np.array([3, 10])) == ["s3", "a"]
    assert gather.gather(second, ["b"], np.array([3, 12])) == ["changed", "b"]


def test_own_texts_are_freed_with_the_chunk() -> None:
    gather = Gather()
    text = "".join(["chunk text ", str(random.random())])  # one object, no other holder
    before = sys.getrefcount(text)
    gather.gather(_static(5), [text], np.array([5, 5, 0]))
    assert sys.getrefcount(text) == before


def test_threads_get_their_own_texts() -> None:
    gather = Gather()
    static = _static(100)

    def run(k: int) -> bool:
        rng = random.Random(k)
        own = [f"t{k}-{j}" for j in range(rng.randrange(1, 400))]
        ids = _ids(rng, len(static), len(own), 5_000)
        joined = [*static.tolist(), *own]
        return gather.gather(static, own, ids) == [joined[i] for i in ids.tolist()]

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(run, range(40)))
