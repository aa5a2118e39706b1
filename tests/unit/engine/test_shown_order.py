"""The order conditions are listed in (milia.engine.model.shown_order)."""

from __future__ import annotations

import numpy as np

from milia.engine.model import shown_order


def test_largest_first_and_exact_ties_in_class_order() -> None:
    probs = np.array([0.1, 0.5, 0.1, 0.3])
    assert shown_order(probs).tolist() == [1, 3, 0, 2]


def test_last_bit_differences_do_not_reorder() -> None:
    tiny = 3.7e-12
    a = np.array([0.9, tiny, tiny * (1 + 4e-16), tiny * (1 - 4e-16)])
    b = np.array([0.9, tiny * (1 - 4e-16), tiny, tiny * (1 + 4e-16)])
    assert shown_order(a).tolist() == shown_order(b).tolist() == [0, 1, 2, 3]


def test_real_differences_still_order() -> None:
    probs = np.array([2e-9, 3e-9, 1e-9])
    assert shown_order(probs).tolist() == [1, 0, 2]


def test_never_a_smaller_printed_value_above_a_larger() -> None:
    rng = np.random.default_rng(5)
    probs = rng.dirichlet(np.full(23, 0.3), size=400)
    probs[:, 5] = np.nextafter(0.25, 1.0)  # just above a 4-decimal boundary
    probs[:, 6] = np.nextafter(0.25, 0.0)  # just below it: printed 0.2499
    order = shown_order(probs)
    shown = np.floor(np.take_along_axis(probs, order, axis=1) * 10_000)
    assert (np.diff(shown, axis=1) <= 0).all()


def test_rows_are_ordered_independently() -> None:
    probs = np.array([[0.2, 0.8], [0.7, 0.3]])
    assert shown_order(probs).tolist() == [[1, 0], [0, 1]]
