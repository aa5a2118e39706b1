"""``select_items``: the why items of a chunk, chosen as ``explain`` chooses them."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from milia.engine.case import case_age_days, validate_case
from milia.engine.prepared import Selected, prepared
from milia.engine.sample import random_cases
from milia.engine.selection import rank_table, select_items


def _reference(
    sizes: list[float], hidden: list[bool], *, limit: int = 5, considered: int = 7
) -> list[int]:
    """Row positions shown, as explain() picks them: largest first, ties by position."""
    order = sorted(range(len(sizes)), key=lambda k: (-sizes[k], k))
    picked = [k for k in order if sizes[k] >= math.log(1.2)][:considered]
    return [k for k in picked if not hidden[k]][:limit]


def _expected(
    prep: Any, padded: Any, wanted: Any, best: Any, with_type: Any
) -> tuple[list[int], Any]:
    n_classes = len(prep.model.classes)
    width = prep.items.width
    keys: list[int] = []
    counts = np.zeros((len(wanted), n_classes + 1), dtype=np.intp)
    for i in range(len(wanted)):
        length = int(padded.lengths[i])
        rows = padded.rows[i, :length].tolist()
        weights = padded.weights[i, :length].tolist()
        slots = padded.slots[i, :length].tolist()
        hidden = [bool(prep.hidden[r]) for r in rows]
        groups = [(g, g, bool(wanted[i, g])) for g in range(n_classes)]
        groups.append((n_classes, n_classes + int(best[i]), bool(with_type[i])))
        for g, column, chosen in groups:
            if not chosen:
                continue
            sizes = [
                abs(float(prep.rel[r, column]) * w) for r, w in zip(rows, weights, strict=True)
            ]
            shown = _reference(sizes, hidden)
            keys += [slots[k] * width + column for k in shown]
            counts[i, g] = len(shown)
    return keys, counts


@pytest.mark.parametrize("seed", [11, 12])
def test_selection_is_explains_choice(seed: int) -> None:
    prep = prepared()
    model = prep.model
    cases = [validate_case(c) for c in random_cases(300, seed=seed)]
    padded = prep.pad([model.encode(c, case_age_days(c)) for c in cases])
    rng = np.random.default_rng(seed)
    n_classes, n_types = len(model.classes), len(prep.rel[0]) - len(model.classes)
    best = rng.integers(0, n_types, size=len(cases))
    for wanted, with_type in (
        (np.ones((len(cases), n_classes), dtype=bool), np.ones(len(cases), dtype=bool)),
        (rng.random((len(cases), n_classes)) < 0.4, rng.random(len(cases)) < 0.5),
    ):
        got: Selected = select_items(prep, padded, wanted, best, with_type)
        keys, counts = _expected(prep, padded, wanted, best, with_type)
        assert got.keys.tolist() == keys
        assert (got.counts == counts).all()
        assert got.numeric.tolist() == [
            bool(prep.numeric[prep.slot_rows[k // prep.items.width]]) for k in keys
        ]


def test_equal_sizes_share_a_rank_and_keep_row_order() -> None:
    prep = prepared()
    table = rank_table(prep)
    rows = np.asarray(prep.slot_rows)
    size = np.abs(prep.rel[rows] * np.asarray(prep.slot_weights)[:, None])
    shown = size >= math.log(1.2)
    rank = table.rank[:-1]
    # the ranks order the sizes, equal sizes equally, in every column
    for column in range(size.shape[1]):
        s, r = size[shown[:, column], column], rank[shown[:, column], column]
        order = np.argsort(r, kind="stable")
        assert (np.diff(s[order]) <= 0).all()
        assert ((np.diff(r[order]) == 0) == (np.diff(s[order]) == 0)).all()
    assert (rank[~shown] > rank[shown].max()).all()
    # a chunk where two rows tie (two sites share the weight): row order decides
    case = validate_case({"color": "white", "sites": ["eyelids", "cheeks"], "age_years": 30})
    padded = prep.pad([prep.model.encode(case, case_age_days(case))])
    n_classes = len(prep.model.classes)
    got = select_items(
        prep,
        padded,
        np.ones((1, n_classes), dtype=bool),
        np.zeros(1, dtype=np.intp),
        np.ones(1, dtype=bool),
    )
    keys, counts = _expected(
        prep,
        padded,
        np.ones((1, n_classes), dtype=bool),
        np.zeros(1, dtype=np.intp),
        np.ones(1, dtype=bool),
    )
    assert got.keys.tolist() == keys and (got.counts == counts).all()
