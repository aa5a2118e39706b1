"""Robust statistics of a candidate's rings: a fast exact median and a plane fit.

Shared by :mod:`milia.imaging.measure` (the rings sized to a candidate and
the wider rings of a pustule's papule).
"""

from __future__ import annotations

from typing import cast

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SPREAD_FLOOR",
    "PapuleRings",
    "median0",
    "median_rows",
    "plane_fit",
    "plane_fit_rows",
    "ring_and_core",
    "ring_and_core_masks",
]

#: Robust spreads are floored at about one 8-bit quantisation step of L*/a*/b*.
SPREAD_FLOOR = 0.5


def median0(a: NDArray[np.floating]) -> NDArray[np.floating]:
    """Median along axis 0, the same values as ``np.median(a, axis=0)`` (no NaN check).

    ``np.median`` pays a fixed overhead per call that dominates on the few
    hundred values of one ring; this keeps its partition and its mean of the
    middle one or two values (their sum halved, exact), so the result is bit
    for bit the same.
    """
    n = a.shape[0]
    h = n // 2
    if n % 2:
        return cast("NDArray[np.floating]", np.partition(a, h, axis=0)[h])
    part = np.partition(a, (h - 1, h), axis=0)
    return cast("NDArray[np.floating]", (part[h - 1] + part[h]) / 2)


def median_rows(a: NDArray[np.floating]) -> NDArray[np.floating]:
    """Median along the last axis, the same values as ``np.median(a, axis=-1)`` (no NaN check).

    :func:`median0` for data laid out by channel, (C, K): the same partition and
    the same mean of the middle one or two values, so bit for bit the median of
    the (K, C) transpose along axis 0.
    """
    n = a.shape[-1]
    h = n // 2
    if n % 2:
        return cast("NDArray[np.floating]", np.partition(a, h, axis=-1)[..., h])
    part = np.partition(a, (h - 1, h), axis=-1)
    return cast("NDArray[np.floating]", (part[..., h - 1] + part[..., h]) / 2)


def _normal_matrix(
    yy: NDArray[np.float64], xx: NDArray[np.float64]
) -> tuple[NDArray[np.float64], bool]:
    """The plane fit's 3 x 3 normal matrix over px offsets ``yy``, ``xx`` (px), and
    whether it is well posed (the centred spreads of y and x and their correlation
    are not near 0, i.e. the px do not lie on a line)."""
    n = float(len(yy))
    # numpy's own sums, not BLAS (``@``): OpenBLAS hands a product of more than
    # about 10,000 terms (a papule's outer ring on a close-up) to its thread pool,
    # whose wake-up cost 40-70 ms of CPU per 12 MP photo in a process started
    # without OPENBLAS_NUM_THREADS=1 (a library call, ``milia photo analyze``).
    sy, sx = float(yy.sum()), float(xx.sum())
    syy, sxy, sxx = (
        float((yy * yy).sum()),
        float((xx * yy).sum()),
        float((xx * xx).sum()),
    )
    normal = np.array([[n, sy, sx], [sy, syy, sxy], [sx, sxy, sxx]])
    vy, vx = syy - sy * sy / n, sxx - sx * sx / n
    return normal, vy * vx - (sxy - sy * sx / n) ** 2 > 1e-9 * max(vy * vx, 1e-300)


