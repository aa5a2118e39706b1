"""Skin texture, noise and colour measures behind the photo-quality report.

:func:`milia.imaging.quality.assess_quality` judges a photo on these:

- :func:`texture_measures`: the skin's fine detail (its 0.12-0.25 mm
  band-pass energy against the next octave, white noise taken out), the
  fine band's level and the noise of L* by Immerkaer's estimator;
- :func:`level_step_l`: the L* step between two 8-bit levels at a lightness;
- :func:`distinct_colours`: how many 8-bit colours the skin holds
  (posterized copies hold a few dozen);
- :func:`skin_window`: the central window of the skin they are measured on.

References
----------
J. Immerkaer, "Fast noise variance estimation", Computer Vision and Image
Understanding 64(2), 300-302 (1996).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from numpy.typing import NDArray

from milia.imaging.skin import rgb_to_lab

__all__ = ["distinct_colours", "gray_ramp_l", "level_step_l", "skin_window", "texture_measures"]

#: Measure texture and noise on at most this many px per side (a central window of the skin).
WINDOW = 512
#: sd of white noise (sd 1) through G(s) - G(2s), times s: sqrt(0.45 / (4 pi)).
_DOG_WHITE = math.sqrt(0.45 / (4 * math.pi))


def skin_window(mask: NDArray[np.bool_]) -> tuple[slice, slice]:
    """A window of at most ``WINDOW`` px per side centred on the skin's bounding box."""
    rows = np.nonzero(mask.any(axis=1))[0]
    cols = np.nonzero(mask.any(axis=0))[0]
    out = []
    for idx, size in ((rows, mask.shape[0]), (cols, mask.shape[1])):
        centre = (int(idx[0]) + int(idx[-1])) // 2
        start = max(0, min(centre - WINDOW // 2, size - WINDOW))
        out.append(slice(start, min(size, start + WINDOW)))
    return out[0], out[1]


@cache
def gray_ramp_l() -> NDArray[np.float32]:
    """L* of the 256 grey levels of 8-bit sRGB."""
    ramp = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], 3, axis=2)
    return np.asarray(rgb_to_lab(ramp)[0, :, 0], dtype=np.float32)


def level_step_l(lightness: float) -> float:
    """L* between two adjacent 8-bit levels at a lightness L* (the quantisation step)."""
    ramp = gray_ramp_l()
    i = int(np.clip(np.searchsorted(ramp, lightness), 1, 255))
    return float(ramp[i] - ramp[i - 1])


def texture_measures(
    lab_l: NDArray[np.float32], inner: NDArray[np.bool_], px_per_mm: float
) -> tuple[float, float, float]:
    """Fine-detail ratio, fine-band sd (L*) and noise sd of L* (Immerkaer) on ``inner`` skin.

    White noise (sensor grain, JPEG) fills the fine band of a blurred photo
    too; its expected share of each band, known from the noise level, is
    taken out before the ratio.
    """
    import cv2

    # Bands in mm, but never finer than the pixels themselves (below ~7 px/mm).
    s1 = max(0.12 * px_per_mm, 0.85)
    fine = cv2.GaussianBlur(lab_l, (0, 0), s1)
    mid = cv2.GaussianBlur(lab_l, (0, 0), 2 * s1)
    coarse = cv2.GaussianBlur(lab_l, (0, 0), 4 * s1)
    m8 = inner.view(np.uint8)
    e_fine = float(cv2.meanStdDev(cv2.subtract(fine, mid), mask=m8)[1][0, 0])
    e_mid = float(cv2.meanStdDev(cv2.subtract(mid, coarse), mask=m8)[1][0, 0])
    kernel = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    resid = np.abs(cv2.filter2D(lab_l, -1, kernel))
    noise = math.sqrt(math.pi / 2) / 6 * float(cv2.mean(resid, mask=m8)[0])
    # sd of white noise (sd 1) through G(s) - G(2s): sqrt(0.45 / (4 pi)) / s
    n_fine = _DOG_WHITE * noise / s1
    n_mid = _DOG_WHITE * noise / (2 * s1)
    sig_fine = math.sqrt(max(e_fine**2 - n_fine**2, 0.0))
    sig_mid = math.sqrt(max(e_mid**2 - n_mid**2, 0.0))
    return sig_fine / max(sig_mid, 1e-6), e_fine, noise


def distinct_colours(pixels: NDArray[np.uint8]) -> int:
    """Distinct 8-bit RGB colours among up to 20000 of ``pixels`` (K, 3)."""
    sample = pixels[:: max(1, len(pixels) // 20000)].astype(np.int32)
    packed = (sample[:, 0] << 16) | (sample[:, 1] << 8) | sample[:, 2]
    return int(np.unique(packed).size)
