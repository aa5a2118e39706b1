"""The shape of a bump in a candidate's window: its half-peak area around the centre.

Used by :mod:`milia.imaging.measure` (on the L* and on the a* contrast).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.labimage import rows_cols_where

__all__ = ["area_shape", "blob_shape"]


def blob_shape(
    contrast: NDArray[np.float32],
    inner: NDArray[np.bool_] | NDArray[np.intp],
    rows: NDArray[np.float64],
    cols: NDArray[np.float64],
) -> tuple[float, float, float, float, float]:
    """Half-peak area around the centre: (diameter, elongation, row, col, peak).

    ``inner`` marks the central pixels the peak is taken from (a mask of
    the window, or its px as flat row-major indices); ``rows`` and ``cols``
    are the window's row and column coordinates, px.
    """
    import cv2

    idx = np.flatnonzero(inner) if inner.dtype == np.bool_ else inner
    if len(idx) == 0:
        return 0.0, 1.0, 0.0, 0.0, 0.0
    central = contrast.reshape(-1)[idx]
    best = int(np.argmax(central))  # the first brightest, row-major, as argmax of the window
    peak = float(central[best])
    if peak <= 0:
        return 0.0, 1.0, 0.0, 0.0, peak
    region = (contrast >= 0.5 * peak).astype(np.uint8)
    _, labels = cv2.connectedComponents(region, connectivity=4)
    # The component holding the brightest central pixel.
    iy, ix = rows_cols_where(labels == labels.reshape(-1)[idx[best]])
    return (*area_shape(contrast, iy, ix, rows, cols, peak), peak)


def area_shape(
    contrast: NDArray[np.float32],
    iy: NDArray[np.intp],
    ix: NDArray[np.intp],
    rows: NDArray[np.float64],
    cols: NDArray[np.float64],
    peak: float,
) -> tuple[float, float, float, float]:
    """The shape of one half-peak area given by its px (``iy``, ``ix``, window indices).

    Returns
    -------
    tuple of float
        Diameter (px, that of a disc of its area), elongation (1 = round), and the
        centre's row and column (px, window coordinates), weighted by the contrast
        above half the ``peak``.
    """
    area = float(len(iy))
    w = contrast[iy, ix] - 0.5 * peak  # soft weights for a sub-pixel centre
    w = w + 1e-6
    rr, cc = rows[iy], cols[ix]
    cr = float(np.sum(rr * w) / np.sum(w))
    c_c = float(np.sum(cc * w) / np.sum(w))
    y = rr - cr
    x = cc - c_c
    yy, xy, xx = np.sum(y * y) / area, np.sum(x * y) / area, np.sum(x * x) / area
    # Eigenvalues of the 2 x 2 covariance (every term + 1/12, as it always was), closed form.
    a, b, c = float(yy) + 1 / 12, float(xy) + 1 / 12, float(xx) + 1 / 12
    half_gap = float(np.hypot((a - c) / 2, b))
    big, small = (a + c) / 2 + half_gap, (a + c) / 2 - half_gap
    elong = float(np.sqrt(big / max(small, 1e-6)))
    return 2.0 * np.sqrt(area / np.pi), elong, cr, c_c
