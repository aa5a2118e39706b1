"""Output parts that depend only on the knowledge base, prepared once.

The fast path (:mod:`milia.engine.fast`) assembles each assessment from parts
that do not depend on the case: the ``why`` item of every (finding row,
weight, class), question items, and the text of every condition. They are
computed once per compiled model (why items on first use of a row and
weight) and held as immutable tuples; each result gets fresh dicts and lists
built from them, so a caller mutating one result never changes another.

The selection of the items each class shows is vectorised over a chunk of
cases (:func:`select_items`) and reproduces :func:`milia.engine.explain.explain`
exactly: items sorted by the size of their effect, those under x1.2 either way
left out, hidden rows skipped, at most five.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.explain import labels, row_sources
from milia.engine.model import CompiledModel, Encoded, FloatArray, condition_model

__all__ = ["ItemTable", "Padded", "Prepared", "prepared", "select_items"]

MIN_LOG_FACTOR = math.log(1.2)  # as in milia.engine.explain
MAX_ITEMS = 5
_TOP = MAX_ITEMS + 2  # rows considered per class (hidden rows may take a place)

IntArray = npt.NDArray[np.intp]
# finding, value (None: the case's own number), factor, text, sources
Part = tuple[str, Any, float, str, tuple[str, ...]]


def _text(finding: str, factor: float, label: str) -> str:
    shown = f"{factor:.2g}" if factor < 10 else f"{factor:.0f}"
    return f"{finding}: \u00d7{shown} for {label}"


@dataclass(eq=False)
class ItemTable:
    """The why-item parts of one model, ``parts[slot * C + c]`` (filled per slot on first use).

    A slot is one ``(row, weight)`` pair of :class:`Prepared`; ``None`` marks
    a hidden row (never selected).
    """

    model: CompiledModel
    names: Mapping[str, str]
    parts: list[Part | None] = field(default_factory=list)

    def extend(self, slot_rows: Sequence[int], slot_weights: Sequence[float]) -> None:
        """Add the parts of the slots not yet prepared."""
        model = self.model
        n_classes = len(model.classes)
        sources = row_sources(model)
        labels_ = [self.names[c] for c in model.classes]
        for s in range(len(self.parts) // n_classes, len(slot_rows)):
            r, w = slot_rows[s], slot_weights[s]
            row = model.rows[r]
            if row.text is None:
                self.parts.extend([None] * n_classes)
                continue
            numeric = row.field in model.numeric_edges
            rel = model.rel[r].tolist()
            for c in range(n_classes):
                factor = round(math.exp(rel[c] * w), 3)
                self.parts.append(
                    (
                        row.field,
                        None if numeric else row.value,
                        factor,
                        _text(row.text, factor, labels_[c]),
                        tuple(sources[r][c]),
                    )
                )


@dataclass(frozen=True, eq=False)
class Padded:
    """The encoded rows of a chunk of cases, padded to one width (weight 0 past the end)."""

    rows: IntArray  # (N, K)
    weights: FloatArray  # (N, K)
    slots: IntArray  # (N, K) slot of each (row, weight)
    lengths: IntArray  # (N,)


@dataclass(eq=False)
class Prepared:
    """Everything the fast path needs from one compiled differential model."""

    model: CompiledModel
    conditions: ItemTable
    types: ItemTable
    hidden: npt.NDArray[np.bool_]  # (R,) rows without words
    numeric: npt.NDArray[np.bool_]  # (R,) rows whose value is the case's number
    slot_of: dict[tuple[int, float], int] = field(default_factory=dict)
    slot_rows: list[int] = field(default_factory=list)
    slot_weights: list[float] = field(default_factory=list)

    def pad(self, encoded: Sequence[Encoded]) -> Padded:
        """Pad the chunk's rows and weights; new (row, weight) slots get their parts."""
        n = len(encoded)
        lengths = np.fromiter((len(e.rows) for e in encoded), dtype=np.intp, count=n)
        width = int(lengths.max()) if n else 0
        present = np.arange(width) < lengths[:, None]
        rows = np.zeros((n, width), dtype=np.intp)
        weights = np.zeros((n, width))
        slots = np.zeros((n, width), dtype=np.intp)
        total = int(lengths.sum())
        flat_rows = [r for e in encoded for r in e.rows]
        flat_weights = [w for e in encoded for w in e.weights]
        slot_of = self.slot_of
        flat_slots = [slot_of.get(key, -1) for key in zip(flat_rows, flat_weights, strict=True)]
        if -1 in flat_slots:
            for i, s in enumerate(flat_slots):
                if s == -1:
                    key = (flat_rows[i], flat_weights[i])
                    if key not in slot_of:
                        slot_of[key] = len(self.slot_rows)
                        self.slot_rows.append(key[0])
                        self.slot_weights.append(key[1])
                    flat_slots[i] = slot_of[key]
            self.conditions.extend(self.slot_rows, self.slot_weights)
            self.types.extend(self.slot_rows, self.slot_weights)
        rows[present] = np.fromiter(flat_rows, dtype=np.intp, count=total)
        weights[present] = np.fromiter(flat_weights, dtype=float, count=total)
        slots[present] = np.fromiter(flat_slots, dtype=np.intp, count=total)
        return Padded(rows, weights, slots, lengths)


