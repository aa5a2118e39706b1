"""``bench/assess_ab.py``: one function of two trees on the same captured calls."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))

import assess_ab as ab

import milia.engine.fast as fast
from milia.engine.sample import random_cases

_SRC = Path(__file__).resolve().parents[3] / "src"


def test_same_compares_arrays_and_containers() -> None:
    assert ab.same({"a": [np.arange(3), (1, "x")]}, {"a": [np.arange(3), (1, "x")]})
    assert not ab.same({"a": [np.arange(3)]}, {"a": [np.arange(1, 4)]})
    assert not ab.same([1, 2], (1, 2))  # a list is not the tuple of its items
    assert not ab.same({"a": 1}, {"a": 1, "b": 2})


def test_calls_are_captured_and_replayed_on_fresh_copies() -> None:
    lines = [json.dumps(case) for case in random_cases(30, seed=3)]
    calls = ab.captured(fast, "ordered_fresh", lines, 16)
    assert len(calls) == 30  # one per case
    other = ab.other_function(_SRC, "milia.engine.presentation", "ordered_fresh")
    assert other is not fast.ordered_fresh  # the file loaded apart, under another name
    assert other.__module__ != fast.ordered_fresh.__module__
    _, mine = ab.timed(fast.ordered_fresh, calls)
    _, theirs = ab.timed(other, calls)
    assert ab.same(mine, theirs)

    def reversed_order(level: str, reasons: list[Any], flags: Any) -> list[Any]:
        return list(reversed(fast.ordered_fresh(level, reasons, flags)))

    _, wrong = ab.timed(reversed_order, calls)
    assert not ab.same(mine, wrong)  # a different order is caught


def test_a_module_with_dataclasses_loads_and_pure_calls_are_not_copied() -> None:
    lines = [json.dumps(case) for case in random_cases(20, seed=4)]
    calls = ab.captured(fast, "mixture_texts", lines, 20, pure=True)
    assert len(calls) == 1 and calls[0][0][0] is fast.prepared()  # not copied
    other = ab.other_function(_SRC, "milia.engine.chunk_mixture", "mixture_texts")
    _, mine = ab.timed(fast.mixture_texts, calls, pure=True)
    _, theirs = ab.timed(other, calls, pure=True)
    assert ab.same(mine, theirs)
    assert len(mine[0][0]) == 20  # every case's items
