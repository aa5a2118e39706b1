"""The ring statistics laid out by channel (C, K) are bit for bit those of the (K, C) px.

``measure._ring_plane`` fits and screens a ring's px channel by channel (numpy's
loops then run along the ring); these tests hold it to the (K, 3) forms it
replaced, value for value, on rings of every length up to a papule's.
"""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.measure import _plane_at, _plane_map, _ring_plane
from milia.imaging.ring_stats import median0, median_rows, plane_fit, plane_fit_rows

SIZES = [*range(8, 40), 127, 128, 129, 252, 1001, 4000, 16812]


def _ring_px(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    yy, xx = rng.normal(0.0, 6.0, n), rng.normal(0.0, 6.0, n)
    vals = np.stack([60 + 0.3 * yy - 0.2 * xx, 12 + 0.05 * xx, 18 - 0.1 * yy], axis=1)
    vals = (vals + rng.normal(0.0, 1.5, vals.shape)).astype(np.float32).astype(np.float64)
    return yy, xx, vals


@pytest.mark.parametrize("n", SIZES)
def test_plane_fit_rows_is_plane_fit_bit_for_bit(n: int) -> None:
    yy, xx, vals = _ring_px(n, n)
    want = plane_fit(yy, xx, vals)
    got = plane_fit_rows(yy, xx, np.ascontiguousarray(vals.T))
    assert np.array_equal(got, want)  # not merely close: the same sums in the same order


def test_plane_fit_rows_of_px_on_one_line_falls_back_as_plane_fit() -> None:
    xx = np.arange(-10.0, 11.0)
    yy = np.full_like(xx, 7.0)
    vals = np.stack([50 + 0.5 * xx, 10 + 0 * xx, 20 - 0.2 * xx], axis=1)
    assert np.array_equal(
        plane_fit_rows(yy, xx, np.ascontiguousarray(vals.T)), plane_fit(yy, xx, vals)
    )


@pytest.mark.parametrize("n", [1, 2, 3, 8, 9, 252, 253])
def test_median_rows_is_median0_of_the_transpose(n: int) -> None:
    a = np.random.default_rng(n).normal(size=(n, 3))
    assert np.array_equal(median_rows(np.ascontiguousarray(a.T)), median0(a))
    assert np.array_equal(median_rows(np.ascontiguousarray(a.T)), np.median(a, axis=0))


def _old_ring_plane(
    win: np.ndarray, ring: np.ndarray, yy: np.ndarray, xx: np.ndarray
) -> tuple[np.ndarray, list[float]]:
    """The (K, 3) form measure._ring_plane had before (session 12), for comparison."""
    vals = win.reshape(-1, 3)[ring].astype(np.float64)
    keep = None
    for _ in range(2):
        coef = (
            plane_fit(yy, xx, vals) if keep is None else plane_fit(yy[keep], xx[keep], vals[keep])
        )
        absr = np.abs(vals - (coef[0] + yy[:, None] * coef[1] + xx[:, None] * coef[2]))
        spread = median0(absr if keep is None else absr[keep]) * 1.4826 + 1e-6
        keep = (absr <= 2.5 * spread + 0.5).all(axis=1)
        if np.count_nonzero(keep) < 8:
            keep = None
    spreads = median0(absr if keep is None else absr[keep]) * 1.4826
    return coef, [max(float(s), 0.5) for s in spreads]


@pytest.mark.parametrize("seed", range(6))
def test_ring_plane_and_its_maps_are_the_k_by_3_forms(seed: int) -> None:
    rng = np.random.default_rng(seed)
    r = rng.uniform(1.5, 12.0)
    half = int(np.ceil(5.2 * r + 4))
    y = np.arange(-half, half + 1, dtype=np.float64) - rng.uniform(0, 1)
    x = np.arange(-half, half + 1, dtype=np.float64) - rng.uniform(0, 1)
    d = np.hypot(y[:, None], x[None, :])
    ring_mask = (d >= 2 * r + 0.5) & (d <= 3.2 * r + 1.5) & (rng.random(d.shape) > 0.2)
    ring = np.flatnonzero(ring_mask)
    yy, xx = y[ring // len(x)], x[ring % len(x)]
    win = (
        np.stack([60 + 0.3 * d, 12 + 0.05 * x[None, :] + 0 * d, 18 - 0.1 * y[:, None] + 0 * d], -1)
        + rng.normal(0.0, 1.5, (len(y), len(x), 3))
        + 25.0 * (rng.random((len(y), len(x), 1)) > 0.97)  # outliers the second round drops
    ).astype(np.float32)
    coef, sd = _ring_plane(win, ring, (yy, xx))
    want_coef, want_sd = _old_ring_plane(win, ring, yy, xx)
    assert np.array_equal(coef, want_coef) and sd == want_sd
    full = np.asarray(
        np.broadcast_to(
            coef[0] + y[:, None, None] * coef[1] + x[None, :, None] * coef[2], win.shape
        ),
        dtype=np.float32,
    )
    assert np.array_equal(_plane_map(coef, y, x), full)
    core = np.flatnonzero(d <= max(0.5 * r, 1.0))
    cy, cx = y[core // len(x)], x[core % len(x)]
    assert np.array_equal(
        _plane_at(coef, cy, cx).mean(axis=0), full.reshape(-1, 3)[core].mean(axis=0)
    )