@cache
def prepared() -> Prepared:
    """The prepared parts of the differential model and its milia-type model (cached)."""
    model = condition_model()
    assert model.mixture is not None
    names = labels()
    return Prepared(
        model=model,
        conditions=ItemTable(model, names["conditions"]),
        types=ItemTable(model.mixture, names["milia_types"]),
        hidden=np.array([row.text is None for row in model.rows]),
        numeric=np.array([row.field in model.numeric_edges for row in model.rows]),
    )


def select_items(
    prep: Prepared,
    table: ItemTable,
    padded: Padded,
    wanted: npt.NDArray[np.bool_],
    cases: Sequence[Mapping[str, Any]],
) -> tuple[list[dict[str, Any]], list[list[int]]]:
    """The why items of the wanted (case, class) pairs of a chunk, built fresh.

    Parameters
    ----------
    wanted : ndarray of bool, shape (N, C)
        Which classes of which cases to explain.

    Returns
    -------
    items : list of dict
        All items, grouped by case, then class, largest effect first.
    counts : list of list of int
        ``counts[n][c]``: how many of ``items`` belong to class ``c`` of case ``n``.
    """
    model = table.model
    n_classes = len(model.classes)
    rows, n = padded.rows, len(cases)
    size = np.abs(model.rel[rows] * padded.weights[:, :, None])  # (N, K, C); padding is 0
    top = min(_TOP, rows.shape[1])
    order = np.argsort(-size, axis=1, kind="stable")[:, :top, :]  # (N, top, C)
    shown = np.minimum((size >= MIN_LOG_FACTOR).sum(axis=1), top)  # (N, C)
    picked = np.arange(n)[:, None, None], order
    visible = (np.arange(top)[None, :, None] < shown[:, None, :]) & ~prep.hidden[rows[picked]]
    keep = visible & (np.cumsum(visible, axis=1) <= MAX_ITEMS) & wanted[:, None, :]
    keys = padded.slots[picked] * n_classes + np.arange(n_classes)  # (N, top, C)
    keep_t = keep.transpose(0, 2, 1)  # (N, C, top): grouped by case, then class
    parts = table.parts
    chosen = [parts[k] for k in keys.transpose(0, 2, 1)[keep_t].tolist()]
    items: list[dict[str, Any]] = [
        {"finding": f, "value": v, "factor": x, "text": t, "sources": [*s]}
        for f, v, x, t, s in chosen
    ]
    numeric = prep.numeric[rows[picked]].transpose(0, 2, 1)[keep_t]
    if numeric.any():
        at = np.flatnonzero(numeric)
        for i, c in zip(at.tolist(), np.nonzero(keep_t)[0][at].tolist(), strict=True):
            item = items[i]
            item["value"] = cases[c][item["finding"]]
    return items, keep_t.sum(axis=2).tolist()
