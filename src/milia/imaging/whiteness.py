"""The whiteness channel's per-photo weights, L* + c_a a* + c_b b* (a matched filter).

Split from :mod:`milia.imaging.detect` (photo-1.18, no change of behaviour),
which searches that channel for light bumps. A milium is lighter *and* less
red than the skin. The weights are set per photo as a matched filter, C^-1 s
(:func:`whiteness_weight`): the signal s is the way from the skin's median
colour to white (100 - L*, a* down to 0, b* unchanged: milia run from white to
yellow, so b* may go either way), C the robust covariance of the three
channels' band-pass on the skin at a milium's scale. So on very light skin,
where a white bump gains little L* over the skin but loses most of its
redness, a* weighs more; on dark skin L* dominates; and on mottled, wrinkled
skin, where redness and yellowness vary together, b* gets the weight that
cancels the shared mottling, but never so much that a white milium (which
loses b*) or a yellow one (which gains it) loses more than half its contrast
(a b*-free channel, with the covariance's diagonal only, was used up to
photo-1.7; up to photo-1.8 the b* weight was bounded only at +-4, which on
warm skin cancelled white milia: QA F8-10).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.labimage import LabLike, as_lab_image, halved

__all__ = [
    "MILIA_B_RANGE",
    "MIN_KEPT_CONTRAST",
    "WHITENESS_WEIGHT_RANGE",
    "YELLOWNESS_WEIGHT_RANGE",
    "whiteness_weight",
]

#: Bounds of the magnitude of the per-photo a* weight of the whiteness channel
#: (1 = plain L* - a*)...
WHITENESS_WEIGHT_RANGE = (0.25, 4.0)
#: ...and of its b* weight (0: b* left out).
YELLOWNESS_WEIGHT_RANGE = (-4.0, 4.0)
#: The b* of milia, white to yellow (CIELAB): the whiteness channel must see a
#: milium of any b* in this range (see :func:`whiteness_weight`). The synthetic
#: benchmark draws 4-26, the independent check 4-32, QA F8-10's white domes 3.
MILIA_B_RANGE = (0.0, 30.0)
#: ...keeping at least this share of the contrast the channel without b* gives it.
MIN_KEPT_CONTRAST = 0.5


def whiteness_weight(
    lab: LabLike,
    mask: NDArray[np.bool_],
    *,
    px_per_mm: float,
    half: NDArray[np.float32] | None = None,
) -> tuple[float, float]:
    """Per-photo weights of a* and b* in the whiteness channel L* + c_a a* + c_b b* (a matched filter).

    The channel is the matched filter for a bump toward white against the
    skin's texture: weights = C^-1 s, where s is the way from the skin's
    median colour to white (100 - L*, -a*, and no change of b*) and C the
    robust covariance of the three channels' band-pass (radius about
    0.75 mm) on the skin; the weights are scaled so that L* has weight 1.
    With the full covariance, the texture's correlated colour noise is
    cancelled: on wrinkled, mottled skin redness and yellowness vary
    together (blood and pigment), so a b* weight takes out of the channel
    the mottling that an a* weight alone lets in.

    Milia run from white to yellow, so their b* change is not known: it
    lies between :data:`MILIA_B_RANGE` minus the skin's b*. The b* weight is
    therefore bounded so that a milium at either end keeps at least
    :data:`MIN_KEPT_CONTRAST` of the contrast L* + c_a a* alone gives it
    (the way from the skin to white). Without that bound c_b reached +4 on
    warm, mottled skin, where a white milium's loss of b* cancelled its
    lightness (QA F8-10: 1 of 12 plainly visible white domes found). The
    robust matched filter of the whole range (the filter of its least
    favourable b* change) was tried: it also drops most of the a* weight on
    mottled skin, and cost 0.06-0.13 F1 in four ITA groups on the
    independent check (20000-series).

    Parameters
    ----------
    lab : ndarray, shape (M, N, 3), float32, or LabImage
        CIELAB working image.
    mask : ndarray of bool, shape (M, N)
        Skin mask.
    px_per_mm : float
        Scale of the working image.
    half : ndarray, shape (M // 2, N // 2, 3), optional
        ``lab`` at half size (:meth:`LabImage.half`), when already made.

    Returns
    -------
    c_a, c_b : float
        Weights of a* (negative: less red is whiter; its magnitude clipped to
        :data:`WHITENESS_WEIGHT_RANGE`) and of b* (clipped to
        :data:`YELLOWNESS_WEIGHT_RANGE`). The band-pass is measured at a
        quarter of the working resolution (half of ``half``, the blur
        narrowed to match; a sixteenth of the px: the same statistics within
        sampling error, at a fraction of the cost); the covariance is taken
        over the px within 3 robust spreads (MAD) of the median on every
        channel, so bumps and edges do not set it. ``(-1.0, 0.0)`` (plain
        L* - a*) when there is too little skin to measure.
    """
    import cv2

    plain = (-1.0, 0.0)
    # np.count_nonzero: a bool mask's .sum() goes through int and costs ~50x more.
    if min(mask.shape) < 32 or np.count_nonzero(mask) < 256:
        return plain
    if half is None:
        half = as_lab_image(lab).half()
    sigma = max(0.75 * px_per_mm / 2 / np.sqrt(2), 0.8)  # half-size px
    sigmas = (sigma, 1.6 * sigma)
    step = 2
    if min(half.shape[:2]) >= 64:
        # The band-pass of ``half`` taken at every other px is (within a few %)
        # the band-pass of its 2 x 2 block means at sigma' = sqrt(sigma^2 - 1/4) / 2
        # (a 2 px mean adds a variance of 1/4 px^2): a quarter of the px to blur.
        half = halved(half)
        sigmas = (np.sqrt(sigma**2 - 0.25) / 2, np.sqrt((1.6 * sigma) ** 2 - 0.25) / 2)
        step = 4
    small = np.ascontiguousarray(half)
    h, w = small.shape[:2]
    on = np.ascontiguousarray(mask[: step * h : step, : step * w : step])
    if np.count_nonzero(on) < 64:
        return plain
    band = cv2.GaussianBlur(small, (0, 0), sigmas[0]) - cv2.GaussianBlur(small, (0, 0), sigmas[1])
    # Channel by channel on contiguous float32 values (medians are the costly part).
    vals = [np.ascontiguousarray(band[..., k])[on] for k in range(3)]
    skin = np.array([float(np.median(np.ascontiguousarray(small[..., k])[on])) for k in range(3)])
    typical = np.ones(len(vals[0]), dtype=bool)
    for v in vals:
        centre = np.median(v)
        dev = np.abs(v - centre)
        typical &= dev <= 3.0 * (float(np.median(dev)) * 1.4826 + 1e-3)
    if np.count_nonzero(typical) < 32:
        return plain
    kept = np.stack([v[typical] for v in vals]).astype(np.float64)  # (3, K)
    cov = np.cov(kept)
    cov += np.diag(1e-6 * np.diag(cov) + 1e-9)
    signal = np.array([max(100.0 - skin[0], 1.0), -max(skin[1], 1.0), 0.0])
    weights = np.linalg.solve(cov, signal)
    if not np.all(np.isfinite(weights)) or weights[0] <= 0:
        return plain
    c_a, c_b = weights[1] / weights[0], weights[2] / weights[0]
    c_a = -float(np.clip(-c_a, *WHITENESS_WEIGHT_RANGE))
    # A milium's b* change is not known (white ... yellow): a white one keeps at
    # least MIN_KEPT_CONTRAST of the contrast L* + c_a a* gives it, and so does a
    # yellow one (a full milium's contrast: skin to white, b* to either end).
    kept = MIN_KEPT_CONTRAST * (max(100.0 - skin[0], 1.0) - c_a * max(skin[1], 0.0))
    lo = -kept / max(MILIA_B_RANGE[1] - skin[2], 1.0)
    hi = kept / max(skin[2] - MILIA_B_RANGE[0], 1.0)
    return c_a, float(
        np.clip(c_b, max(lo, YELLOWNESS_WEIGHT_RANGE[0]), min(hi, YELLOWNESS_WEIGHT_RANGE[1]))
    )
