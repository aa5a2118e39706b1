"""The why items a chunk of cases shows, selected by sorting integers.

:func:`milia.engine.explain.explain` shows, for each class, the items of the
case's rows sorted by the size of their effect (largest first, ties in row
order), those under x1.2 either way left out, the first seven considered,
rows without words skipped, at most five. An item's size depends only on its
``(row, weight)`` slot and its class, so every slot's size is ranked once per
class column (:class:`RankTable`; equal sizes share a rank, items under x1.2
rank last). A chunk's items are then sorted as the integers ``rank << bits |
position``, which gives the same order as sorting their sizes stably and
costs a fifth as much.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt

from milia.engine.prepared import MAX_ITEMS, MIN_LOG_FACTOR, IntArray, Padded, Prepared, Selected

__all__ = ["RankTable", "rank_table", "select_items"]

_CONSIDERED = MAX_ITEMS + 2  # rows considered per class (rows without words may take a place)
_KEY = np.int32


@dataclass(eq=False)
class RankTable:
    """Per slot and class column (conditions, then milia types) of a :class:`Prepared`.

    ``rank[s, j]``: the place by size of the item of slot ``s`` for column
    ``j`` among all slots' items of that column (0 the largest; equal sizes,
    equal ranks) when it moves the odds x1.2 or more either way, else a rank
    past all others. A last row, for padding, ranks past all others too.
    """

    n_slots: int = 0
    rank: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros((1, 0), dtype=_KEY))
    # per slot (and padding): a row without words; an item holding the case's number
    hidden: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    numeric: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))
    bits: int = 0  # bits left for a row position under the largest rank
    never: int = 0

    def update(self, prep: Prepared) -> None:
        """Rank every slot of ``prep`` (again, when slots were added since)."""
        rows = np.asarray(prep.slot_rows, dtype=np.intp)
        weights = np.asarray(prep.slot_weights, dtype=float)
        # the very products explain() and the chunk path compare
        size = np.abs(prep.rel[rows] * weights[:, None])  # (S, W)
        order = np.argsort(-size, axis=0, kind="stable")
        ordered = np.take_along_axis(size, order, axis=0)
        steps = np.zeros(ordered.shape, dtype=np.intp)
        steps[1:] = ordered[1:] != ordered[:-1]
        rank = np.empty_like(steps)
        np.put_along_axis(rank, order, np.cumsum(steps, axis=0), axis=0)
        never = int(rank.max(initial=0)) + 1
        rank[size < MIN_LOG_FACTOR] = never
        self.rank = np.concatenate([rank, np.full((1, prep.items.width), never)]).astype(_KEY)
        self.bits = 31 - never.bit_length()
        self.never = never << self.bits  # the key of every item never shown
        self.hidden = np.append(prep.hidden[rows], False)
        self.numeric = np.append(prep.numeric[rows], False)
        self.n_slots = len(rows)


@cache
def _tables(prep: Prepared) -> RankTable:
    return RankTable()


def rank_table(prep: Prepared) -> RankTable:
    """The :class:`RankTable` of ``prep``, up to date with its slots."""
    table = _tables(prep)
    if table.n_slots != len(prep.slot_rows):
        table.update(prep)
    return table


def select_items(
    prep: Prepared,
    padded: Padded,
    wanted: npt.NDArray[np.bool_],
    best: IntArray,
    with_type: npt.NDArray[np.bool_],
) -> Selected:
    """Select the why items of the wanted conditions and best types of a chunk.

    Parameters
    ----------
    wanted : ndarray of bool, shape (N, C)
        Which conditions of which cases to explain.
    best : ndarray of int, shape (N,)
        Each case's most likely milia type (column among the types).
    with_type : ndarray of bool, shape (N,)
        Which cases explain their best milia type.
    """
    table = rank_table(prep)
    n_columns = prep.items.width
    n_classes = len(prep.model.classes)
    n, width = padded.slots.shape
    top = min(_CONSIDERED, width)
    if width > 1 << table.bits:
        raise ValueError(f"{width} rows in a case: too many to sort by one key")
    present = np.arange(width) < padded.lengths[:, None]
    slots = np.where(present, padded.slots, table.n_slots)  # padding: the last row
    ranks = table.rank[slots]  # (N, K, W)
    key = np.empty((n, n_classes + 1, width), dtype=_KEY)  # (case, group, row position)
    key[:, :n_classes] = ranks[:, :, :n_classes].transpose(0, 2, 1)
    columns = np.empty((n, n_classes + 1), dtype=np.intp)
    columns[:, :n_classes] = np.arange(n_classes)
    columns[:, n_classes] = n_classes + best
    key[:, n_classes] = np.take_along_axis(ranks, columns[:, n_classes, None, None], axis=2)[
        :, :, 0
    ]
    key <<= table.bits
    key |= np.arange(width, dtype=_KEY)
    chosen = np.empty((n, n_classes + 1), dtype=bool)
    chosen[:, :n_classes] = wanted
    chosen[:, n_classes] = with_type
    key[~chosen] = table.never
    key.sort(axis=2)  # by size, ties by row position; those never shown last
    ordered = key[:, :, :top]
    valid = ordered < table.never
    position = ordered & ((1 << table.bits) - 1)
    position += (np.arange(n, dtype=_KEY) * width)[:, None, None]
    picked = slots.ravel()[position]
    visible = valid & ~table.hidden[picked]  # rows without words keep their place
    keep = visible & (np.cumsum(visible, axis=2, dtype=np.int8) <= MAX_ITEMS)
    keys = (picked * n_columns + columns[:, :, None])[keep]
    return Selected(keys, keep.sum(axis=2), table.numeric[picked[keep]])
