"""Output parts that depend only on the knowledge base, prepared once.

The fast path (:mod:`milia.engine.fast`) assembles each assessment from parts
that do not depend on the case: the ``why`` item of every (finding row,
weight, class), question items, and the text of every condition. They are
computed once per compiled model (why items on first use of a row and
weight). A why item whose content depends only on the knowledge base is built
once as a read-only dict (:class:`~milia.engine.readonly.ReadOnlyDict`, its
``sources`` a :class:`~milia.engine.readonly.ReadOnlyList`) and shared by
every result that shows it: mutating it raises ``TypeError``, so a caller can
never change another result through it (``copy.deepcopy`` gives a plain,
mutable copy). The ``sources`` of every item are such shared lists too. Every
other container of a result (the ``why`` lists, items holding the case's own
number or milia's mixture factors) is fresh.

The selection of the items each class shows is vectorised over a chunk of
cases (:func:`milia.engine.selection.select_items`) and reproduces
:func:`milia.engine.explain.explain` exactly: items sorted by the size of
their effect, those under x1.2 either way left out, hidden rows skipped, at
most five.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.evidence import reason_evidence
from milia.engine.explain import labels, row_sources
from milia.engine.model import CompiledModel, Encoded, FloatArray, condition_model
from milia.engine.readonly import ReadOnlyDict, ReadOnlyList

__all__ = [
    "ItemTable",
    "Padded",
    "Prepared",
    "Selected",
    "build_items",
    "prepared",
]

MIN_LOG_FACTOR = math.log(1.2)  # as in milia.engine.explain
MAX_ITEMS = 5

IntArray = npt.NDArray[np.intp]
# finding, value (None: the case's own number), factor, text, sources
Part = tuple[str, Any, float, str, tuple[str, ...]]
_HIDDEN: Part = ("", None, 1.0, "", ())


def _template(part: Part) -> dict[str, Any]:
    """The item of a part holding the case's number, its value still to set."""
    finding, _, factor, text, sources = part
    return {
        "finding": finding,
        "value": None,
        "factor": factor,
        "text": text,
        "sources": _ro(sources),
        "evidence": reason_evidence(sources),
    }


def _shared(part: Part) -> ReadOnlyDict:
    """The read-only item of a part whose value is fixed (not the case's number)."""
    finding, value, factor, text, sources = part
    return ReadOnlyDict(
        finding=finding,
        value=value,
        factor=factor,
        text=text,
        sources=ReadOnlyList(sources),
        evidence=reason_evidence(sources),
    )


def _text(finding: str, factor: float, label: str) -> str:
    shown = f"{factor:.2g}" if factor < 10 else f"{factor:.0f}"
    return f"{finding}: \u00d7{shown} for {label}"


