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
    from milia.imaging.skin import SkinModel

__all__ = [
    "DARK_FRAME_REACH_MM",
    "MAX_FILLED_HOLE_MM2",
    "MIN_DARK_FRAME_MM2",
    "MIN_UNFILLED_HOLE_RADIUS_MM",
    "MIN_WHITE_IN_HOLE_MM2",
    "MOUTH_BAND_V",
    "MOUTH_DARKER_SD",
    "MOUTH_HALF_WIDTH_U",
    "TEETH_LESS_RED_SD",
    "TEETH_LIGHTER_SD",
    "TEETH_MIN_AREA",
    "TEETH_REACH",
    "light_in_dark_frames",
    "mouth_cut",
    "teeth_in_mouth",
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
    window = _mouth_band(face, step, lum.shape)
    if window is None:
        return m8
    (rs, re, cs, ce), inside = window
    dark = (lum[rs:re, cs:ce] < skin_l - MOUTH_DARKER_SD * sd_l) & inside
    if not dark.any():
        return m8
    out = m8.copy()
    out[rs:re, cs:ce][dark] = 0
    return out


def _mouth_band(
    face: Face, step: int, shape: tuple[int, ...]
) -> tuple[tuple[int, int, int, int], NDArray[np.bool_]] | None:
    """The mouth's band (:data:`MOUTH_BAND_V`, :data:`MOUTH_HALF_WIDTH_U`) on a grid ``step``
    times coarser than the face's px: the window (rs, re, cs, ce) around it and which of
    the window's px are in the band (turned with the face). None when it is empty."""
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
    rs, re = max(0, int(rows.min())), min(shape[0], max(0, int(np.ceil(rows.max()))))
    cs, ce = max(0, int(cols.min())), min(shape[1], max(0, int(np.ceil(cols.max()))))
    if re <= rs or ce <= cs:
        return None
    inside = np.ones((re - rs, ce - cs), dtype=bool)
    if face.roll:
        rr, cc = np.mgrid[rs:re, cs:ce]
        ur, uc = face.to_upright(rr.astype(np.float64), cc.astype(np.float64))
        inside = (ur >= band_r[0]) & (ur < band_r[1]) & (uc >= band_c[0]) & (uc < band_c[1])
    return (rs, re, cs, ce), inside


#: A smile's teeth (QA F8-11, the astronaut's smile): in the mouth's band, lighter than
#: the seed skin by this many of its L* spreads ...
TEETH_LIGHTER_SD = 1.5
#: ... and less red by this many of its a* spreads (the astronaut's teeth at their whitest: L* 89, a* 0.4
#: on skin of L* 76 +- 7.5, a* 9.9 +- 2.3; inside the skin's colour ellipse, so never a
#: hole before).
TEETH_LESS_RED_SD = 3.0
#: ... and what is lighter and less red than the skin's median within this many face-box
#: widths of those (about 1.4 mm).
TEETH_REACH = 0.01
#: ... of patches of at least this many square face-box widths (about 27 mm², the size of
#: a hole that is filled, MAX_FILLED_HOLE_MM2; the astronaut's teeth row ~150 mm²).
TEETH_MIN_AREA = 0.0015


def teeth_in_mouth(
    lum: NDArray[np.float32],
    a: NDArray[np.float32],
    face: Face | None,
    step: int,
    model: SkinModel,
) -> NDArray[np.bool_] | None:
    """Tooth-white px in the mouth's band: lighter and less red than the seed skin.

    A smile whose teeth show without a dark opening (QA F8-11: the astronaut)
    gave no hole, because teeth can lie inside the skin's colour ellipse, and
    a tooth was counted as milia-like. These px are taken out of the skin for
    the hole test and count as white there, so the teeth, a large thick light
    area, stay out of the mask (:func:`unfilled_holes`); a milium in the band,
    small, is filled back as before.

    Parameters
    ----------
    lum, a : ndarray of float32, shape (M, N)
        L* and a* on a grid ``step`` times coarser than the face's px.
    face : Face or None
        The face, in px of the full image.
    step : int
        Grid step.
    model : SkinModel
        The seed skin's colour model.

    Returns
    -------
    ndarray of bool or None
        Shape (M, N); None without a face or when no px qualifies (most photos).
    """
    if face is None:
        return None
    window = _mouth_band(face, step, lum.shape)
    if window is None:
        return None
    import cv2

    (rs, re, cs, ce), inside = window
    lum_w, a_w = lum[rs:re, cs:ce], a[rs:re, cs:ce]
    seeds = (lum_w > model.L + TEETH_LIGHTER_SD * model.sd_L) & (
        a_w < model.a - TEETH_LESS_RED_SD * model.sd_a
    )
    seeds &= inside
    if not seeds.any():
        return None
    # Only a large light patch is teeth: a milium (a few mm², as light and pale on darker
    # skin) stays skin, or its dilated surround would make a hole too large to fill.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(seeds.astype(np.uint8), connectivity=8)
    large = np.zeros(n, dtype=bool)
    large[1:] = stats[1:, cv2.CC_STAT_AREA] >= TEETH_MIN_AREA * (face.width / step) ** 2
    if not large.any():
        return None
    seeds = large[labels]
    # ... and, within TEETH_REACH of them, what is lighter and less red than the skin's
    # median (a tooth's shaded side, its blurred edge): a tooth half taken out leaves a
    # light bump. Within a reach, not joined: on a pale skin half the skin is that.
    reach = max(1, round(TEETH_REACH * face.width / step))
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
    near = cv2.dilate(seeds.astype(np.uint8), disc).astype(bool)
    teeth = near & (lum_w > model.L) & (a_w < model.a) & inside
    out = np.zeros(lum.shape, dtype=bool)
    out[rs:re, cs:ce] = teeth
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


#: Darker than any skin of the face (below the skin model's ``low_L``) in one piece of at
#: least this many mm²: a glasses frame, the lash line, a nostril (a pore or a mole is
#: smaller). The closing that fills the skin mask's small holes fills a frame too.
MIN_DARK_FRAME_MM2 = 28.0
#: A spot lighter than the skin enclosed by such a piece within this reach, mm (dark on
#: both sides within twice it), lies on it, not on skin: a glint on a glasses frame (QA F8-15; Grace
#: Hopper's frame, L* 6-12 on skin of L* 36, 2-3 mm wide). A milium beside the lash line
#: or a brow has skin on its other side and is not enclosed.
DARK_FRAME_REACH_MM = 1.5


def light_in_dark_frames(
    lum: NDArray[np.float32], low_l: float, skin_l: float, px_per_mm: float
) -> NDArray[np.bool_] | None:
    """Pixels lighter than the skin and enclosed by a large piece darker than any skin.

    None when there is none (most photos without glasses).

    Parameters
    ----------
    lum : ndarray of float32, shape (M, N)
        L* of the skin mask's grid.
    low_l : float
        Darkest L* counted as skin (:attr:`milia.imaging.skin.SkinModel.low_L`).
    skin_l : float
        The skin's median L*: only what is lighter (a glint) is taken out, so skin
        between two dark pieces stays and the skin's colour model is barely moved.
    px_per_mm : float
        The grid's own scale, px/mm.
    """
    import cv2

    dark = np.ascontiguousarray(lum < low_l).view(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    big = np.zeros(n, dtype=bool)
    big[1:] = stats[1:, cv2.CC_STAT_AREA] >= MIN_DARK_FRAME_MM2 * px_per_mm**2
    if not big.any():
        return None
    frames = big[labels].astype(np.uint8)
    r = max(1, round(DARK_FRAME_REACH_MM * px_per_mm))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    closed = np.asarray(cv2.morphologyEx(frames, cv2.MORPH_CLOSE, kernel), np.uint8)
    enclosed = (closed > 0) & (frames == 0) & (lum > skin_l)
    return enclosed if enclosed.any() else None