def plane_fit(
    yy: NDArray[np.float64], xx: NDArray[np.float64], vals: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Least-squares plane per channel, ``vals ~ c0 + c1 y + c2 x``: coefficients (3, 3).

    Rows of the result are the constant, row and column terms; columns the
    channels. Solved by the normal equations (a ring's offsets are centred
    on the candidate, so they are well conditioned; 3-4x cheaper per
    candidate than ``np.linalg.lstsq``, the same fit to about 1e-12); a
    degenerate ring (its px on one line) falls back to ``lstsq``'s
    minimum-norm fit.
    """
    normal, well_posed = _normal_matrix(yy, xx)
    rhs = np.stack(
        [
            vals.sum(axis=0),
            (yy[:, None] * vals).sum(axis=0),
            (xx[:, None] * vals).sum(axis=0),
        ]
    )
    if well_posed:
        try:
            return cast("NDArray[np.float64]", np.linalg.solve(normal, rhs))
        except np.linalg.LinAlgError:  # pragma: no cover - excluded by well_posed
            pass
    design = np.stack([np.ones(len(yy)), yy, xx], axis=1)
    coef, *_ = np.linalg.lstsq(design, vals, rcond=None)
    return cast("NDArray[np.float64]", coef)


def plane_fit_rows(
    yy: NDArray[np.float64], xx: NDArray[np.float64], vals_t: NDArray[np.float64]
) -> NDArray[np.float64]:
    """:func:`plane_fit` of ``vals_t.T`` for values laid out by channel, ``vals_t`` (C, K), C >= 2.

    Bit for bit the same coefficients (3, C): numpy sums the (K, C) products of
    :func:`plane_fit` down each column one px after the other (a reduction over
    the outer axis), which is what the cumulative sum along each row of the
    (C, K) layout does, in far fewer steps (the loops run along the K px, not
    along the C channels). For C = 1 numpy sums pairwise instead: use
    :func:`plane_fit`.
    """
    normal, well_posed = _normal_matrix(yy, xx)
    terms = np.empty((3, *vals_t.shape))
    terms[0] = vals_t
    np.multiply(vals_t, yy, out=terms[1])
    np.multiply(vals_t, xx, out=terms[2])
    rhs = np.cumsum(terms, axis=2)[..., -1]
    if well_posed:
        try:
            return cast("NDArray[np.float64]", np.linalg.solve(normal, rhs))
        except np.linalg.LinAlgError:  # pragma: no cover - excluded by well_posed
            pass
    return plane_fit(yy, xx, np.ascontiguousarray(vals_t.T))


def ring_and_core_masks(
    d: NDArray[np.float64], r: float
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """A candidate's ring (2r + 0.5 to 3.2r + 1.5 px from its centre) and core (within
    max(r/2, 1) px), given each px's distance ``d`` from the centre, px; the one
    definition the measurement and the faint-peak pre-screen share."""
    return (d >= 2.0 * r + 0.5) & (d <= 3.2 * r + 1.5), d <= max(0.5 * r, 1.0)


def ring_and_core(
    y: NDArray[np.float64], x: NDArray[np.float64], r: float
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """:func:`ring_and_core_masks` as flat row-major px indices of a window; ``y``, ``x``
    the window's row and column offsets from the centre, px."""
    ring, core = ring_and_core_masks(np.hypot(y[:, None], x[None, :]), r)
    return np.flatnonzero(ring), np.flatnonzero(core)


class PapuleRings:
    """The two rings of a pustule's papule in a window, as its px (row-major flat indices).

    ``halo``: 2r + 1 to 4r + 1 px from the centre, the papule under a light
    head; ``outer``: 6r + 2 to 8r + 2 px, the skin beyond it. With each
    px's row and column offsets (``*_y``, ``*_x``) and, for the halo, its
    quarter (0-3: below the centre counts 2, right of it 1). They depend only
    on the offsets and the radius, so windows that share them share this.

    Parameters
    ----------
    y, x : ndarray (M,), (N,)
        Row and column offsets of the window's px from the candidate's centre, px.
    r : float
        Candidate radius, px.
    """

    def __init__(self, y: NDArray[np.float64], x: NDArray[np.float64], r: float) -> None:
        d = np.hypot(y[:, None], x[None, :])
        n = len(x)
        self.halo = np.flatnonzero((d >= 2.0 * r + 1) & (d <= 4.0 * r + 1))
        self.outer = np.flatnonzero((d >= 6.0 * r + 2) & (d <= 8.0 * r + 2))
        self.halo_y, self.halo_x = y[self.halo // n], x[self.halo % n]
        self.outer_y, self.outer_x = y[self.outer // n], x[self.outer % n]
        self.halo_quarter = (self.halo_y >= 0).astype(np.int8) * 2 + (self.halo_x >= 0)
