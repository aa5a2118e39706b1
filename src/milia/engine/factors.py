"""Why-item factors of many items at once, exactly as one item's are made.

An item's factor is ``round(math.exp(v), 3)`` of its weighted log factor
``v``, and its text shows the factor as ``f"{factor:.2g}"`` (``f"{factor:.0f}"``
from 10 on) (:func:`milia.engine.explain._text`). :func:`rounded_factors`
gives both for an array of ``v`` with numpy: ``k = rint(exp(v) * 1000)`` is
the integer Python's ``round`` picks unless ``exp(v) * 1000`` lies within a
millionth of a half (numpy's ``exp`` and the product may differ from
``math.exp`` and exact arithmetic in the last bit only); those few, and huge
factors, are made the Python way. ``k / 1000`` is then the very float
``round`` returns (both are the float nearest to the decimal ``k / 1000``),
and the shown text of each ``k`` is formatted once (:data:`_SHOWN`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from milia.engine.model import FloatArray

__all__ = ["DecimalTexts", "factor_shown", "rounded_factors"]

_NEAR_HALF = 0.5 - 1e-6  # |x - rint(x)| above this: too close to a half to trust rint
_HUGE = 1e12  # exp(v) * 1000 above this: the Python way (ints stay exact, margins hold)
_SHOWN: dict[int, str] = {}  # k -> the factor k / 1000 as an item's text shows it
_MAX_SHOWN = 200_000  # entries kept at most (cleared when full)


def factor_shown(factor: float) -> str:
    """The factor as an item's text shows it (as :func:`milia.engine.explain._text`)."""
    return f"{factor:.2g}" if factor < 10 else f"{factor:.0f}"


def rounded_factors(log_factors: FloatArray) -> tuple[list[float], list[str]]:
    """``round(math.exp(v), 3)`` of each ``v`` of a 1-D array, and its shown text.

    Returns
    -------
    factors : list of float
        Identical to ``round(math.exp(v), 3)`` for each ``v``.
    shown : list of str
        :func:`factor_shown` of each factor.
    """
    scaled = np.exp(log_factors) * 1000.0
    k = np.rint(scaled)
    doubtful = (np.abs(scaled - k) > _NEAR_HALF) | ~(scaled < _HUGE)
    ks: list[int] = np.where(doubtful, -1, k).astype(np.int64).tolist()
    factors: list[float] = (k / 1000.0).tolist()
    if doubtful.any():
        for at in np.flatnonzero(doubtful).tolist():
            factor = round(math.exp(float(log_factors[at])), 3)
            factors[at] = factor  # ks[at] is -1: not from the table
    table = _SHOWN
    if len(table) > _MAX_SHOWN:
        table.clear()
    shown = []
    for k_, factor in zip(ks, factors, strict=True):
        text = table.get(k_)
        if text is None:
            text = factor_shown(factor)
            if k_ >= 0:
                table[k_] = text
        shown.append(text)
    return factors, shown


class DecimalTexts:
    """``repr(round(x, digits))`` of many numbers, from a table of texts.

    ``k = rint(x * 10**digits)`` is the integer ``round`` picks unless ``x * 10**digits``
    lies within a millionth of a half; ``repr(k / 10**digits)`` is then
    ``repr(round(x, digits))`` (the same float), made once per ``k`` below
    ``limit``. Doubtful numbers, negative ones (-0.0 too) and large ones are done
    the Python way.

    Parameters
    ----------
    digits : int
        Decimals kept (``round(x, digits)``).
    limit : int
        Table size: ``k`` from 0 to ``limit - 1`` are kept.
    """

    def __init__(self, digits: int, limit: int) -> None:
        self.digits = digits
        self.scale = 10.0**digits
        self.texts: list[str | None] = [None] * limit

    def _ks(self, values: Sequence[float]) -> tuple[list[int], FloatArray, list[int]]:
        """``k`` of each value (-1 where doubtful), ``k / 10**digits`` as an array, and the
        positions of the doubtful values."""
        scaled = np.asarray(values, dtype=float) * self.scale
        k = np.rint(scaled)
        limit = len(self.texts)
        doubtful = (np.abs(scaled - k) > _NEAR_HALF) | ~((k >= 0) & (k < limit)) | np.signbit(k)
        ks: list[int] = np.where(doubtful, -1, k).astype(np.int64).tolist()
        return ks, k / self.scale, np.flatnonzero(doubtful).tolist()

    def rounded(self, values: Sequence[float]) -> list[float]:
        """``round(x, digits)`` of each value, in order (the very floats)."""
        if not values:
            return []
        _, floats, doubtful = self._ks(values)
        out: list[float] = floats.tolist()
        for at in doubtful:
            out[at] = round(float(values[at]), self.digits)
        return out

    def of(self, values: Sequence[float]) -> list[str]:
        """``repr(round(x, digits))`` of each value, in order."""
        if not values:
            return []
        ks, _, _ = self._ks(values)
        texts, digits, scale = self.texts, self.digits, 10**self.digits
        out = []
        for at, k_ in enumerate(ks):
            text = texts[k_] if k_ >= 0 else None
            if text is None:
                if k_ < 0:
                    text = repr(round(float(values[at]), digits))
                else:
                    text = texts[k_] = repr(k_ / scale)
            out.append(text)
        return out
