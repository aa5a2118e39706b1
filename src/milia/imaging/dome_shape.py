"""A light bump's shape with thin crests of skin texture cut off its half-peak area.

On wrinkled skin a wrinkle's lit crest or a line of texture often crosses a
milium at half its peak contrast: the half-peak area
(:func:`milia.imaging.blob_shape.blob_shape`) then runs along it, and the
dome is measured elongated, too large, or centred off itself (session 14: of
the very light milia a perfect search still lost on the development photos, 6
were measured elongated and 4 off-centre so). A dome is round and as wide as
its radius or more; a crest of texture is a thin line. So the half-peak area
is opened (eroded, then dilated) by a disc of ``OPEN_SHARE`` times the
candidate's radius: lines thinner than the disc are cut off, the dome stays.
The opened area is used only when the cut is a crossing's, not a rounding:

- the disc is ``MIN_DISC_PX`` px or more (a smaller one only shaves a few px
  off a small bump's own edge, and a 0.5 mm speck turns round);
- the opening cut off ``MIN_CUT_SHARE`` of the area or more (opening an oval
  shaves its tips and makes it rounder by a few per cent of its area; a crest
  crossing a dome adds a fifth of it or more).

Used by :mod:`milia.imaging.measure` on the L* contrast only (a red bump's
area is measured as it is); its ``bright_extent`` is still measured beyond
the whole area (a highlight's streak runs on past it).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.blob_shape import area_shape, blob_shape
from milia.imaging.labimage import rows_cols_where

__all__ = ["MIN_CUT_SHARE", "MIN_DISC_PX", "OPEN_SHARE", "opened_blob_shape"]

#: Diameter of the opening disc, as a share of the candidate's radius.
OPEN_SHARE = 1.0
#: The smallest opening disc, px: a thinner one cuts pixels off the dome's own edge.
MIN_DISC_PX = 5
#: The opened area replaces the whole one only when the opening cut off this share of it or more.
MIN_CUT_SHARE = 0.2


def opened_blob_shape(
    contrast: NDArray[np.float32],
    inner: NDArray[np.intp],
    rows: NDArray[np.float64],
    cols: NDArray[np.float64],
    r: float,
) -> tuple[float, float, float, float, float, float]:
    """Half-peak area around the centre, thin crests cut off by an opening with a disc.

    As :func:`~milia.imaging.blob_shape.blob_shape` (``inner``: the central px
    as flat row-major indices of the window; ``rows``, ``cols``: the window's
    coordinates, px), but the half-peak area is first opened by a disc of
    diameter ``OPEN_SHARE * r`` px (``r``: the candidate's radius, px). The
    area is measured as it is when the disc is under ``MIN_DISC_PX``, when the
    opening leaves nothing at the brightest central px, or when it cut off
    less than ``MIN_CUT_SHARE`` of the area (see the module's notes).

    Returns
    -------
    tuple of float
        Diameter of the area (px, that of a disc of its area), elongation (1 =
        round), its centre's row and column (px, window coordinates), the peak
        contrast, and the diameter of the area before the opening (px).
    """
    import cv2

    size = round(OPEN_SHARE * r)
    size += 1 - size % 2  # odd: the disc is centred
    whole = blob_shape(contrast, inner, rows, cols)
    if size < MIN_DISC_PX or whole[0] == 0:
        return (*whole, whole[0])
    central = contrast.reshape(-1)[inner]
    best = int(np.argmax(central))
    peak = float(central[best])
    region = (contrast >= 0.5 * peak).astype(np.uint8)
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    opened = cv2.morphologyEx(region, cv2.MORPH_OPEN, disc)
    if not opened.reshape(-1)[inner[best]]:
        return (*whole, whole[0])
    _, labels = cv2.connectedComponents(opened, connectivity=4)
    iy, ix = rows_cols_where(labels == labels.reshape(-1)[inner[best]])
    if float(len(iy)) > (1.0 - MIN_CUT_SHARE) * np.pi * whole[0] ** 2 / 4:
        return (*whole, whole[0])
    return (*area_shape(contrast, iy, ix, rows, cols, peak), peak, whole[0])
