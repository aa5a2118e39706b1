"""A light candidate's surround, and the window geometry :mod:`milia.imaging.measure` reads.

Split from :mod:`milia.imaging.measure` (no change of behaviour): the masks of
a candidate's window (:class:`Geometry`), and what a light candidate's
surround measures (:func:`measure_surround`): ``bright_extent`` (a highlight
streak runs on past the bump, a milium's light stays inside), the redness
around a light head against skin further out (``da_wide``, ``far_a``,
``sd_a_far``, ``diameter_pustule_px``) and the redness of the skin at a
papule's scale under it (``da_papule``, ``sd_a_papule``; :func:`papule_redness`).
Distances are px of the working image; colours CIELAB.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from milia.imaging.labimage import LabLike
from milia.imaging.ring_stats import SPREAD_FLOOR as _SPREAD_FLOOR
from milia.imaging.ring_stats import PapuleRings, ring_and_core_masks
from milia.imaging.ring_stats import median0 as _median0
from milia.imaging.ring_stats import plane_fit as _plane_fit

__all__ = [
    "Geometry",
    "GeometryCache",
    "PapuleCache",
    "Surround",
    "bright_extent",
    "measure_surround",
    "papule_redness",
]


class Geometry:
    """Masks of a window that depend only on its offsets from the centre and the radius.

    Parameters
    ----------
    y, x : ndarray (M,), (N,)
        Row and column offsets of the window's px from the candidate's centre, px.
    r : float
        Candidate radius, px.
    """

    def __init__(self, y: NDArray[np.float64], x: NDArray[np.float64], r: float) -> None:
        self.y, self.x = y, x
        d = np.hypot(y[:, None], x[None, :])
        self.d = d
        ring_all, core = ring_and_core_masks(d, r)
        # Flat row-major px indices (as boolean indexing reads them, in that order).
        self.ring = np.flatnonzero(ring_all)
        self.ring_yx = (y[self.ring // len(x)], x[self.ring % len(x)])
        self.n_ring_all = len(self.ring)
        self.core = np.flatnonzero(core)
        self.core_yx = (y[self.core // len(x)], x[self.core % len(x)])
        self.rim = np.flatnonzero((d > r) & (d <= 1.8 * r + 0.5))
        self.inner = np.flatnonzero(d <= max(0.6 * r, 1.5))
        self.within_near = d <= 2.6 * r + 2
        self.within_far = d <= 5.2 * r + 4
        self.near = (d > r + 1) & self.within_near
        self.far = (d >= 3.6 * r + 3) & self.within_far


GeometryCache = dict[tuple[float, bool, float, float, int, int], Geometry]
#: Papule rings by window, with the halo's px (indices into ``halo``) in each of its quarters.
PapuleCache = dict[tuple[float, float, float, int, int], tuple[PapuleRings, list[NDArray[np.intp]]]]


def papule_redness(
    i: int,
    lab: LabLike,
    mask: NDArray[np.bool_],
    centre: tuple[float, float, float],
    out: dict[str, NDArray[np.float64]],
    cache: PapuleCache,
) -> None:
    """Redness of the skin at a papule's scale around light candidate ``i``, into ``out``.

    ``centre`` is (row, col, radius), px. The median a* of the skin at 2r-4r,
    in the second least red of its four quarters, above a plane fitted to the skin at 6r-8r (``da_papule``), and the robust
    spread of the latter about its plane (``sd_a_papule``, CIELAB a* units); both stay 0 when either ring holds too
    little skin (fewer than 8 or 16 px). ``cache`` holds the rings (:class:`PapuleRings`)
    by window, with the halo's px in each quarter: only their px are read.
    """
    r0, c0, r = centre
    height, width = mask.shape
    half = int(np.ceil(8.0 * r + 2))
    rs, re = max(0, int(r0) - half), min(height, int(r0) + half + 1)
    cs, ce = max(0, int(c0) - half), min(width, int(c0) + half + 1)
    key = (r, rs - r0, cs - c0, re - rs, ce - cs)
    entry = cache.get(key)
    if entry is None:
        y = np.arange(rs, re, dtype=np.float64) - r0
        found = PapuleRings(y, np.arange(cs, ce, dtype=np.float64) - c0, r)
        entry = cache[key] = (found, [np.flatnonzero(found.halo_quarter == q) for q in range(4)])
    rings, quarters = entry
    mwin = mask[rs:re, cs:ce].ravel()
    halo, outer = mwin[rings.halo], mwin[rings.outer]  # which of the rings' px are skin
    n_halo, n_outer = np.count_nonzero(halo), np.count_nonzero(outer)
    if n_halo < 8 or n_outer < 16:
        return
    a = np.asarray(lab[rs:re, cs:ce], np.float32)[..., 1].ravel()
    # A plane fitted to the outer ring: a flush or shading across it is not a halo.
    if n_outer == len(outer):  # all skin: the ring's px as they are (the same values)
        oy, ox, a_outer = rings.outer_y, rings.outer_x, a[rings.outer].astype(np.float64)
    else:
        oy, ox = rings.outer_y[outer], rings.outer_x[outer]
        a_outer = a[rings.outer[outer]].astype(np.float64)
    coef = _plane_fit(oy, ox, a_outer[:, None])[:, 0]
    # A papule surrounds its head: three of the ring's four quarters must be red, so
    # the second least red counts (redness on one or two sides -- a flush's edge, a
    # neighbouring bump -- does not).
    if n_halo == len(halo):
        hy, hx = rings.halo_y, rings.halo_x
        resid = a[rings.halo].astype(np.float64) - (coef[0] + hy * coef[1] + hx * coef[2])
        parts = [resid[q] for q in quarters]
    else:
        hy, hx = rings.halo_y[halo], rings.halo_x[halo]
        resid = a[rings.halo[halo]].astype(np.float64) - (coef[0] + hy * coef[1] + hx * coef[2])
        quarter = rings.halo_quarter[halo]
        parts = [resid[quarter == q] for q in range(4)]
    levels = sorted(float(_median0(v)) if len(v) >= 4 else -np.inf for v in parts)
    out["da_papule"][i] = levels[1] if np.isfinite(levels[1]) else 0.0
    resid_outer = a_outer - (coef[0] + oy * coef[1] + ox * coef[2])
    out["sd_a_papule"][i] = max(float(_median0(np.abs(resid_outer)) * 1.4826), _SPREAD_FLOOR)


@dataclass
class Surround:
    """What a light candidate's surround is measured from (:func:`measure_surround`)."""

    centre: tuple[float, float, float]  # row, col, radius, px
    smooth: NDArray[np.float32]  # the window, smoothed
    win: NDArray[np.float32]  # ...less the ring's plane
    mwin: NDArray[np.bool_]  # the window's skin mask
    geo: Geometry
    shape: tuple[float, float]  # half-peak diameter (px) and peak of the L* contrast


