"""The facts a chunk of cases offers to rules, as arrays (see :mod:`milia.engine.chunk_rules`).

Each field's values are read from the cases once per chunk and shared by all
rules: as small integer codes (``is``/``in``), as numbers with NaN when absent
(comparisons), as a membership matrix of list items (``has``/``has_any``), or
as the model rows each case's encoding holds (findings that have rows). A
form that does not fit a field's values (an unhashable value, a number too
large for a float) is not offered (None), and the rule compares value by
value in Python instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["EXACT", "MISSING", "ChunkFacts", "exact"]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]

MISSING = object()  # an absent field (never equal to a value)
EXACT = 2**53  # integers a float holds exactly


@dataclass(eq=False)
class ChunkFacts:
    """What the rules of a chunk may look at, in arrays (one entry per case).

    Attributes
    ----------
    cases : sequence of Mapping
        Validated cases.
    ages : ndarray, shape (N,)
        Age in days, NaN when unknown.
    ranks : ndarray, shape (N, C)
        Each condition's rank (0 = most likely), in class column order.
    probs : ndarray, shape (N, C)
        Posterior probabilities, in class column order.
    milia_types : ndarray, shape (N,)
        The milia type given (column among ``type_classes``), -1 when none.
    type_classes : tuple of str
    rows, present : ndarray, shape (N, K)
        The encoded model rows of each case (padded) and which are real.
    n_rows : int
        Rows of the model.
    memo : dict
        The mask of each rule condition evaluated on these facts, by its spec
        (:mod:`milia.engine.chunk_rules`); the masks are read-only.
    """

    cases: Sequence[Mapping[str, Any]]
    ages: FloatArray
    ranks: IntArray
    probs: FloatArray
    milia_types: IntArray
    type_classes: tuple[str, ...]
    rows: IntArray
    present: BoolArray
    n_rows: int
    # each rule condition's mask by its spec (chunk_rules), read-only once computed
    memo: dict[str, BoolArray] = field(default_factory=dict)
    _values: dict[str, list[Any]] = field(default_factory=dict)
    _codes: dict[str, tuple[IntArray, dict[Any, int]] | None] = field(default_factory=dict)
    _numbers: dict[str, FloatArray | None] = field(default_factory=dict)
    _members: dict[str, tuple[BoolArray, dict[Any, int]] | None] = field(default_factory=dict)
    _held: BoolArray | None = None
    _given: dict[Any, BoolArray] | None = None

    def held(self) -> BoolArray:
        """Which model rows each case's encoding holds, shape (R, N)."""
        if self._held is None:
            held = np.zeros((self.n_rows, len(self)), dtype=bool)
            held[self.rows[self.present], np.nonzero(self.present)[0]] = True
            self._held = held
        return self._held

    def __len__(self) -> int:
        return len(self.cases)

    def values(self, name: str) -> list[Any]:
        """Each case's value of field ``name`` (a sentinel when absent)."""
        found = self._values.get(name)
        if found is None:
            found = self._values[name] = [case.get(name, MISSING) for case in self.cases]
        return found

    def given(self, name: str) -> BoolArray:
        """Whether each case gives field ``name`` (read-only)."""
        if self._given is None:  # every field's at once, from the cases' keys
            keys = [key for case in self.cases for key in case]
            column = {key: j for j, key in enumerate(dict.fromkeys(keys))}
            held = np.zeros((len(column), len(self)), dtype=bool)
            held[
                np.fromiter(map(column.__getitem__, keys), np.intp, len(keys)),
                np.repeat(np.arange(len(self)), [len(case) for case in self.cases]),
            ] = True
            held.flags.writeable = False
            self._given = {key: held[j] for key, j in column.items()}
        found = self._given.get(name)
        return np.zeros(len(self), dtype=bool) if found is None else found

    def codes(self, name: str) -> tuple[IntArray, dict[Any, int]] | None:
        """Each value's code (equal values, equal codes) and the code of each value;
        None when a value cannot be a dict key."""
        if name not in self._codes:
            values = self.values(name)
            try:
                index = {v: k for k, v in enumerate(set(values))}
            except TypeError:  # unhashable
                self._codes[name] = None
            else:
                codes = np.fromiter(map(index.__getitem__, values), np.intp, len(values))
                self._codes[name] = (codes, index)
        return self._codes[name]

    def numbers(self, name: str) -> FloatArray | None:
        """Each value as a float (NaN when absent); None when a value is not a number
        a float holds exactly."""
        if name not in self._numbers:
            coded = self.codes(name)
            found: FloatArray | None = None
            if coded is not None:
                codes, index = coded
                table = np.full(len(index), np.nan)
                for value, k in index.items():
                    if value is not MISSING:
                        if not exact(value):
                            break
                        table[k] = float(value)
                else:
                    found = table[codes]
            self._numbers[name] = found
        return self._numbers[name]

    def members(self, name: str) -> tuple[BoolArray, dict[Any, int]] | None:
        """Which items each case's list holds (N, items seen) and each item's column;
        None when a value is not a list of hashable items."""
        if name not in self._members:
            values = self.values(name)
            given = [(i, v) for i, v in enumerate(values) if v is not MISSING]
            found: tuple[BoolArray, dict[Any, int]] | None = None
            if all(type(v) is list or type(v) is tuple for _, v in given):
                items = [item for _, v in given for item in v]
                try:
                    index = {item: k for k, item in enumerate(set(items))}
                except TypeError:  # unhashable
                    pass
                else:
                    held = np.zeros((len(values), len(index)), dtype=bool)
                    held[[i for i, v in given for _ in v], list(map(index.__getitem__, items))] = (
                        True
                    )
                    found = (held, index)
            self._members[name] = found
        return self._members[name]

    def each(self, name: str, test: Callable[[Any], Any]) -> BoolArray:
        """``test`` of each case's value (the sentinel when absent), in Python."""
        return np.fromiter((bool(test(v)) for v in self.values(name)), bool, len(self))


def exact(value: Any) -> bool:
    """Whether ``value`` is a number a float holds exactly (compared as Python compares it)."""
    return type(value) is float or (type(value) in (int, bool) and -EXACT <= value <= EXACT)
