"""``rounded_factors``: numpy's factors equal ``round(math.exp(v), 3)`` one by one."""

from __future__ import annotations

import math

import numpy as np

from milia.engine.factors import DecimalTexts, factor_shown, rounded_factors


def test_factors_and_texts_equal_the_python_way() -> None:
    rng = np.random.default_rng(0)
    halves = np.log((np.arange(1, 30_000) + 0.5) / 1000)  # exp(v) * 1000 at (or next to) a half
    values = np.concatenate(
        [
            rng.normal(0.0, 3.0, 50_000),
            halves,
            np.nextafter(halves, np.inf),
            np.nextafter(halves, -np.inf),
            [0.0, -50.0, 25.0, 30.0, math.log(9.995), math.log(10.0), math.log(0.0005)],
        ]
    )
    for _ in range(2):  # the second time from the table of shown texts
        factors, shown = rounded_factors(values)
        want = [round(math.exp(v), 3) for v in values.tolist()]
        assert list(map(repr, factors)) == list(map(repr, want))  # the very floats
        assert shown == [factor_shown(f) for f in want]
        assert shown == [
            f"{f:.2g}" if f < 10 else f"{f:.0f}" for f in want
        ]  # as explain._text writes it


def test_no_values() -> None:
    assert rounded_factors(np.zeros(0)) == ([], [])


def test_decimal_texts_are_the_rounded_reprs() -> None:
    rng = np.random.default_rng(1)
    halves = (np.arange(0, 20_000) + 0.5) / 10_000  # x * 10,000 at (or next to) a half
    values = np.concatenate(
        [
            rng.uniform(0.0, 4.6, 50_000),
            halves,
            np.nextafter(halves, np.inf),
            np.nextafter(halves, -np.inf),
            [0.0, -0.0, -1.23456, 5.0, 9.99995, 1e-9, 123456.789],
        ]
    ).tolist()
    texts = DecimalTexts(4, 50_000)  # 5.0 and beyond: past the table
    for _ in range(2):  # the second time from the table
        assert texts.of(values) == [repr(round(v, 4)) for v in values]
    assert list(map(repr, texts.rounded(values))) == [repr(round(v, 4)) for v in values]
    assert texts.of([]) == [] and texts.rounded([]) == []
