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


def test_int32_ids_gather_as_intp_ids() -> None:
    """The writer lays out its token ids in 32 bits: the same texts as 64-bit ids."""
    rng = random.Random(9)
    static = _static(300)
    own = [f"own{j}" for j in range(40)]
    ids = _ids(rng, len(static), len(own), 2_000)
    want = Gather().gather(static, own, ids)
    assert Gather().gather(static, own, ids.astype(np.int32)) == want


def test_the_layout_writes_32_bit_ids() -> None:
    from milia.engine.case import validate_case
    from milia.engine.fast import compute_chunk
    from milia.engine.jsoncase import case_texts
    from milia.engine.jsontokens import layout
    from milia.engine.sample import random_cases

    done = compute_chunk(
        [validate_case(c) for c in random_cases(30, seed=8)], n_questions=5, why_top=23
    )
    texts, pre, mid, end = case_texts(done, None)
    ids, bounds, dynamic = layout(done, texts, pre, mid, end)
    assert ids.dtype == np.int32
    assert int(ids.min()) >= 0 and int(ids.max()) < len(texts.tokens) + len(dynamic)
    assert int(bounds[-1]) == len(ids)
