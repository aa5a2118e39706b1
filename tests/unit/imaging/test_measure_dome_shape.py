"""A dome crossed by a thin crest of texture is measured round (photo-1.17, dome_shape)."""

from __future__ import annotations

import numpy as np

from milia.imaging.blob_shape import blob_shape
from milia.imaging.classify import THRESHOLDS
from milia.imaging.detect import Candidates
from milia.imaging.dome_shape import opened_blob_shape
from milia.imaging.measure import measure_candidates

_SIZE = 81


def _window() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row and column coordinates, the offsets from the centre, and the central px (r 7)."""
    rows = np.arange(_SIZE, dtype=np.float64)
    cols = np.arange(_SIZE, dtype=np.float64)
    yy, xx = np.mgrid[:_SIZE, :_SIZE] - _SIZE // 2
    inner = np.flatnonzero(np.hypot(yy, xx) <= 0.6 * 7)
    return rows, cols, np.hypot(yy, xx), inner


def _dome(d: np.ndarray, radius: float) -> np.ndarray:
    """A Gaussian dome of 10 L* whose half-peak area is ``radius`` px across at half height."""
    return (10.0 * np.exp(-(d**2) / radius**2)).astype(np.float32)


def _crest(contrast: np.ndarray, height: float = 7.0) -> np.ndarray:
    """A 3 px wide lit crest (a wrinkle's) across the whole window, through the centre."""
    out = contrast.copy()
    mid = _SIZE // 2
    out[mid - 1 : mid + 2, :] = np.maximum(out[mid - 1 : mid + 2, :], height)
    return out


def test_a_crest_across_a_dome_is_cut_off_its_shape() -> None:
    rows, cols, d, inner = _window()
    crossed = _crest(_dome(d, 7.0))
    dia_whole, elong_whole, *_ = blob_shape(crossed, inner, rows, cols)
    assert elong_whole > THRESHOLDS.max_elongation  # the crest runs the area out: "elongated"
    dia, elong, row, col, _peak, before = opened_blob_shape(crossed, inner, rows, cols, 7.0)
    assert elong <= THRESHOLDS.dome_elongation  # round as a dome (stubs of the crest remain)
    assert before == dia_whole
    plain = blob_shape(_dome(d, 7.0), inner, rows, cols)
    assert abs(dia - plain[0]) <= 0.15 * plain[0]  # the dome's own size
    assert abs(row - _SIZE // 2) <= 0.5 and abs(col - _SIZE // 2) <= 0.5


def test_an_oval_is_not_rounded() -> None:
    rows, cols, _, inner = _window()
    yy, xx = np.mgrid[:_SIZE, :_SIZE] - _SIZE // 2
    oval = (10.0 * np.exp(-((yy / 5.0) ** 2 + (xx / 9.0) ** 2))).astype(np.float32)
    got = opened_blob_shape(oval, inner, rows, cols, 7.0)
    assert got[:5] == blob_shape(oval, inner, rows, cols)  # the opening only shaved its tips


def test_a_small_bump_is_measured_as_it_is() -> None:
    rows, cols, d, inner = _window()
    crossed = _crest(_dome(d, 2.5))
    got = opened_blob_shape(crossed, inner, rows, cols, 2.5)  # a disc under MIN_DISC_PX
    assert got[:5] == blob_shape(crossed, inner, rows, cols)


def test_measure_gives_a_crossed_dome_its_own_shape() -> None:
    rng = np.random.default_rng(3)
    shape = (120, 140)
    lab = np.empty((*shape, 3), np.float32)
    lab[..., 0] = 65 + rng.normal(0, 0.6, shape)
    lab[..., 1] = 12 + rng.normal(0, 0.4, shape)
    lab[..., 2] = 16 + rng.normal(0, 0.4, shape)
    rr, cc = np.mgrid[: shape[0], : shape[1]]
    dome = 14.0 * np.exp(-((rr - 60) ** 2 + (cc - 70) ** 2) / 6.0**2)
    lab[..., 0] += dome
    lab[..., 1] -= 0.4 * dome
    lab[59:62, 45:95, 0] = np.maximum(lab[59:62, 45:95, 0], 65 + 9.0)  # a lit crest across it
    cands = Candidates(
        rows=np.array([60.0]),
        cols=np.array([70.0]),
        radii=np.array([6.0]),
        response=np.array([6.0]),
        channel=np.array(["L"]),
    )
    f = measure_candidates(lab, np.ones(shape, bool), cands)
    assert f["elongation"][0] <= THRESHOLDS.max_elongation
    assert abs(f["row"][0] - 60) <= 1 and abs(f["col"][0] - 70) <= 1
