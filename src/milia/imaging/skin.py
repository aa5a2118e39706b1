"""Skin mask and skin tone (ITA) from a CIELAB working image.

The mask is a colour model seeded from the face's central skin (cheeks and
nose, below the eyes and above the mouth) or, without a face, from pixels in
the photo's dominant colour in a broad skin-chroma prior, when that colour
lies in the locus of human skin (so a coffee cup on a wooden table is not
skin). It keeps out hair, eyes, lips, teeth, glasses, clothes and background;
a closing fills holes up to about 5 mm, so the bumps sought stay inside it.

The individual typology angle (ITA) groups skin tone, after Chardon et al.
(1991): ``ITA = atan((L* - 50) / b*) * 180 / pi``; bins > 55° very light,
41-55 light, 28-41 intermediate, 10-28 tan, -30-10 brown, < -30 dark.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from milia.imaging.background import submit
from milia.imaging.face import Face
from milia.imaging.labimage import pixels_where
from milia.imaging.skin_holes import light_in_dark_frames, mouth_cut, teeth_in_mouth, unfilled_holes

__all__ = [
    "ITA_GROUPS",
    "SkinModel",
    "grid_lab_soon",
    "in_skin_locus",
    "is_achromatic",
    "ita_group",
    "rgb_to_lab",
    "skin_mask",
    "skin_mask_rgb",
]

ITA_GROUPS = ("very_light", "light", "intermediate", "tan", "brown", "dark")


def ita_group(ita_deg: float) -> str:
    """Chardon's ITA bin of an angle in degrees."""
    if ita_deg > 55:
        return "very_light"
    if ita_deg > 41:
        return "light"
    if ita_deg > 28:
        return "intermediate"
    if ita_deg > 10:
        return "tan"
    if ita_deg > -30:
        return "brown"
    return "dark"


def rgb_to_lab(rgb: NDArray[np.uint8]) -> NDArray[np.float32]:
    """CIELAB (D65) of an sRGB uint8 image: L* 0-100, a* and b* about -128-127."""
    import cv2

    # Float, not 8-bit: the 8-bit conversion is faster but its quantisation costs
    # measurably in size error and in recall on light skin.
    # One float buffer, converted in place: large temporaries cost page faults.
    lab = np.multiply(rgb, np.float32(1 / 255), dtype=np.float32)
    return np.asarray(cv2.cvtColor(lab, cv2.COLOR_RGB2Lab, dst=lab), dtype=np.float32)


@dataclass
class SkinModel:
    """Robust colour statistics of the seed skin (medians and spreads, CIELAB)."""

    L: float
    a: float
    b: float
    sd_L: float  # noqa: N815
    sd_a: float
    sd_b: float
    seed_pixels: int
    low_L: float = 0.0  # noqa: N815 - darkest L* still counted as skin
    #: Largest skin-coloured area apart from the face (not searched), as a share of the
    #: face box's area: another face, a hand or an arm in the photo.
    other_skin: float = 0.0

    @property
    def ita(self) -> float:
        """Individual typology angle of the seed skin, degrees."""
        return math.degrees(math.atan2(self.L - 50.0, max(self.b, 1e-3)))


def _robust(values: NDArray[np.float32]) -> tuple[float, float]:
    med = float(np.median(values))
    mad = float(np.median(np.abs(values - med))) * 1.4826
    return med, mad


#: The hue bounds of :func:`_prior` as half-planes of (a*, b*): cos and sin of 15 and 85 degrees.
_HUE_LO = (np.float32(math.cos(math.radians(15))), np.float32(math.sin(math.radians(15))))
_HUE_HI = (np.float32(math.cos(math.radians(85))), np.float32(math.sin(math.radians(85))))


