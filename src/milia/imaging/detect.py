"""Candidate bumps: multi-scale band-pass (difference of Gaussians) on L* and a*.

A candidate is a local maximum, in space and scale, of a scale-normalised
difference of Gaussians (an approximation of the Laplacian of Gaussian,
Lindeberg 1998) tuned to radii of 0.25-1.75 mm, i.e. the 0.5-3 mm bumps we
look for, on three channels:

- L* (lightness), for lighter bumps (milia, white heads, also highlights);
- a* (red-green), for bumps redder than the skin around them (papules,
  pustules), up to about 4 mm radius;
- the loss of chroma (photo-1.18), for light bumps that lose the skin's colour.

Each response is divided by its *local* spread (a robust standard deviation
over a window of about 12 mm), so that the threshold is a contrast-to-noise
ratio relative to the skin around the bump, never an absolute value.

The light channel is a whiteness, L* + c_a a* + c_b b*, with per-photo
weights (a matched filter: :mod:`milia.imaging.whiteness`).

The third search looks for the loss of colour: the band-pass of
the chroma C*ab, negated, at half size over radii of 0.5-1.75 mm. On yellowish,
wrinkled, very light skin a white milium gains little L* over the texture but
loses much of the skin's colour (its a* and b* go toward 0), which the
whiteness channel, whose b* weight cancels the skin's mottling, sees less.
Its peaks are light candidates where no light candidate lies already, each
screened as a faint light peak is and, in addition, required to be part of
the way to white (:func:`_faint_prescreen`'s ``whiter``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
from milia.imaging.classify import Thresholds, lit_skin_a, luminance_gain
from milia.imaging.labimage import LabImage, LabLike, as_lab_image, halved
from milia.imaging.ring_stats import median0, ring_and_core
from milia.imaging.whiteness import (
    MILIA_B_RANGE,
    MIN_KEPT_CONTRAST,
    WHITENESS_WEIGHT_RANGE,
    YELLOWNESS_WEIGHT_RANGE,
    whiteness_weight,
)

__all__ = [
    "MILIA_B_RANGE",
    "MIN_KEPT_CONTRAST",
    "NOISE_WINDOW_MM",
    "WHITENESS_WEIGHT_RANGE",
    "YELLOWNESS_WEIGHT_RANGE",
    "Candidates",
    "find_candidates",
    "whiteness_weight",
]

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
#: The colour-loss search (photo-1.18): contrast-to-local-noise ratio its band-pass
#: peaks (of -C*ab, at half size) must reach, as the light search's; its candidates are
#: judged as faint light peaks found at that cutoff (their ``response``)...
COLOUR_LOSS_MIN_RESPONSE = MIN_RESPONSE_LIGHT
#: ...and their core must be at least this share of the way to white the classifier
#: asks of a milium (``Thresholds.min_whiteness`` of the way from the ring's L* to 100,
#: or ``Thresholds.min_luminance_gain``): less red or less yellow alone is not a milium
#: (measured on the development photos: 0.5 and 0.3 keep the same milia and measure
#: 7 % more candidates than the whiteness search alone; without it, 21 %).
COLOUR_LOSS_WHITER = 0.5
#: ...over these radii, mm: from 0.5 mm, for a faint peak under 1 mm across must stand
#: out more anyway (``Thresholds.faint_small_mm``); from 0.25 mm (as the light search) the
#: development photos gained one very light milium more for 2.8 times the channel's cost.
COLOUR_LOSS_RADII_MM = (0.5, BRIGHT_RADII_MM[1])


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


def _faint_prescreen(
    lab: LabLike,
    rows: NDArray[np.float64],
    cols: NDArray[np.float64],
    radii: NDArray[np.float64],
    *,
    min_share: float,
    min_db: float,
    dome_l: float = np.inf,
    whiter: float = 0.0,
) -> NDArray[np.bool_]:
    """Whether each faint bump looks white-yellow: less red than lit skin, not losing b* (quick).

    Core: mean L* and a* within r/2; ring: median L* and a* between 2r and
    3.2r. Lighting keeps chromaticity, so the ring lit up to the core's L*
    would have a* x (L*core + 16) / (L*ring + 16); True where the core's a*
    lies at least ``min_share`` of that below it, and the core's b* is at
    least ``min_db`` ring spreads (MAD, at least 0.5) above the ring's or its
    L* at least ``dome_l`` ring spreads of L* above the ring's (a white bump,
    left to the classifier's dome test). With ``whiter`` > 0 the core must
    also be ``whiter`` times the classifier's way to white above the ring: L*
    up by ``whiter x Thresholds.min_whiteness`` of (100 - ring L*), or its
    relative luminance up by ``whiter x Thresholds.min_luminance_gain`` (on
    dark skin the way to white is long). The classifier repeats the tests
    against a fitted ring plane.
    """
    min_gain = whiter * Thresholds.min_luminance_gain
    min_way = whiter * Thresholds.min_whiteness
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
        if whiter > 0 and not (
            core_l - ring_l >= min_way * (100.0 - ring_l)
            or float(luminance_gain(ring_l, core_l)) >= min_gain
        ):
            keep[i] = False
            continue
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
    """Band-pass peaks of one channel, ``"L"`` (whiteness), ``"a"`` or ``"c"`` (colour loss), in working px.

    Returns rows, columns, response, radius (sigma * sqrt(2)), channel name
    and raw band-pass, as :func:`find_candidates` gathers them.
    """
    f = 1
    radii_mm = {"L": BRIGHT_RADII_MM, "a": RED_RADII_MM, "c": COLOUR_LOSS_RADII_MM}[name]
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
    elif name == "c":
        # The loss of colour, -C*ab, at half size where there is one (chroma is
        # coarse in phone JPEGs), over radii from 0.5 mm.
        src = half if half is not None and min(mask.shape) >= 64 else None
        img = image.full() if src is None else src
        chan = np.ascontiguousarray(-np.sqrt(img[..., 1] ** 2 + img[..., 2] ** 2), np.float32)
        if src is not None:
            f = 2
            chan_mask = half_mask_nearest(mask, chan.shape)
            sigmas = scales(radii_mm, px_per_mm / f)
        min_response = COLOUR_LOSS_MIN_RESPONSE
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
    colour_loss = min_response is None
    if half is not None and min(mask.shape) >= 64:
        # The a* and colour-loss searches read only ``half``: on the background
        # thread meanwhile.
        red_soon = submit(_channel_peaks, "a", *args)
        loss_soon = submit(_channel_peaks, "c", *args) if colour_loss else None
        light = _channel_peaks("L", *args)
        found = [light, red_soon.result()]
        loss = None if loss_soon is None else loss_soon.result()
    else:
        found = [_channel_peaks(name, *args) for name in ("L", "a")]
        loss = _channel_peaks("c", *args) if colour_loss else None
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
    if loss is not None:
        rows, cols, radii, resp, chans = _with_colour_loss(
            image, loss, (rows, cols, radii, resp, chans)
        )
    return Candidates(rows, cols, radii, resp, chans)


def _with_colour_loss(
    image: LabImage,
    loss: tuple[NDArray[np.float64], ...],
    found: tuple[NDArray[Any], ...],
) -> tuple[NDArray[Any], ...]:
    """``found`` (rows, cols, radii, response, channel) and the colour-loss peaks ``loss`` it lacks.

    The colour-loss peaks (:func:`_channel_peaks` ``"c"``) are suppressed
    among themselves (strongest raw band-pass first), kept where no light
    candidate of ``found`` overlaps them (centres closer than 1.1 x the
    larger radius + 1 px, as :func:`~milia.imaging.bandpass.suppress`), and
    screened as faint light peaks are and as part of the way to white
    (:data:`COLOUR_LOSS_WHITER`). Those left are light candidates (channel
    ``"L"``) with the response :data:`COLOUR_LOSS_MIN_RESPONSE`: the
    classifier judges them as faint peaks.
    """
    rows, cols, radii, resp, chans = found
    lr, lc, _, _, _, lraw = loss
    lrad = loss[3]
    top = suppress(lr, lc, lrad, lraw)
    lr, lc, lrad = lr[top], lc[top], lrad[top]
    light = chans == "L"
    if len(lr) and np.any(light):
        grid = suppress(
            np.concatenate([rows[light], lr]),
            np.concatenate([cols[light], lc]),
            np.concatenate([radii[light], lrad]),
            np.concatenate([np.full(int(np.count_nonzero(light)), np.inf), -np.arange(len(lr))]),
        )
        n_light = int(np.count_nonzero(light))
        # Every light candidate comes first (infinite priority); a colour-loss peak
        # survives only when none of them, nor a kept colour-loss peak, overlaps it.
        new = np.sort(grid[grid >= n_light] - n_light)
        lr, lc, lrad = lr[new], lc[new], lrad[new]
    if len(lr):
        ok = _faint_prescreen(
            image,
            lr,
            lc,
            lrad,
            min_share=FAINT_MIN_A_LOSS,
            min_db=FAINT_MIN_DB,
            dome_l=FAINT_DOME_L,
            whiter=COLOUR_LOSS_WHITER,
        )
        lr, lc, lrad = lr[ok], lc[ok], lrad[ok]
    n = len(lr)
    return (
        np.concatenate([rows, lr]),
        np.concatenate([cols, lc]),
        np.concatenate([radii, lrad]),
        np.concatenate([resp, np.full(n, float(COLOUR_LOSS_MIN_RESPONSE))]),
        np.concatenate([chans, np.full(n, "L")]).astype(np.str_),
    )
