"""Candidate bumps: multi-scale band-pass (difference of Gaussians) on L* and a*.

A candidate is a local maximum, in space and scale, of a scale-normalised
difference of Gaussians (an approximation of the Laplacian of Gaussian,
Lindeberg 1998) tuned to radii of 0.25-1.75 mm, i.e. the 0.5-3 mm bumps we
look for, on two channels:

- L* (lightness), for lighter bumps (milia, white heads, also highlights);
- a* (red-green), for bumps redder than the skin around them (papules,
  pustules), up to about 4 mm radius.

Each response is divided by its *local* spread (a robust standard deviation
over a window of about 12 mm), so that the threshold is a contrast-to-noise
ratio relative to the skin around the bump, never an absolute value.

The light channel is a whiteness, L* + c_a a* + c_b b*: a milium is lighter
*and* less red than the skin. The weights are set per photo as a matched
filter, C^-1 s (:func:`whiteness_weight`): the signal s is the way from the
skin's median colour to white (100 - L*, a* down to 0, b* unchanged: milia
run from white to yellow, so b* may go either way), C the
robust covariance of the three channels' band-pass on the skin at a milium's
scale. So on very light skin, where a white bump gains little L* over the
skin but loses most of its redness, a* weighs more; on dark skin L*
dominates; and on mottled, wrinkled skin, where redness and yellowness vary
together, b* gets the weight that cancels the shared mottling, but never so
much that a white milium (which loses b*) or a yellow one (which gains it)
loses more than half its contrast (a b*-free channel, with the covariance's
diagonal only, was used up to photo-1.7; up to photo-1.8 the b* weight was
bounded only at +-4, which on warm skin cancelled white milia: QA F8-10).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from milia.imaging.background import submit
from milia.imaging.bandpass import (
    NOISE_WINDOW_MM,
    band_pass_peaks,
    half_mask_nearest,
    scales,
    suppress,
)
from milia.imaging.classify import Thresholds, lit_skin_a
from milia.imaging.labimage import LabImage, LabLike, as_lab_image, halved
from milia.imaging.ring_stats import median0, ring_and_core

__all__ = ["NOISE_WINDOW_MM", "Candidates", "find_candidates", "whiteness_weight"]

#: Radii searched, mm (bright bumps; red bumps go further, see RED_RADII_MM).
BRIGHT_RADII_MM = (0.25, 1.75)
RED_RADII_MM = (0.6, 3.0)
#: Contrast-to-local-noise ratio a band-pass peak must reach to be examined: red
#: (a*) peaks, and light (whiteness) peaks. Light peaks are examined from a lower
#: ratio: a faint white dome on very light skin barely clears its noise, and the
#: classifier's ring tests (whiteness, a* loss, roundness, size) reject the
#: texture that a lower cutoff lets in.
MIN_RESPONSE = 4.5
MIN_RESPONSE_LIGHT = 4.0
#: A light peak below MIN_RESPONSE must lose at least this share of the a* its
#: ring would have if lit up to the peak's lightness (the classifier's
#: ``min_desaturation``: white is not red).
FAINT_MIN_A_LOSS = Thresholds.min_desaturation
#: ...and must not lose more b* than this many ring spreads (grey-white things do),
FAINT_MIN_DB = 0.0
#: ...unless its core is this many ring spreads of L* lighter than its ring: a white
#: milium that may pass the classifier's dome test (``Thresholds.dome_*``; its 3
#: spreads are taken about a plane fitted to the ring, so this quick screen, about
#: the ring's median, asks less).
FAINT_DOME_L = 2.0
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


@dataclass
class Candidates:
    """Candidate bumps in working-image px.

    Attributes
    ----------
    rows, cols : ndarray (K,)
        Centres, px.
    radii : ndarray (K,)
        Radius at the best scale, px (sigma * sqrt(2)).
    response : ndarray (K,)
        Contrast-to-local-noise ratio of the band-pass peak.
    channel : ndarray (K,) of str
        ``"L"`` or ``"a"``: the channel that found it.
    """

    rows: NDArray[np.float64]
    cols: NDArray[np.float64]
    radii: NDArray[np.float64]
    response: NDArray[np.float64]
    channel: NDArray[np.str_]

    def __len__(self) -> int:
        return len(self.rows)


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


def _faint_prescreen(
    lab: LabLike,
    rows: NDArray[np.float64],
    cols: NDArray[np.float64],
    radii: NDArray[np.float64],
    *,
    min_share: float,
    min_db: float,
    dome_l: float = np.inf,
) -> NDArray[np.bool_]:
    """Whether each faint bump looks white-yellow: less red than lit skin, not losing b* (quick).

    Core: mean L* and a* within r/2; ring: median L* and a* between 2r and
    3.2r. Lighting keeps chromaticity, so the ring lit up to the core's L*
    would have a* x (L*core + 16) / (L*ring + 16); True where the core's a*
    lies at least ``min_share`` of that below it, and the core's b* is at
    least ``min_db`` ring spreads (MAD, at least 0.5) above the ring's or its
    L* at least ``dome_l`` ring spreads of L* above the ring's (a white bump,
    left to the classifier's dome test). The classifier repeats the tests
    against a fitted ring plane.
    """
    height, width = lab.shape[:2]
    keep = np.ones(len(rows), dtype=bool)
    cache: dict[tuple[float, ...], tuple[NDArray[np.intp], NDArray[np.intp]]] = {}
    for i in range(len(rows)):
        r = max(float(radii[i]), 1.5)
        half = int(np.ceil(3.2 * r + 1.5))
        r0, c0 = round(float(rows[i])), round(float(cols[i]))
        rs, re = max(0, r0 - half), min(height, r0 + half + 1)
        cs, ce = max(0, c0 - half), min(width, c0 + half + 1)
        # Windows alike (radius, offsets, shape) share their ring and core px.
        key = (r, rs - rows[i], cs - cols[i], re - rs, ce - cs)
        if key not in cache:
            cache[key] = ring_and_core(np.arange(rs, re) - rows[i], np.arange(cs, ce) - cols[i], r)
        win = np.asarray(lab[rs:re, cs:ce]).reshape(-1, 3)
        ring, core = win[cache[key][0]], win[cache[key][1]]
        if len(ring) < 8 or len(core) == 0:
            continue
        ring_l, ring_a, ring_b = (float(v) for v in median0(ring))  # as np.median
        core_l, core_a, core_b = (float(v) for v in core.mean(axis=0))
        lit_a = float(lit_skin_a(ring_a, ring_l, max(core_l, ring_l)))
        spread_b = max(float(median0(np.abs(ring[:, 2] - ring_b))) * 1.4826, 0.5)
        keep[i] = (lit_a - core_a >= min_share * max(lit_a, 1.0)) and (
            core_b - ring_b >= min_db * spread_b
            or core_l - ring_l
            >= dome_l * max(float(median0(np.abs(ring[:, 0] - ring_l))) * 1.4826, 0.5)
        )
    return keep


def _channel_peaks(
    name: str,
    image: LabImage,
    half: NDArray[np.float32] | None,
    mask: NDArray[np.bool_],
    px_per_mm: float,
    min_response: float | None,
) -> tuple[NDArray[np.float64], ...]:
    """Band-pass peaks of one channel, ``"L"`` (whiteness) or ``"a"``, in working px.

    Returns rows, columns, response, radius (sigma * sqrt(2)), channel name
    and raw band-pass, as :func:`find_candidates` gathers them.
    """
    f = 1
    radii_mm = BRIGHT_RADII_MM if name == "L" else RED_RADII_MM
    sigmas = scales(radii_mm, px_per_mm)
    chan_mask: NDArray[np.bool_] | NDArray[np.float32] = mask
    if name == "L":
        # Whiteness, L* + c_a a* + c_b b*: a milium is lighter *and* less red than
        # skin, so it stands out more than a chroma-preserving brightening of skin
        # texture; c_b cancels the part of the a* mottling that b* shares.
        c_a, c_b = (
            np.float32(c) for c in whiteness_weight(image, mask, px_per_mm=px_per_mm, half=half)
        )
        if half is not None and sigmas[0] > 1.3 and min(mask.shape) >= 64:
            # The finest scale is searched at half size: start there (the
            # channel is linear in L*, a* and b*, so halving commutes with it).
            f = 2
            chan = np.ascontiguousarray(half[..., 0] + c_a * half[..., 1] + c_b * half[..., 2])
            chan_mask = halved(mask.astype(np.float32))
            sigmas = [s / 2 for s in sigmas]
        else:
            full = image.full()
            chan = np.ascontiguousarray(full[..., 0] + c_a * full[..., 1] + c_b * full[..., 2])
    elif half is not None and min(mask.shape) >= 64:
        # Chroma is coarse in phone JPEGs (4:2:0) and red bumps are >= 1.2 mm:
        # search a* at half resolution.
        f = 2
        chan = np.ascontiguousarray(half[..., 1])
        chan_mask = half_mask_nearest(mask, chan.shape)
        sigmas = scales(radii_mm, px_per_mm / f)
    else:
        chan = np.ascontiguousarray(image.full()[..., 1])
    if min_response is None:
        min_response = MIN_RESPONSE_LIGHT if name == "L" else MIN_RESPONSE
    rr, cc, resp, sig, raw = band_pass_peaks(
        chan, chan_mask, sigmas, px_per_mm / f, min_response=min_response
    )
    rr, cc, sig = (rr + 0.5) * f - 0.5, (cc + 0.5) * f - 0.5, sig * f
    return rr, cc, resp, sig * np.sqrt(2), np.full(len(rr), name), raw


def find_candidates(
    lab: LabLike,
    mask: NDArray[np.bool_],
    *,
    px_per_mm: float,
    min_response: float | None = None,
    max_candidates: int = 3000,
) -> Candidates:
    """Find candidate light or red bumps on skin.

    Parameters
    ----------
    lab : ndarray, shape (M, N, 3), float32, or LabImage
        CIELAB working image, ideally 6-8 px/mm. A :class:`LabImage` is
        converted only where it is read (the search runs at half size from
        about 7.4 px/mm up).
    mask : ndarray of bool, shape (M, N)
        Skin mask; peaks outside it are ignored.
    px_per_mm : float
        Scale of the working image.
    min_response : float, optional
        Contrast-to-local-noise ratio to reach on both channels. Lower finds
        fainter bumps and more noise. Default: :data:`MIN_RESPONSE_LIGHT` for
        light peaks, :data:`MIN_RESPONSE` for red ones.
    max_candidates : int
        Keep at most this many (strongest first).

    Returns
    -------
    Candidates
    """
    image = as_lab_image(lab)
    # Half size, made once: for the whiteness weight, the a* search and, when its
    # finest scale is searched at half size anyway, the light search.
    half = image.half() if min(mask.shape) >= 32 else None
    args = (image, half, mask, px_per_mm, min_response)
    if half is not None and min(mask.shape) >= 64:
        # The a* search reads only ``half``: on the background thread meanwhile.
        red_soon = submit(_channel_peaks, "a", *args)
        light = _channel_peaks("L", *args)
        found = [light, red_soon.result()]
    else:
        found = [_channel_peaks(name, *args) for name in ("L", "a")]
    rows = np.concatenate([f[0] for f in found]).astype(np.float64)
    cols = np.concatenate([f[1] for f in found]).astype(np.float64)
    resp = np.concatenate([f[2] for f in found])
    radii = np.concatenate([f[3] for f in found])
    chans = np.concatenate([f[4] for f in found]).astype(np.str_)
    raws = np.concatenate([f[5] for f in found])
    if len(rows) > max_candidates:
        top = np.argsort(-resp)[:max_candidates]
        rows, cols, resp, radii = rows[top], cols[top], resp[top], radii[top]
        chans, raws = chans[top], raws[top]
    # Suppress within each channel only: a pustule's white head (L*) and its red
    # papule (a*) are both kept and reconciled by the classifier. Overlapping
    # peaks keep the strongest *raw* scale-normalised response (classic scale
    # selection): the noise-normalised one favours small scales on a large bump,
    # whose own energy inflates the local spread at its scale.
    keep = np.concatenate(
        [
            np.nonzero(chans == name)[0][
                suppress(*(v[chans == name] for v in (rows, cols, radii, raws)))
            ]
            for name in ("L", "a")
        ]
    )
    rows, cols, radii, resp, chans = rows[keep], cols[keep], radii[keep], resp[keep], chans[keep]
    # Faint light peaks (below the red cutoff) are measured only when they are less
    # red than lit skin, as the classifier requires of a milium (texture or shading
    # brightened keeps its colour): measuring every such peak would cost more than
    # the search. (Restoring the strong peaks that a dropped faint peak had
    # suppressed was tried: +1-3 milia per ITA group on synth seeds 1, 2, 10, 11, but
    # false findings per noisy plain face 0.21 -> 0.33.)
    faint = np.nonzero((chans == "L") & (resp < MIN_RESPONSE))[0]
    if min_response is None and len(faint):
        ok = _faint_prescreen(
            image,
            rows[faint],
            cols[faint],
            radii[faint],
            min_share=FAINT_MIN_A_LOSS,
            min_db=FAINT_MIN_DB,
            dome_l=FAINT_DOME_L,
        )
        drop = np.zeros(len(rows), dtype=bool)
        drop[faint[~ok]] = True
        rows, cols, radii, resp, chans = (v[~drop] for v in (rows, cols, radii, resp, chans))
    return Candidates(rows, cols, radii, resp, chans)