def _prior(lab: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Broad skin prior: L* 12-92, hue 15-85 degrees, chroma 6-50 (CIELAB).

    The hue test is two half-planes (b* cos 15 > a* sin 15 and a* sin 85 > b* cos 85,
    which with chroma > 0 is 15 < atan2(b*, a*) < 85 degrees) and the chroma test is
    on its square: 2.6x faster than arctan2 and hypot, and the same px (0 of 65 M
    differ on the benchmark's photos).
    """
    lum, a, b = lab[..., 0], lab[..., 1], lab[..., 2]
    c2 = a * a + b * b
    ok = (lum > 12) & (lum < 92) & (c2 > 36) & (c2 < 2500)
    ok &= b * _HUE_LO[0] > a * _HUE_LO[1]
    ok &= a * _HUE_HI[1] > b * _HUE_HI[0]
    return ok


def _seed_box(shape: tuple[int, ...], face: Face) -> tuple[int, int, int, int]:
    """Rows and columns (rs, re, cs, ce) of the seed skin: cheeks and nose, below the eyes.

    For a face turned or tilted (:attr:`Face.roll`), the box is placed in the face's
    upright frame and the photo's box around it is returned.
    """
    upright = face.upright()
    r0, c0, r1, c1 = upright.box
    h, w = r1 - r0, c1 - c0
    centres = upright.eye_centres()
    eye_row = float(np.mean([c[0] for c in centres])) if centres else r0 + 0.38 * h
    rs, re = eye_row + 0.12 * h, r0 + 0.68 * h
    cs, ce = c0 + 0.2 * w, c0 + 0.8 * w
    if face.roll:
        rows, cols = face.to_upright(
            np.array([rs, rs, re, re]), np.array([cs, ce, cs, ce]), back=True
        )
        if abs(face.roll % 90.0) > 1.0:  # a tilt: the box around the turned one, shrunk to
            # its middle half so that it holds no eye or mouth corner
            mr, mc = float(rows.mean()), float(cols.mean())
            rows, cols = mr + (rows - mr) / 2, mc + (cols - mc) / 2
        rs, re, cs, ce = float(rows.min()), float(rows.max()), float(cols.min()), float(cols.max())
    return int(max(0, rs)), int(min(shape[0], re)), int(max(0, cs)), int(min(shape[1], ce))


#: Without a face, the photo's dominant skin-coloured patch is taken as the skin only
#: inside this locus of CIELAB a*, b* and chroma. Human skin measured in daylight lies at
#: about a* 5-20 and b* 8-30 across ethnic groups and ITA groups (e.g. Xiao et al.,
#: Skin Res Technol 2017; Chardon et al. 1991); the locus adds a margin for flushed skin
#: and white balance.
SKIN_LOCUS_A = (2.0, 26.0)
SKIN_LOCUS_B = (4.0, 34.0)
SKIN_LOCUS_MAX_CHROMA = 38.0
#: ... and only when that patch covers at least this share of the photo.
MIN_SKIN_SHARE = 0.05
#: Warm skin (indoor light, flushed or sun-exposed: a* up to ~30, b* up to ~38) overlaps
#: wood, coffee and terracotta in colour; in this wider locus the patch is taken as skin
#: only when it fills the frame as a close-up of skin does (a coffee cup on a table:
#: 16 % of the photo; close-ups of warm skin: 38-50 %).
WARM_LOCUS_A = (2.0, 32.0)
WARM_LOCUS_B = (4.0, 40.0)
WARM_LOCUS_MAX_CHROMA = 48.0
MIN_WARM_SKIN_SHARE = 0.3
#: Radius, in a*b* units, of the dominant colour's patch (about 2-3 spreads of skin's a*, b*).
_PATCH_RADIUS = 6.0


def in_skin_locus(a: float, b: float, *, warm: bool = False) -> bool:
    """Whether a colour (CIELAB a*, b*) can be skin in daylight (or, ``warm``, in warm light)."""
    (a0, a1), (b0, b1), top = (
        (WARM_LOCUS_A, WARM_LOCUS_B, WARM_LOCUS_MAX_CHROMA)
        if warm
        else (SKIN_LOCUS_A, SKIN_LOCUS_B, SKIN_LOCUS_MAX_CHROMA)
    )
    return a0 <= a <= a1 and b0 <= b <= b1 and math.hypot(a, b) <= top


def _dominant_patch(full: NDArray[np.float32]) -> NDArray[np.float32]:
    """Pixels (K, 3) of the photo's dominant skin-coloured patch; empty when it is not skin.

    The broad prior alone takes in every warm colour of a photo (wood, a cup,
    a saucer, fur), and their mixture's spread would let everything into the
    mask. The densest colour (a*, b*) among the prior's pixels is the skin
    of a skin photo; it must lie in the skin locus and cover a share of the
    photo (in the warm part of the locus, most of it).
    """
    import cv2

    # Colour averaged over 5 x 5 px: sensor grain spreads single pixels' a*, b*
    # but not a surface's colour. The model is then built from the pixels as they are.
    calm = full.copy()
    calm[..., 1:] = cv2.blur(np.ascontiguousarray(full[..., 1:]), (5, 5))
    prior = _prior(calm)
    n_prior = int(np.count_nonzero(prior))
    if n_prior < 50:
        return pixels_where(full, prior)
    ab = pixels_where(calm, prior)[:, 1:]
    sample = ab[:: max(1, len(ab) // 200_000)]  # the peak needs no more; histograms are costly
    edges = np.arange(-64.0, 66.0, 2.0, dtype=np.float32)
    hist, _, _ = np.histogram2d(sample[:, 0], sample[:, 1], bins=(edges, edges))
    smooth = cv2.GaussianBlur(hist.astype(np.float32), (0, 0), 1.5)
    i, j = np.unravel_index(int(np.argmax(smooth)), smooth.shape)
    peak_a, peak_b = float(edges[i] + 1.0), float(edges[j] + 1.0)
    near = np.hypot(ab[:, 0] - peak_a, ab[:, 1] - peak_b) < _PATCH_RADIUS
    share = float(near.sum()) / prior.size
    skin = (in_skin_locus(peak_a, peak_b) and share >= MIN_SKIN_SHARE) or (
        in_skin_locus(peak_a, peak_b, warm=True) and share >= MIN_WARM_SKIN_SHARE
    )
    if not skin:
        return full[:0, 0]
    return np.asarray(pixels_where(full, prior)[near], dtype=np.float32)


def _seed_pixels(
    lab_of: Callable[[slice, slice], NDArray[np.float32]], shape: tuple[int, ...], face: Face | None
) -> NDArray[np.float32]:
    """CIELAB values (K, 3) of the seed skin, in row-major order.

    ``lab_of(rows, cols)`` gives the CIELAB image over a window, so that only
    the seed box need be converted when a face is known. Without a face (or
    too little skin in its seed box), the photo's dominant skin-coloured
    patch (:func:`_dominant_patch`); none when that is not skin.
    """
    if face is not None:
        rs, re, cs, ce = _seed_box(shape, face)
        if re > rs and ce > cs:
            box = lab_of(slice(rs, re), slice(cs, ce))
            seed = _prior(box)
            if int(np.count_nonzero(seed)) > 50:
                return pixels_where(box, seed)
    return _dominant_patch(lab_of(slice(None), slice(None)))


#: Grayscale: the px' median chroma under this share of their L* (1.5 at L* 50).
ACHROMATIC_CHROMA_SHARE = 0.03


def is_achromatic(lab: NDArray[np.float32]) -> bool:
    """True when an image carries no colour (grayscale): median C*ab / L* under 0.03.

    A darker photo scales chroma and lightness alike: the astronaut at 5-100 %
    brightness keeps 0.16, grayscale has under 0.003 (chroma under 1.5 called
    dim colour photos grayscale: QA F11-12). Pure white px (L* >= 99, C*ab < 0.5:
    transparent areas composited on white, clipped light) are left out; an image
    with nothing else is not called grayscale.

    Parameters
    ----------
    lab : ndarray, shape (M, N, 3), float32
        CIELAB image (any sampling of it).
    """
    sample = lab[:: max(1, lab.shape[0] // 200), :: max(1, lab.shape[1] // 200)]
    chroma = np.hypot(sample[..., 1], sample[..., 2])
    # Pure white px say nothing about colour: a PNG's transparent areas are composited
    # on white, and clipped light is white in any photo (QA F12-15: half transparent).
    told = (sample[..., 0] < 99.0) | (chroma >= 0.5)
    if not told.any():
        return False
    share = chroma[told] / np.maximum(sample[..., 0][told], 2.0)
    return float(np.median(share)) < ACHROMATIC_CHROMA_SHARE


def skin_mask(
    lab: NDArray[np.float32], *, face: Face | None, px_per_mm: float
) -> tuple[NDArray[np.bool_], SkinModel | None]:
    """Boolean mask of skin and the seed skin's colour model.

    Parameters
    ----------
    lab : ndarray, shape (M, N, 3), float32
        CIELAB working image.
    face : Face or None
        Face in the working image's px, or None.
    px_per_mm : float
        Working scale; sets the clean-up sizes (fill holes up to ~5 mm).

    Returns
    -------
    mask : ndarray of bool, shape (M, N)
    model : SkinModel or None
        None when no skin was found (mask all False).

    See Also
    --------
    skin_mask_rgb : the same from the RGB image, converting only what it needs.
    """
    step = max(1, int(px_per_mm // 2))
    pix = _seed_pixels(lambda rows, cols: lab[rows, cols], lab.shape, face)
    return _mask(pix, lab[::step, ::step], lab.shape[:2], face, px_per_mm)


def grid_lab_soon(rgb: NDArray[np.uint8], px_per_mm: float) -> Future[NDArray[np.float32]]:
    """CIELAB of the grid (~2 px/mm) :func:`skin_mask_rgb` classifies, on the background thread."""
    step = max(1, int(px_per_mm // 2))
    return submit(rgb_to_lab, rgb[::step, ::step])


def skin_mask_rgb(
    rgb: NDArray[np.uint8],
    *,
    face: Face | None,
    px_per_mm: float,
    grid_lab: Future[NDArray[np.float32]] | None = None,
) -> tuple[NDArray[np.bool_], SkinModel | None]:
    """:func:`skin_mask` of ``rgb_to_lab(rgb)``, converting only the seed box and a coarse grid.

    The same result as ``skin_mask(rgb_to_lab(rgb), ...)`` at a fraction of
    the cost: the colour model needs the seed skin's pixels, the mask only a
    grid of about 2 px/mm.

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3), uint8
        RGB working image.
    face, px_per_mm
        As for :func:`skin_mask`.
    grid_lab : Future, optional
        :func:`grid_lab_soon` of the same ``rgb`` and ``px_per_mm``, started earlier.
    """
    # The grid's CIELAB on the background thread while the seed skin's is made.
    coarse_soon = grid_lab if grid_lab is not None else grid_lab_soon(rgb, px_per_mm)
    pix = _seed_pixels(lambda rows, cols: rgb_to_lab(rgb[rows, cols]), rgb.shape, face)
    return _mask(pix, coarse_soon.result(), rgb.shape[:2], face, px_per_mm)


#: The eye cut out of the skin mask: half-heights above and below the eye's centre,
#: in face-box widths (the open eye's fissure is about 8-10 mm high on a ~135 mm box).
EYE_CUT_ABOVE = 0.03
EYE_CUT_BELOW = 0.045


def _mask(
    pix: NDArray[np.float32],
    coarse_lab: NDArray[np.float32],
    full_shape: tuple[int, ...],
    face: Face | None,
    px_per_mm: float,
) -> tuple[NDArray[np.bool_], SkinModel | None]:
    import cv2

    if len(pix) < 50:
        return np.zeros(full_shape[:2], dtype=bool), None
    n_seed = len(pix)
    if len(pix) > 20000:  # robust statistics need no more; medians are costly
        pix = pix[:: len(pix) // 20000]
    (m_l, s_l), (ma, sa), (mb, sb) = (_robust(pix[:, k]) for k in range(3))
    low_l = max(float(np.percentile(pix[:, 0], 5)) - 10.0, 0.45 * m_l)
    model = SkinModel(m_l, ma, mb, s_l, sa, sb, n_seed, low_l)
    # Classify and clean up on a coarser grid (~2 px/mm): ~0.5 mm precision is enough.
    step = max(1, int(px_per_mm // 2))
    lum, a, b = coarse_lab[..., 0], coarse_lab[..., 1], coarse_lab[..., 2]
    ta = 3.5 * sa + 3.0
    tb = 3.5 * sb + 3.0
    # An ellipse, not a box, around the skin's (a*, b*): a box's corners let in grey
    # walls (low a* and b* at once) and saturated cloth. (A floor on chroma as well was
    # tried: it cut shaded dark skin, and inflamed spots on it, out of the search.)
    mask = (((a - ma) / ta) ** 2 + ((b - mb) / tb) ** 2 < 1.0) & (low_l < lum)
    m8 = np.ascontiguousarray(mask).astype(np.uint8)
    px_per_mm = px_per_mm / step
    # Glints on glasses frames, found on the background thread meanwhile.
    frames_soon = submit(light_in_dark_frames, lum, low_l, m_l, px_per_mm)
    r_open = max(1, round(0.4 * px_per_mm))
    r_close = max(1, round(2.5 * px_per_mm))
    k_open = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r_open + 1, 2 * r_open + 1))
    k_close = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r_close + 1, 2 * r_close + 1))
    m8 = np.asarray(cv2.morphologyEx(m8, cv2.MORPH_OPEN, k_open), np.uint8)
    # Teeth, the white of an eye, glare on a lens: lighter than the skin and less red
    # than its colour model lets in.
    teeth = teeth_in_mouth(lum, a, face, step, model)
    white = (lum > m_l) & (a < ma - ta)
    if teeth is not None:
        white |= teeth
    big_holes = unfilled_holes(
        mouth_cut(m8 if teeth is None else m8 & ~teeth, lum, face, step, skin_l=m_l, sd_l=s_l),
        white,
        px_per_mm,
    )
    m8 = np.asarray(cv2.morphologyEx(m8, cv2.MORPH_CLOSE, k_close), np.uint8)
    if big_holes is not None:
        m8[big_holes] = 0
    on_frames = frames_soon.result()
    if on_frames is not None:
        m8[on_frames] = 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(m8, connectivity=8)
    min_area = (8.0 * px_per_mm) ** 2
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    if face is not None:
        # With a face, the skin searched is the face's: what touches its box (face,
        # ears, neck), not skin-coloured things around it (hair, clothes, a flag, a wall).
        r0, c0, r1, c1 = (int(v / step) for v in face.box)
        touching = np.unique(labels[max(0, r0) : max(r0 + 1, r1), max(0, c0) : max(c0 + 1, c1)])
        on_face = np.zeros(n, dtype=bool)
        on_face[touching] = True
        if (keep & on_face).any():
            apart = keep & ~on_face
            if apart.any():
                face_area = max(1.0, (r1 - r0) * (c1 - c0))
                model.other_skin = float(stats[apart, cv2.CC_STAT_AREA].max()) / face_area
            keep &= on_face
    coarse = keep[labels].astype(np.uint8)
    # 0/1 bytes read as bool without a copy (a 12-MP mask's copy cost ~4 ms).
    full = cv2.resize(coarse, (full_shape[1], full_shape[0]), interpolation=cv2.INTER_NEAREST)
    out = np.asarray(full, dtype=np.uint8).view(np.bool_)
    if face is not None:
        # The open eye (sclera, iris, catchlights) is never skin.
        w = face.width
        for er, ec in face.eye_centres():
            (ur,), (uc,) = face.to_upright(np.array([er]), np.array([ec]))
            reach = (0.05 * w, 0.12 * w) if not face.roll else (0.12 * w, 0.12 * w)
            r0, r1 = max(0, int(er - reach[0])), min(out.shape[0], int(er + reach[0]) + 1)
            c0, c1 = max(0, int(ec - reach[1])), min(out.shape[1], int(ec + reach[1]) + 1)
            rr, cc = np.ogrid[r0:r1, c0:c1]
            if face.roll:  # the rows and columns of the face's own frame
                rr, cc = face.to_upright(*np.broadcast_arrays(rr, cc))
            # Half an ellipse each side: the upper lid (milia's commonest adult site,
            # QA F6-08) starts about 0.03 face widths above the eye's centre.
            half_height = np.where(rr < ur, EYE_CUT_ABOVE * w, EYE_CUT_BELOW * w)
            inside = ((rr - ur) / half_height) ** 2 + ((cc - uc) / (0.11 * w)) ** 2 <= 1.0
            out[r0:r1, c0:c1] &= ~inside
    if not out.any():
        return out, None
    return out, model