@dataclass(eq=False)
class ItemTable:
    """Why-item parts of the conditions and the milia types, ``parts[slot * W + j]``.

    Columns ``j`` are the conditions, then the milia types (``W`` in all). A
    slot is one ``(row, weight)`` pair of :class:`Prepared`; a hidden row
    (never selected) has empty parts.
    """

    models: tuple[CompiledModel, ...]
    names: tuple[Mapping[str, str], ...]
    parts: list[Part] = field(default_factory=list)
    # the read-only item of each fixed part, made on first use: a chunk of cases
    # shows few of the parts, and every container made here lives as long as
    # the process (the garbage collector walks each one in its full scans); for
    # a part holding the case's number, a template never handed out (copied,
    # then given the number)
    shared: list[dict[str, Any] | None] = field(default_factory=list)  # parallel to parts
    built: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def share(self, keys: IntArray, numeric: npt.NDArray[np.bool_]) -> None:
        """Make the items of parts ``keys`` not made yet: read-only for fixed parts,
        a template for parts holding the case's number (``numeric``)."""
        fresh = ~self.built[keys]
        new, at = np.unique(keys[fresh], return_index=True)
        if len(new):
            parts, shared = self.parts, self.shared
            for k, number in zip(new.tolist(), numeric[fresh][at].tolist(), strict=True):
                shared[k] = _template(parts[k]) if number else _shared(parts[k])
            self.built[new] = True

    @property
    def width(self) -> int:
        """Number of columns (classes of all models)."""
        return sum(len(model.classes) for model in self.models)

    def extend(self, slot_rows: Sequence[int], slot_weights: Sequence[float]) -> None:
        """Add the parts of the slots not yet prepared."""
        width = self.width
        rows = self.models[0].rows  # the models share their rows
        columns = [
            (model, c, label, sources)
            for model, names in zip(self.models, self.names, strict=True)
            for sources in [row_sources(model)]
            for c, label in enumerate(names[k] for k in model.classes)
        ]
        for s in range(len(self.parts) // width, len(slot_rows)):
            r, w = slot_rows[s], slot_weights[s]
            row = rows[r]
            if row.text is None:
                self.parts.extend([_HIDDEN] * width)
                continue
            numeric = row.field in self.models[0].numeric_edges
            value = None if numeric else row.value
            for model, c, label, sources in columns:
                factor = round(math.exp(float(model.rel[r, c]) * w), 3)
                text = _text(row.text, factor, label)
                part = (row.field, value, factor, text, tuple(sources[r][c]))
                self.parts.append(part)
        self.shared.extend([None] * (len(self.parts) - len(self.shared)))
        self.built = np.concatenate([self.built, np.zeros(len(self.parts) - len(self.built), bool)])


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
    items: ItemTable
    rel: FloatArray  # (R, W): the conditions' then the types' log likelihood ratios
    hidden: npt.NDArray[np.bool_]  # (R,) rows without words
    numeric: npt.NDArray[np.bool_]  # (R,) rows whose value is the case's number
    slot_of: dict[tuple[int, float], int] = field(default_factory=dict)
    slot_rows: list[int] = field(default_factory=list)
    slot_weights: list[float] = field(default_factory=list)

    def add_slots(self, pairs: Iterable[tuple[int, float]]) -> None:
        """Give each new ``(row, weight)`` pair a slot and prepare its parts."""
        for key in pairs:
            if key not in self.slot_of:
                self.slot_of[key] = len(self.slot_rows)
                self.slot_rows.append(key[0])
                self.slot_weights.append(key[1])
        self.items.extend(self.slot_rows, self.slot_weights)

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
            self.add_slots(zip(flat_rows, flat_weights, strict=True))
            flat_slots = [slot_of[key] for key in zip(flat_rows, flat_weights, strict=True)]
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
    prep = Prepared(
        model=model,
        items=ItemTable((model, model.mixture), (names["conditions"], names["milia_types"])),
        rel=np.concatenate([model.rel, model.mixture.rel], axis=1),
        hidden=np.array([row.text is None for row in model.rows]),
        numeric=np.array([row.field in model.numeric_edges for row in model.rows]),
    )
    prep.add_slots(model.weighted_rows())  # the rest, if any, on first use
    return prep


@dataclass(frozen=True, eq=False)
class Selected:
    """The why items a chunk shows, as keys into :attr:`ItemTable.parts`.

    Each case has ``C + 1`` item groups: the ``C`` conditions in column order,
    then its best milia type. ``keys`` is grouped by case, then group, largest
    effect first; ``counts[n, j]`` says how many belong to group ``j`` of case
    ``n``; ``numeric`` marks the items whose value is the case's own number.
    """

    keys: IntArray  # (M,)
    counts: IntArray  # (N, C + 1)
    numeric: npt.NDArray[np.bool_]  # (M,)

    def patches(self) -> list[tuple[int, int]]:
        """``(position in keys, case)`` of the items whose value is the case's number."""
        at = np.flatnonzero(self.numeric)
        if not len(at):
            return []
        case_of = np.repeat(np.arange(len(self.counts)), self.counts.sum(axis=1))
        return list(zip(at.tolist(), case_of[at].tolist(), strict=True))


def build_items(
    prep: Prepared, selected: Selected, cases: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The item dicts of :attr:`Selected.keys`, in order: the shared read-only item
    of each fixed part, a fresh dict for each item holding the case's number (its
    sources, knowledge only, a shared read-only list)."""
    prep.items.share(selected.keys, selected.numeric)
    items: list[Any] = list(map(prep.items.shared.__getitem__, selected.keys.tolist()))
    for i, c in selected.patches():
        item = items[i].copy()  # the part's template
        item["value"] = cases[c][item["finding"]]
        items[i] = item
    return items


_READ_ONLY_SOURCES: dict[tuple[str, ...], ReadOnlyList] = {}


def _ro(sources: tuple[str, ...]) -> ReadOnlyList:
    """The shared read-only list of a tuple of source ids (few distinct: the KB's)."""
    found = _READ_ONLY_SOURCES.get(sources)
    if found is None:
        found = _READ_ONLY_SOURCES[sources] = ReadOnlyList(sources)
    return found
