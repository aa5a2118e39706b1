"""The ring's plane fit (normal equations) is lstsq's fit, degenerate rings included."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.measure import _blob_shape, _plane_fit


def _lstsq(yy: np.ndarray, xx: np.ndarray, vals: np.ndarray) -> np.ndarray:
    design = np.stack([np.ones(len(yy)), yy, xx], axis=1)
    return np.linalg.lstsq(design, vals, rcond=None)[0]


@pytest.mark.parametrize("seed", range(5))
def test_plane_fit_equals_lstsq_on_a_ring(seed: int) -> None:
    rng = np.random.default_rng(seed)
    r = rng.uniform(2.0, 12.0)
    y, x = np.mgrid[-40:41, -40:41].astype(np.float64)
    d = np.hypot(y, x)
    ring = (d >= 2 * r + 0.5) & (d <= 3.2 * r + 1.5) & (rng.random(d.shape) > 0.3)
    yy, xx = y[ring], x[ring]
    vals = np.stack([60 + 0.3 * yy - 0.2 * xx, 12 + 0.05 * xx, 18 - 0.1 * yy], axis=1)
    vals += rng.normal(0.0, 1.5, vals.shape)
    np.testing.assert_allclose(_plane_fit(yy, xx, vals), _lstsq(yy, xx, vals), atol=1e-9)


def test_plane_fit_of_px_on_one_line_is_lstsqs_minimum_norm_fit() -> None:
    # Skin only along one row of the ring: the row term is not determined; the normal
    # equations are singular and lstsq's minimum-norm fit is returned.
    xx = np.arange(-10.0, 11.0)
    yy = np.full_like(xx, 7.0)
    vals = np.stack([50 + 0.5 * xx, 10 + 0 * xx, 20 - 0.2 * xx], axis=1)
    coef = _plane_fit(yy, xx, vals)
    assert np.all(np.isfinite(coef))
    np.testing.assert_allclose(coef, _lstsq(yy, xx, vals), atol=1e-9)
    np.testing.assert_allclose(coef[0] + yy[:, None] * coef[1] + xx[:, None] * coef[2], vals)


def test_blob_elongation_matches_the_eigenvalues() -> None:
    # An ellipse with axes 2:1 (rows:cols) at 30 degrees, on a 61 x 61 window.
    rows = np.arange(61, dtype=np.float64)
    cols = np.arange(61, dtype=np.float64)
    y, x = np.mgrid[-30:31, -30:31].astype(np.float64)
    t = np.radians(30)
    u, v = y * np.cos(t) + x * np.sin(t), -y * np.sin(t) + x * np.cos(t)
    contrast = np.exp(-((u / 12) ** 2 + (v / 6) ** 2)).astype(np.float32)
    inner = np.hypot(y, x) <= 2
    _, elong, _, _, peak = _blob_shape(contrast, inner, rows, cols)
    region = contrast >= 0.5 * peak
    iy, ix = np.nonzero(region)
    w = contrast[iy, ix] - 0.5 * peak + 1e-6
    dy = iy - np.sum(iy * w) / np.sum(w)
    dx = ix - np.sum(ix * w) / np.sum(w)
    n = len(iy)
    cov = np.array([[dy @ dy / n, dx @ dy / n], [dx @ dy / n, dx @ dx / n]]) + 1 / 12
    ev = np.linalg.eigvalsh(cov)
    assert elong == pytest.approx(np.sqrt(ev[1] / ev[0]), rel=1e-9)
    assert 1.8 < elong < 2.2 and peak == pytest.approx(1.0)
