"""Hair and shaded folds inside the skin's colours: large areas far yellower in hue than the skin.

The skin mask (:mod:`milia.imaging.skin`) keeps the px whose (a*, b*) lie in
a broad ellipse around the seed skin's colour: broad, so that shaded, flushed
and pale parts of one face stay in. Blonde hair (a* 2-7, b* 23-25) and a
greyish shadow under the chin (a* ~2, b* ~15) lie inside that ellipse on
light skin, and at their edge with the skin the a* search found "red bumps"
(QA F11-04: the astronaut upscaled 6 times, a false inflamed finding at her
fringe and one at her chin's shadow): the skin beside them is redder than a
ring that is half hair or shadow.

Skin's hue (atan2(b*, a*)) is set by its blood and melanin and lies within a
few degrees over one face; hair's and a grey shadow's lie far on the yellow
side (astronaut x6: seed skin 60 +- 6.5 degrees, hair 75-91, median 84; the
shadow 83). So the px whose hue lies beyond the seed skin's by
:data:`HAIR_HUE_SPREADS` robust spreads (at least :data:`HAIR_MIN_HUE_DEG`),
with enough chroma for a hue (:data:`HAIR_MIN_CHROMA`), are taken out of the
mask, but only where they make up a large area: the map is closed (the gaps
between strands) and then opened at :data:`HAIR_MIN_WIDTH_MM`, so a yellow
milium (<= 2.5 mm) or a small yellow spot stays in the mask and is searched.
Every test is relative to the photo's own seed skin.

Not yet called by :func:`milia.imaging.skin.skin_mask` (session 12): wired in,
it removes both QA findings and leaves the synth benchmark's milia-like
findings on seeds 100-101 unchanged, but its re-measure on the independent
check was not finished (docs/photo.md, "Why very light and light milia are
missed"); the call, the version bump and the end-to-end test are in
``/work/notes/photo-accuracy-skin-hair.patch``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from milia.imaging.face import Face

__all__ = [
    "HAIR_ABOVE_EYES",
    "HAIR_DARKER_SPREADS",
    "HAIR_DARK_HUE_SPREADS",
    "HAIR_HUE_SPREADS",
    "HAIR_MIN_CHROMA",
    "HAIR_MIN_HUE_DEG",
    "HAIR_MIN_WIDTH_MM",
    "above_brows",
    "hair_like",
    "hue_deg",
]

#: A px is hair-like when its hue lies this many robust spreads of the seed skin's hue...
HAIR_HUE_SPREADS = 3.5
#: ...and at least this many degrees beyond the seed skin's median hue, on the yellow side...
HAIR_MIN_HUE_DEG = 20.0
#: ...with at least this chroma (CIELAB; below it hue is not defined well: grey).
HAIR_MIN_CHROMA = 6.0
#: Above the brows (:data:`HAIR_ABOVE_EYES`), a px darker than the seed skin by this
#: many of its L* spreads (a fringe's shaded strands) is hair-like from this many hue
#: spreads (and HAIR_MIN_HUE_DEG / 2) on. Not below: the shaded side of a face lit from
#: one side is as dark and as yellow (astronaut x6: her jaw's shade and her fringe both
#: 2.2 hue and 3.6-3.8 L* spreads off the seed skin).
HAIR_DARKER_SPREADS = 2.0
HAIR_DARK_HUE_SPREADS = 1.5
#: ...where "above the brows" is this many face-box widths above the eyes' centres
#: (the upper lid, milia's commonest adult site, reaches ~0.06).
HAIR_ABOVE_EYES = 0.1
#: Only areas at least this wide (mm) are cut: the largest milium is 2.5 mm across.
HAIR_MIN_WIDTH_MM = 3.5


def hue_deg(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    """CIELAB hue angle atan2(b*, a*) in degrees (-180-180)."""
    return np.asarray(np.degrees(np.arctan2(b, a)), dtype=np.float32)


def _beyond(a: NDArray[np.float32], b: NDArray[np.float32], limit: float) -> NDArray[np.bool_]:
    """Hue above ``limit`` degrees (within the yellow half-turn) as a half-plane test on (a*, b*).

    b* cos(limit) - a* sin(limit) > 0 for hues between limit and limit + 180.
    """
    c, s = math.cos(math.radians(limit)), math.sin(math.radians(limit))
    return np.asarray((b * np.float32(c) - a * np.float32(s) > 0) & (b > 0), dtype=np.bool_)


def above_brows(shape: tuple[int, int], face: Face | None, step: int) -> NDArray[np.bool_] | None:
    """Px of a coarse grid (every ``step``-th px) above the brows, in the face's upright frame.

    None without a face. The eyes' line is their centres' mean row, or 0.38
    of the box's height without eyes; the brows lie :data:`HAIR_ABOVE_EYES`
    face widths above it.
    """
    if face is None:
        return None
    upright = face.upright()
    r0, _, r1, _ = upright.box
    centres = upright.eye_centres()
    eye_row = float(np.mean([c[0] for c in centres])) if centres else r0 + 0.38 * (r1 - r0)
    rows = (np.arange(shape[0], dtype=np.float64) * step)[:, None]
    cols = (np.arange(shape[1], dtype=np.float64) * step)[None, :]
    if face.roll:
        rows, _ = face.to_upright(*np.broadcast_arrays(rows, cols))
    return np.asarray(
        np.broadcast_to(rows < eye_row - HAIR_ABOVE_EYES * face.width, shape), dtype=np.bool_
    )


def hair_like(
    lum: NDArray[np.float32],
    a: NDArray[np.float32],
    b: NDArray[np.float32],
    seed: NDArray[np.float32],
    *,
    px_per_mm: float,
    above: NDArray[np.bool_] | None = None,
) -> NDArray[np.bool_] | None:
    """Large areas far yellower in hue than the seed skin (hair, a greyish shadow), or None.

    Parameters
    ----------
    lum, a, b : ndarray, shape (M, N), float32
        CIELAB L*, a* and b* of the (coarse) image the mask is made on.
    seed : ndarray, shape (K, 3), float32
        CIELAB of the seed skin's px.
    px_per_mm : float
        Scale of ``a`` and ``b``, px/mm.
    above : ndarray of bool, shape (M, N), optional
        Where a darker px may be hair-like from a smaller hue difference
        (:func:`above_brows`); nowhere when None.

    Returns
    -------
    ndarray of bool, shape (M, N), or None
        True on the hair-like areas; None when there are none.
    """
    import cv2

    if len(seed) < 50:
        return None
    seed_hue = hue_deg(seed[:, 1], seed[:, 2])
    med = float(np.median(seed_hue))
    spread = float(np.median(np.abs(seed_hue - med))) * 1.4826
    limit = med + max(HAIR_HUE_SPREADS * spread, HAIR_MIN_HUE_DEG)
    dark_limit = med + max(HAIR_DARK_HUE_SPREADS * spread, HAIR_MIN_HUE_DEG / 2)
    if dark_limit >= 180.0:
        return None
    seed_l = float(np.median(seed[:, 0]))
    sd_l = float(np.median(np.abs(seed[:, 0] - seed_l))) * 1.4826
    darker = lum < seed_l - HAIR_DARKER_SPREADS * sd_l
    far = _beyond(a, b, limit) if limit < 180.0 else np.zeros(a.shape, dtype=np.bool_)
    if above is not None:
        far |= above & darker & _beyond(a, b, dark_limit)
    far &= a * a + b * b >= HAIR_MIN_CHROMA**2
    if not far.any():
        return None
    m8 = far.astype(np.uint8)
    r_close = max(1, round(0.5 * px_per_mm))
    r_open = max(1, round(0.5 * HAIR_MIN_WIDTH_MM * px_per_mm))
    k_close = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r_close + 1, 2 * r_close + 1))
    k_open = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r_open + 1, 2 * r_open + 1))
    closed = np.asarray(cv2.morphologyEx(m8, cv2.MORPH_CLOSE, k_close), dtype=np.uint8)
    opened = np.asarray(cv2.morphologyEx(closed, cv2.MORPH_OPEN, k_open), dtype=np.uint8)
    out = opened.view(np.bool_)
    return out if out.any() else None