def bright_extent(
    i: int,
    win: NDArray[np.float32],
    geo: Geometry,
    dia: float,
    peak_l: float,
    out: dict[str, NDArray[np.float64]],
) -> None:
    """Share of the skin just outside bump ``i`` still brighter than half its peak, into ``out``."""
    # A highlight streak runs on past the bump; a milium's light stays inside.
    annulus = (geo.d > 1.5 * max(dia / 2, 1.0) + 1) & geo.within_near
    if annulus.any():
        out["bright_extent"][i] = float(np.mean(win[annulus, 0] >= 0.5 * peak_l))


def measure_surround(
    i: int,
    lab: LabLike,
    mask: NDArray[np.bool_],
    s: Surround,
    out: dict[str, NDArray[np.float64]],
    cache: PapuleCache,
) -> None:
    """A light candidate's surround, into ``out``: ``bright_extent``, the redness around it
    (``da_wide``, ``far_a``, ``sd_a_far``, ``diameter_pustule_px``) and under it
    (``da_papule``, ``sd_a_papule``)."""
    geo, mwin, d = s.geo, s.mwin, s.geo.d
    dia, peak_l = s.shape
    if peak_l > 0:
        bright_extent(i, s.win, geo, dia, peak_l, out)
    # Redness around a light head, against skin further out: a pustule's papule
    # may extend past the ring, hiding its redness from the ring contrast.
    near = geo.near & mwin
    far = geo.far & mwin
    if np.count_nonzero(near) >= 4 and np.count_nonzero(far) >= 8:
        raw_a = s.smooth[..., 1]
        far_a = raw_a[far]
        far_med = float(_median0(far_a))
        out["da_wide"][i] = float(raw_a[near].mean() - far_med)
        out["far_a"][i] = far_med
        # Extent of a pustule: its head plus the red skin around it.
        red = raw_a - far_med
        level = 0.5 * max(float(red[near].max()), 0.0)
        if level > 0:
            head = d <= max(dia / 2, 1.0)
            area = float(np.count_nonzero(((red >= level) | head) & geo.within_far))
            out["diameter_pustule_px"][i] = 2.0 * np.sqrt(area / np.pi)
        out["sd_a_far"][i] = max(float(_median0(np.abs(far_a - far_med)) * 1.4826), _SPREAD_FLOOR)
    papule_redness(i, lab, mask, s.centre, out, cache)
