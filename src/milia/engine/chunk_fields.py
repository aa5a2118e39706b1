"""The conditions on one field of the case (``{"field": ..., "is"|"in"|"has"|"has_any"|
"ge"|"gt"|"le"|"lt": ...}``) in the chunk form of :mod:`milia.engine.chunk_rules`: one
boolean per case, read from the rows each case's encoding holds when the finding has
rows, else from the field's values (:class:`~milia.engine.chunk_facts.ChunkFacts`),
value by value in Python where they fit no array form."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from milia.engine.chunk_facts import MISSING, ChunkFacts, exact

__all__ = ["field_condition"]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]
Condition = Callable[[ChunkFacts], BoolArray]

_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "ge": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "le": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


def _equals(name: str, arg: Any) -> Condition:
    """``case.get(name, missing) == arg``."""

    try:
        hash(arg)
    except TypeError:  # a list: compared value by value
        return lambda facts: facts.each(name, lambda v: v == arg)

    def check(facts: ChunkFacts) -> BoolArray:
        coded = facts.codes(name)
        if coded is None:
            return facts.each(name, lambda v: v == arg)
        codes, index = coded
        code = index.get(arg)
        return codes == code if code is not None else np.zeros(len(facts), dtype=bool)

    return check


def _one_of(name: str, options: frozenset[Any]) -> Condition:
    """``case.get(name) in options`` (an absent field reads None)."""

    def check(facts: ChunkFacts) -> BoolArray:
        coded = facts.codes(name)
        if coded is None:
            return facts.each(name, lambda v: (None if v is MISSING else v) in options)
        codes, index = coded
        wanted = [index[o] for o in options if o in index]
        found: BoolArray = np.isin(codes, wanted)
        if None in options:
            found |= ~facts.given(name)
        return found

    return check


def _has(name: str, item: Any) -> Condition:
    """``item in case.get(name, ())``."""
    try:
        hashable = hash(item) is not None
    except TypeError:
        hashable = False

    def check(facts: ChunkFacts) -> BoolArray:
        held = facts.members(name) if hashable else None
        if held is None:
            return facts.each(name, lambda v: item in (() if v is MISSING else v))
        matrix, index = held
        column = index.get(item)
        return matrix[:, column] if column is not None else np.zeros(len(facts), dtype=bool)

    return check


def _has_any(name: str, items: frozenset[Any]) -> Condition:
    """``not items.isdisjoint(case.get(name, ()))``."""

    def check(facts: ChunkFacts) -> BoolArray:
        held = facts.members(name)
        if held is None:
            return facts.each(name, lambda v: not items.isdisjoint(() if v is MISSING else v))
        matrix, index = held
        columns = [index[item] for item in items if item in index]
        found: BoolArray = np.any(matrix[:, columns], axis=1)
        return found

    return check


def _compare(name: str, op: str, arg: Any) -> Condition:
    """``name in case and case[name] <op> arg``."""
    compare = _COMPARE[op]

    def check(facts: ChunkFacts) -> BoolArray:
        numbers = facts.numbers(name)
        if numbers is None or not exact(arg):
            return facts.each(name, lambda v: v is not MISSING and compare(v, arg))
        found: BoolArray = compare(numbers, float(arg))  # NaN (absent): False
        return found

    return check


def _rows_of(rows: IntArray) -> Condition:
    """Whether the case's encoding holds any of ``rows``."""
    if len(rows) == 1:
        (row,) = rows.tolist()
        return lambda facts: facts.held()[row]
    return lambda facts: np.any(facts.held()[rows], axis=0)


def field_condition(
    spec: Mapping[str, Any], finding_rows: Callable[[str, Any], IntArray | None]
) -> Condition:
    """The chunk form of one field condition.

    Parameters
    ----------
    spec : Mapping
        ``{"field": name, op: argument}``, valid for :func:`milia.engine.rules.compile_rule`.
    finding_rows : callable
        The model rows of finding ``(name, value)`` when every case's encoding holds
        one exactly when the case has that value, else None.
    """
    (op,) = set(spec) - {"field"}
    name, arg = spec["field"], spec[op]
    values = [arg] if op in ("is", "has") else list(arg) if op in ("in", "has_any") else None
    if values is not None:
        # the encoding has a row for each of these findings exactly when the case has it
        found = [finding_rows(name, value) for value in values]
        if all(rows is not None for rows in found):
            return _rows_of(np.concatenate([np.zeros(0, dtype=np.intp), *found]))
    if op == "is":
        return _equals(name, arg)
    if op == "in":
        return _one_of(name, frozenset(arg))
    if op == "has":
        return _has(name, arg)
    if op == "has_any":
        return _has_any(name, frozenset(arg))
    return _compare(name, op, arg)
