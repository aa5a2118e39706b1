"""Holes in the skin mask that are not lesions: teeth, the inside of the mouth (QA F7-11).

The skin mask (:mod:`milia.imaging.skin`) fills holes of up to ~5 mm so that
the bumps looked for stay inside it. A smile's teeth in a slightly open mouth
made such a hole too, and a tooth was counted as milia-like. A hole that is
large, thick and holds tooth-white is left out; every test is relative to the
photo's own skin model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from milia.imaging.face import Face

__all__ = [
    "MAX_FILLED_HOLE_MM2",
    "MIN_UNFILLED_HOLE_RADIUS_MM",
    "MIN_WHITE_IN_HOLE_MM2",
    "MOUTH_BAND_V",
    "MOUTH_DARKER_SD",
    "MOUTH_HALF_WIDTH_U",
    "mouth_cut",
    "unfilled_holes",
]


#: A hole in the skin (non-skin colour wholly surrounded by skin) larger than this, in
#: mm², is not filled: a lesion is at most ~4 mm across (a 3.6 mm milium with its soft
#: edge), two touching ones ~25 mm²; an open mouth, its teeth, an eye or a glasses
#: frame's lens rim are larger (QA F7-11: a smile's teeth, a gap 4 mm high and 30 mm
#: long, was filled by the closing and a tooth counted as milia-like).
MAX_FILLED_HOLE_MM2 = 28.0
#: ... and that holds a disc of this radius, mm (a crease, a wrinkle or a streak of shine,
#: about 1-2 mm wide, is filled as before; the open mouth was 4.4 mm high).
MIN_UNFILLED_HOLE_RADIUS_MM = 1.5
#: ... and that holds this much (mm²) of white: lighter than the skin's median and
#: less red than the skin's colour model lets in (a tooth: QA's a* -2.2 on skin a* 9.9).
MIN_WHITE_IN_HOLE_MM2 = 2.0


#: The mouth's band in the face box (u across, v down, 0-1; the chin_mouth region's
#: upper part) where an opening is looked for, and how dark, in the seed skin's L*
#: spreads below its median, the inside of an open mouth is.
MOUTH_BAND_V = (0.68, 0.92)
MOUTH_HALF_WIDTH_U = 0.25
MOUTH_DARKER_SD = 3.0


def mouth_cut(
    m8: NDArray[np.uint8],
    lum: NDArray[np.float32],
    face: Face | None,
    step: int,
    *,
    skin_l: float,
    sd_l: float,
) -> NDArray[np.uint8]:
    """The skin mask with the dark inside of an open mouth taken out (for the hole test).

    On dark skin the inside of the mouth can have the skin's a*, b* and pass the
    colour test: each tooth is then a small hole of its own, filled as a lesion
    would be. In the mouth's band of the face box, what is darker than the seed
    skin by :data:`MOUTH_DARKER_SD` of its L* spreads is not skin for the hole
    test, so the opening and its teeth make one large hole.

    Parameters
    ----------
    m8 : ndarray of uint8, shape (M, N)
        Skin mask (0/1) on a grid ``step`` times coarser than the face's px.
    lum : ndarray of float32, shape (M, N)
        L* on that grid.
    face : Face or None
        The face, in px of the full image (``step`` times the grid's).
    step : int
        Grid step.
    skin_l, sd_l : float
        The seed skin's median L* and its spread.
    """
    if face is None:
        return m8
    face = face.scaled(1 / step, 1 / step)
    upright = face.upright()
    r0, c0, r1, c1 = upright.box
    h, w = r1 - r0, c1 - c0
    centres = upright.eye_centres()
    mid = float(np.mean([c for _, c in centres])) if len(centres) == 2 else (c0 + c1) / 2
    band_r = (r0 + MOUTH_BAND_V[0] * h, r0 + MOUTH_BAND_V[1] * h)
    band_c = (mid - MOUTH_HALF_WIDTH_U * w, mid + MOUTH_HALF_WIDTH_U * w)
    # The photo's window around the band (turned with the face), then the band in it.
    rows, cols = face.to_upright(np.array(band_r * 2), np.repeat(band_c, 2), back=True)
    rs, re = max(0, int(rows.min())), max(0, int(np.ceil(rows.max())))
    cs, ce = max(0, int(cols.min())), max(0, int(np.ceil(cols.max())))
    dark = lum[rs:re, cs:ce] < skin_l - MOUTH_DARKER_SD * sd_l
    if face.roll and dark.size:
        rr, cc = np.mgrid[rs : rs + dark.shape[0], cs : cs + dark.shape[1]]
        ur, uc = face.to_upright(rr.astype(np.float64), cc.astype(np.float64))
        dark &= (ur >= band_r[0]) & (ur < band_r[1]) & (uc >= band_c[0]) & (uc < band_c[1])
    if not dark.any():
        return m8
    out = m8.copy()
    out[rs:re, cs:ce][dark] = 0
    return out


def unfilled_holes(
    m8: NDArray[np.uint8], white: NDArray[np.bool_], px_per_mm: float
) -> NDArray[np.bool_] | None:
    """Pixels of the holes in a 0/1 skin mask that are not lesions: teeth, an eye, a lens.

    A hole is a 4-connected component of non-skin that touches no edge of the
    image; it is kept out when larger than :data:`MAX_FILLED_HOLE_MM2`, holding a
    disc of :data:`MIN_UNFILLED_HOLE_RADIUS_MM` and at least
    :data:`MIN_WHITE_IN_HOLE_MM2` of ``white`` (a nostril, a brow, a crease or a
    mole's shadow is filled as before). None when there is none (most photos).

    Parameters
    ----------
    m8 : ndarray of uint8, shape (M, N)
        Skin mask (0/1) before the closing that fills small holes.
    white : ndarray of bool, shape (M, N)
        Lighter than the skin and less red than its colour model lets in.
    px_per_mm : float
        The mask's own scale, px/mm.
    """
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(1 - m8, connectivity=4)
    big = np.zeros(n, dtype=bool)
    big[1:] = stats[1:, cv2.CC_STAT_AREA] > MAX_FILLED_HOLE_MM2 * px_per_mm**2
    # Components touching the image's edge are the outside (background, hair), not holes.
    for edge in (labels[0], labels[-1], labels[:, 0], labels[:, -1]):
        big[edge] = False
    if big.any():
        # ... and thick: a crease, a wrinkle or a streak of shine is a long thin hole.
        for k in np.flatnonzero(big):
            x, y, w, h = (int(v) for v in stats[k, :4])
            window = labels[y : y + h, x : x + w] == k
            if int(np.count_nonzero(white[y : y + h, x : x + w] & window)) < (
                MIN_WHITE_IN_HOLE_MM2 * px_per_mm**2
            ):
                big[k] = False
                continue
            # the hole's own distance to its edge, with a frame of skin around its box
            framed = np.pad(window.astype(np.uint8), 1)
            inside = cv2.distanceTransform(framed, cv2.DIST_L2, 3)
            big[k] = float(inside.max()) >= MIN_UNFILLED_HOLE_RADIUS_MM * px_per_mm
    if not big.any():
        return None
    return np.asarray(big[labels], dtype=bool)
