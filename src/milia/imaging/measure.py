"""Measure each candidate against a ring of the skin around it.

For a candidate of radius r (px) the ring is the skin between about 2r and
3.2r from the centre. Features are differences from the ring's median in
CIELAB and are also expressed in units of the ring's robust spread (its
local noise), so that every later threshold is relative to the local skin:

- ``dL``, ``da``, ``db``: core (centre, radius r/2) minus ring;
- ``da_halo``: a* of the rim (r to 1.8r) minus ring, the red halo of a
  pustule with a white head;
- ``da_wide``: a* from r to 2.6r minus skin from 3.6r to 5.2r, for a white
  head on a papule larger than the ring;
- ``sd_L``, ``sd_a``, ``sd_b``: robust spread in the ring;
- ``diameter_px``: equivalent diameter of the connected area brighter (or
  redder) than half the peak contrast, containing the centre;
- ``elongation``: ratio of the principal axes of that area (1 = round);
- ``skin_fraction``: share of the ring that is skin;
- ``bright_extent``: share of the skin just outside the bump still brighter
  than half its peak (a highlight streak runs on; a milium does not);
- ``far_a``, ``sd_a_far``: a* level and spread of skin at 3.6r-5.2r;
- ``chroma_ratio``: chroma of the core divided by chroma of the ring
  (a white highlight loses chroma; a white-yellow milium keeps some);
- ``ring_L``, ``ring_a``, ``ring_b``: the ring's plane at the core (the skin's
  own colour there, CIELAB);
- ``response``: the candidate's band-pass contrast-to-noise ratio (from
  :func:`milia.imaging.detect.find_candidates`);
- ``da_papule``, ``sd_a_papule``: for a light candidate, the median a* of
  the skin at 2r-4r (the papule under a pustule's white head, 3-4 times the
  head's size; in the second least red of its four quarters, as a papule
  surrounds its head) above a plane fitted to the skin at 6r-8r, and the
  robust spread about that plane: the rings above, sized to the head, lie
  on such a papule and miss its redness;
- ``dome_fit``: correlation of the L* contrast within 2r of the bump's
  centre with a Gaussian dome of its radius (sigma r / sqrt(2)): near 1 for a
  round, isolated dome, lower for a blob of wrinkled texture;
- ``core_rgb_max``: largest sRGB channel (0-1) of the core's mean colour: at
  about 1 the camera has clipped (overexposed skin, shine), and the core's
  lightness and colour no longer measure the bump.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.background import submit
from milia.imaging.blob_shape import blob_shape as _blob_shape
from milia.imaging.detect import Candidates
from milia.imaging.dome_shape import opened_blob_shape as _opened_blob_shape
from milia.imaging.labimage import LabLike
from milia.imaging.measure_surround import (
    Geometry,
    GeometryCache,
    PapuleCache,
    Surround,
    bright_extent,
    measure_surround,
)
from milia.imaging.ring_stats import SPREAD_FLOOR as _SPREAD_FLOOR
from milia.imaging.ring_stats import median0 as _median0  # noqa: F401 (tests read it here)
from milia.imaging.ring_stats import median_rows as _median_rows
from milia.imaging.ring_stats import plane_fit as _plane_fit  # noqa: F401 (tests read it here)
from milia.imaging.ring_stats import plane_fit_rows as _plane_fit_rows

__all__ = ["FEATURES", "measure_candidates"]

FEATURES = (
    "row",
    "col",
    "dL",
    "da",
    "db",
    "da_halo",
    "peak_L",
    "peak_a",
    "sd_L",
    "sd_a",
    "sd_b",
    "diameter_px",
    "diameter_red_px",
    "elongation",
    "skin_fraction",
    "chroma_ratio",
    "core_L",
    "ring_L",
    "ring_a",
    "ring_b",
    "da_wide",
    "far_a",
    "sd_a_far",
    "bright_extent",
    "diameter_pustule_px",
    "core_rgb_max",
    "response",
    "da_papule",
    "sd_a_papule",
    "dome_fit",
)


def _ring_plane(
    win: NDArray[np.float32],
    ring: NDArray[np.intp],
    ring_yx: tuple[NDArray[np.float64], NDArray[np.float64]],
) -> tuple[NDArray[np.float64], list[float]]:
    """Fit a plane per channel to the ring (robustly); return its coefficients and residual spreads.

    ``ring`` holds the ring's px as flat row-major indices of the (M, N)
    window and ``ring_yx`` their row and column offsets (px) from the
    candidate's centre. Two rounds: a fit to every ring px, then to the px
    within 2.5 robust spreads (+ 0.5) of it on every channel (all of them
    again when fewer than 8 are left). The coefficients (3, 3) are as
    :func:`~milia.imaging.ring_stats.plane_fit`'s (:func:`_plane_at` evaluates them).
    """
    yy, xx = ring_yx
    # The ring's values channel by channel, (3, K): the same fit and residuals as over
    # the (K, 3) px, several times faster (numpy's loops run along the ring, not along 3).
    vals_t = np.ascontiguousarray(win.reshape(-1, 3)[ring].T, dtype=np.float64)
    keep: NDArray[np.bool_] | None = None  # None: every ring px
    for _ in range(2):
        if keep is None:
            coef = _plane_fit_rows(yy, xx, vals_t)
        else:
            coef = _plane_fit_rows(yy[keep], xx[keep], vals_t[:, keep])
        absr = np.abs(vals_t - ((coef[0][:, None] + yy * coef[1][:, None]) + xx * coef[2][:, None]))
        spread = _median_rows(absr if keep is None else absr[:, keep]) * 1.4826 + 1e-6
        keep = (absr <= 2.5 * spread[:, None] + 0.5).all(axis=0)
        if np.count_nonzero(keep) < 8:
            keep = None
    spreads = _median_rows(absr if keep is None else absr[:, keep]) * 1.4826
    return coef, [max(float(s), _SPREAD_FLOOR) for s in spreads]


def _plane_at(
    coef: NDArray[np.float64], yy: NDArray[np.float64], xx: NDArray[np.float64]
) -> NDArray[np.float32]:
    """The plane ``coef`` (:func:`_ring_plane`) at px offsets ``yy``, ``xx`` (K,): (K, 3), float32."""
    return np.asarray(coef[0] + yy[:, None] * coef[1] + xx[:, None] * coef[2], dtype=np.float32)


def _plane_map(
    coef: NDArray[np.float64], y: NDArray[np.float64], x: NDArray[np.float64]
) -> NDArray[np.float32]:
    """The plane ``coef`` over a window of row offsets ``y`` (M,) and columns ``x`` (N,).

    (M, N, 3), float32: each px as ``coef[0] + y * coef[1] + x * coef[2]`` in
    float64, rounded once, channel by channel (broadcasting over the last axis of
    3 gives the same values in several times the time).
    """
    full = np.empty((len(y), len(x), 3), dtype=np.float32)
    for c in range(3):
        full[..., c] = (coef[0, c] + y[:, None] * coef[1, c]) + x[None, :] * coef[2, c]
    return full


def _dome_fit(
    contrast: NDArray[np.float32], y: NDArray[np.float64], x: NDArray[np.float64], r: float
) -> float:
    """Correlation of ``contrast`` within 2r of the centre with a Gaussian dome (sigma r / sqrt(2)).

    ``y`` and ``x`` are the window's row and column offsets from the centre, px.
    """
    d2 = y[:, None] ** 2 + x[None, :] ** 2
    disc = d2 <= (2.0 * r) ** 2
    if np.count_nonzero(disc) < 8:
        return 0.0
    a = contrast[disc].astype(np.float64)
    b = np.exp(-d2[disc] / r**2)
    a -= a.mean()
    b -= b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum() + 1e-12))


def _measure_one(
    i: int,
    lab: LabLike,
    mask: NDArray[np.bool_],
    candidates: Candidates,
    out: dict[str, NDArray[np.float64]],
    core_lab: NDArray[np.float32],
    cache: tuple[GeometryCache, PapuleCache],
    skin: tuple[float, float],
    deferred: dict[int, Surround] | None = None,
) -> None:
    """Measure candidate ``i`` into ``out[name][i]`` and ``core_lab[i]``.

    See :func:`measure_candidates`; ``cache`` holds window geometries by shape
    (the candidate's, the papule's), ``skin`` the least skin share and ring L*
    measured in full. With ``deferred``, a light candidate's surround
    (:func:`measure_surround`) is not measured but kept there.
    """
    import cv2

    height, width = mask.shape
    r0 = float(candidates.rows[i])
    c0 = float(candidates.cols[i])
    r = max(float(candidates.radii[i]), 1.5)
    wide = bool(candidates.channel[i] == "L")  # the far ring serves light heads only
    half = int(np.ceil((5.2 * r + 4) if wide else (3.4 * r + 2)))
    rs, re = max(0, int(r0) - half), min(height, int(r0) + half + 1)
    cs, ce = max(0, int(c0) - half), min(width, int(c0) + half + 1)
    smooth = np.asarray(cv2.GaussianBlur(lab[rs:re, cs:ce], (0, 0), 0.7), np.float32)
    win = smooth
    mwin = mask[rs:re, cs:ce]
    rows = np.arange(rs, re, dtype=np.float64)
    cols = np.arange(cs, ce, dtype=np.float64)
    # Offsets from the centre are exact in float64, so windows that share
    # a radius, a shape and the centre's place in them share their geometry.
    key = (r, wide, rs - r0, cs - c0, re - rs, ce - cs)
    geo = cache[0].get(key)
    if geo is None:
        geo = cache[0][key] = Geometry(rows - r0, cols - c0, r)
    on_skin = mwin.reshape(-1)[geo.ring]  # which of the ring's px are skin
    out["row"][i], out["col"][i] = r0, c0
    n_ring = int(np.count_nonzero(on_skin))
    out["skin_fraction"][i] = n_ring / max(geo.n_ring_all, 1)
    if n_ring < 8:
        return
    if n_ring == geo.n_ring_all:
        ring, ring_yx = geo.ring, geo.ring_yx
    else:
        ring, ring_yx = geo.ring[on_skin], (geo.ring_yx[0][on_skin], geo.ring_yx[1][on_skin])
    coef, sd = _ring_plane(win, ring, ring_yx)
    ref = _plane_at(coef, *geo.core_yx).mean(axis=0)  # the skin's level at the core
    out["ring_L"][i], out["ring_a"][i], out["ring_b"][i] = ref
    out["sd_L"][i], out["sd_a"][i], out["sd_b"][i] = sd
    if out["skin_fraction"][i] < skin[0] or ref[0] < skin[1]:
        return  # not skin, never a bump; its spreads feed the classifier's typical spread
    win = win - _plane_map(coef, geo.y, geo.x)  # contrast to the local skin, shading removed
    flat = win.reshape(-1, 3)
    core_delta = flat[geo.core].mean(axis=0)
    out["dL"][i], out["da"][i], out["db"][i] = core_delta
    out["core_L"][i] = core_delta[0] + ref[0]
    out["da_halo"][i] = flat[geo.rim, 1].mean() if len(geo.rim) else 0.0
    core_ab = core_delta[1:] + ref[1:]
    core_lab[i, 0] = core_delta + ref
    out["chroma_ratio"][i] = float(np.hypot(*core_ab)) / max(float(np.hypot(*ref[1:])), 1.0)
    dia, elong, cr, c_c, peak_l, dia_whole = _opened_blob_shape(
        win[..., 0], geo.inner, rows, cols, r
    )
    out["peak_L"][i] = peak_l
    if wide:
        surround = Surround((r0, c0, r), smooth, win, mwin, geo, (dia_whole, peak_l))
        if deferred is None:
            measure_surround(i, lab, mask, surround, out, cache[1])
        else:
            deferred[i] = surround  # measured once its whiteness contrast is known
    elif peak_l > 0:
        bright_extent(i, win, geo, dia_whole, peak_l, out)
    dia_red, elong_red, cr2, cc2, peak_a = _blob_shape(win[..., 1], geo.inner, rows, cols)
    out["peak_a"][i] = peak_a
    out["diameter_red_px"][i] = dia_red
    out["dome_fit"][i] = _dome_fit(win[..., 0], rows - cr, cols - c_c, r) if dia > 0 else 0.0
    if peak_l / sd[0] >= peak_a / sd[1] or dia_red == 0:
        out["diameter_px"][i], out["elongation"][i] = dia, elong
        if dia > 0:
            out["row"][i], out["col"][i] = cr, c_c
    else:
        out["diameter_px"][i], out["elongation"][i] = dia_red, elong_red
        out["row"][i], out["col"][i] = cr2, cc2


def measure_candidates(
    lab: LabLike,
    mask: NDArray[np.bool_],
    candidates: Candidates,
    *,
    min_skin_fraction: float = 0.0,
    min_ring_l: float = -np.inf,
    surround_from: float | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Measure every candidate; returns one array of length K per name in FEATURES.

    A candidate whose ring is less than ``min_skin_fraction`` skin, or darker
    than ``min_ring_l``, is not skin to the classifier
    (:func:`milia.imaging.classify.classify_candidates` rejects it whatever
    else it measures): only ``row``, ``col`` (its centre as found),
    ``skin_fraction``, ``ring_L``, ``ring_a``, ``sd_L``, ``sd_a``, ``sd_b``
    and ``response`` are measured for it (the spreads feed the classifier's
    typical spread over all candidates); the rest stay 0. With
    ``surround_from``, a light candidate's surround (``bright_extent``,
    ``da_wide``, ``far_a``, ``sd_a_far``, ``diameter_pustule_px``,
    ``da_papule``, ``sd_a_papule``) is measured only when its whiteness
    contrast (:func:`milia.imaging.classify.whiteness_contrast`, over the
    spreads of all candidates) reaches it; elsewhere they stay 0. The
    classifier reads them only from its ``light_cnr``, so with that value
    every class is the same. The defaults measure every candidate in full.

    Parameters
    ----------
    lab : ndarray, shape (M, N, 3), float32, or LabImage
        CIELAB working image (a :class:`~milia.imaging.labimage.LabImage` is
        converted only in the candidates' windows).
    mask : ndarray of bool, shape (M, N)
        Skin mask.
    candidates : Candidates
        From :func:`milia.imaging.detect.find_candidates`.
    min_skin_fraction : float
        Least share of the ring that is skin (0-1) for a full measurement.
    min_ring_l : float
        Least ring L* (0-100) for a full measurement.
    surround_from : float, optional
        Least whiteness contrast (ring spreads) for which a light candidate's
        surround is measured (None: every light candidate's).
    """
    import cv2

    n = len(candidates)
    out = {name: np.zeros(n, dtype=np.float64) for name in FEATURES}
    if n == 0:
        return out
    out["response"] = np.asarray(candidates.response, dtype=np.float64).copy()
    core_lab = np.zeros((n, 1, 3), dtype=np.float32)
    skin = (float(min_skin_fraction), float(min_ring_l))

    # Candidates are independent: half of them are measured on the background
    # thread (each half with its own geometry cache; they write disjoint rows).
    # Light candidates' surrounds wait for every ring's spreads when gated.
    def measure_range(idx: range) -> dict[int, Surround]:
        cache: tuple[GeometryCache, PapuleCache]
        cache = ({}, {})
        own: dict[int, Surround] | None = None if surround_from is None else {}
        for i in idx:
            _measure_one(i, lab, mask, candidates, out, core_lab, cache, skin, own)
        return own or {}

    if n >= 16:
        other = submit(measure_range, range(n // 2, n))
        deferred = measure_range(range(n // 2))
        deferred.update(other.result())
    else:
        deferred = measure_range(range(n))
    if deferred and surround_from is not None:
        from milia.imaging.classify import ring_spreads, whiteness_contrast

        light = whiteness_contrast(out, ring_spreads(out))
        papules: PapuleCache = {}
        for i in sorted(deferred):
            if light[i] >= surround_from:
                measure_surround(i, lab, mask, deferred[i], out, papules)
    rgb = np.asarray(cv2.cvtColor(core_lab, cv2.COLOR_Lab2RGB), np.float64)
    out["core_rgb_max"] = rgb[:, 0].max(axis=1)
    return out
