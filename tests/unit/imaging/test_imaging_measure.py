"""measure_candidates: ring statistics, shapes and the shared window geometry."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.detect import Candidates
from milia.imaging.measure import FEATURES, _median0, measure_candidates


def _skin(shape: tuple[int, int] = (120, 140), seed: int = 0) -> np.ndarray:
    """Flat skin in CIELAB (L* 65, a* 12, b* 16) with a gentle shading and noise."""
    rng = np.random.default_rng(seed)
    lab = np.empty((*shape, 3), np.float32)
    rows = np.arange(shape[0])[:, None]
    lab[..., 0] = 65 + 0.03 * rows + rng.normal(0, 0.6, shape)
    lab[..., 1] = 12 + rng.normal(0, 0.4, shape)
    lab[..., 2] = 16 + rng.normal(0, 0.4, shape)
    return lab


def _add_dome(lab: np.ndarray, row: float, col: float, radius: float) -> None:
    """A white-yellow dome (lighter, less red) of the given radius, px."""
    rr, cc = np.mgrid[: lab.shape[0], : lab.shape[1]]
    inside = np.hypot(rr - row, cc - col) <= radius
    lab[inside, 0] += 14
    lab[inside, 1] -= 6


def _cands(rows: list[float], cols: list[float], radii: list[float], ch: str) -> Candidates:
    k = len(rows)
    return Candidates(
        rows=np.array(rows, float),
        cols=np.array(cols, float),
        radii=np.array(radii, float),
        response=np.full(k, 6.0),
        channel=np.array([ch] * k),
    )


@pytest.mark.parametrize("n", [1, 2, 7, 8, 301, 302])
def test_median0_is_np_median_bit_for_bit(n: int) -> None:
    rng = np.random.default_rng(n)
    a2 = rng.normal(size=(n, 3))
    a1 = rng.normal(size=n).astype(np.float32)
    assert np.array_equal(_median0(a2), np.median(a2, axis=0))
    got, want = _median0(a1), np.median(a1)
    assert got == want and np.asarray(got).dtype == np.asarray(want).dtype


def test_a_white_dome_is_measured_against_its_ring() -> None:
    lab = _skin()
    _add_dome(lab, 60.5, 70.5, 4.0)
    mask = np.ones(lab.shape[:2], bool)
    f = measure_candidates(lab, mask, _cands([60.5], [70.5], [4.0], "L"))
    assert set(f) == set(FEATURES)
    assert f["dL"][0] > 8 and f["da"][0] < -3  # lighter and less red than the ring
    assert f["skin_fraction"][0] == 1.0
    assert 6.0 <= f["diameter_px"][0] <= 10.0  # 8 px across
    assert abs(f["row"][0] - 60.5) < 1 and abs(f["col"][0] - 70.5) < 1
    assert f["elongation"][0] < 1.3
    assert 0.4 <= f["sd_L"][0] <= 1.0  # the ring's noise (0.6), not the shading


def test_no_skin_in_the_ring_leaves_the_candidate_unmeasured() -> None:
    lab = _skin()
    mask = np.zeros(lab.shape[:2], bool)
    f = measure_candidates(lab, mask, _cands([60.5], [70.5], [4.0], "L"))
    assert f["skin_fraction"][0] == 0.0 and f["sd_L"][0] == 0.0 and f["row"][0] == 60.5


def test_candidates_sharing_a_geometry_measure_as_if_alone() -> None:
    # Same radius and half-pixel centre (one geometry), one clipped at the border,
    # a different radius, a red candidate; part of the skin masked off.
    lab = _skin(seed=3)
    for r, c in ((40.5, 40.5), (80.5, 100.5), (5.5, 70.5)):
        _add_dome(lab, r, c, 3.0)
    mask = np.ones(lab.shape[:2], bool)
    mask[:, 108:] = False
    cands = _cands(
        [40.5, 80.5, 5.5, 60.5, 90.5], [40.5, 100.5, 70.5, 20.5, 60.5], [3, 3, 3, 5, 3], "L"
    )
    cands.channel[4] = "a"
    together = measure_candidates(lab, mask, cands)
    for i in range(len(cands)):
        one = _cands([cands.rows[i]], [cands.cols[i]], [cands.radii[i]], str(cands.channel[i]))
        alone = measure_candidates(lab, mask, one)
        for name in FEATURES:
            if name != "response":
                assert together[name][i] == alone[name][0], (i, name)
    assert together["skin_fraction"][1] < 1.0  # its ring reaches the masked-off side
    assert together["skin_fraction"][0] == 1.0


def test_empty_candidates() -> None:
    lab = _skin()
    f = measure_candidates(lab, np.ones(lab.shape[:2], bool), _cands([], [], [], "L"))
    assert all(len(v) == 0 for v in f.values())


def test_a_ring_that_is_not_skin_is_measured_only_as_the_classifier_reads_it() -> None:
    from milia.imaging.classify import THRESHOLDS, classify_candidates

    # Domes in the skin, at the mask's edge (ring less than half skin) and in dark "hair" rows.
    lab = _skin(seed=5)
    lab[:30, :, 0] -= 40
    for r, c in ((60.5, 40.5), (60.5, 104.5), (14.5, 60.5), (90.5, 70.5)):
        _add_dome(lab, r, c, 3.0)
    mask = np.ones(lab.shape[:2], bool)
    mask[:, 102:] = False
    cands = _cands([60.5, 60.5, 14.5, 90.5], [40.5, 104.5, 60.5, 70.5], [3, 3, 3, 3], "L")
    every = measure_candidates(lab, mask, cands)
    min_l = 40.0  # the skin model's darkest skin
    some = measure_candidates(
        lab, mask, cands, min_skin_fraction=THRESHOLDS.min_skin_fraction, min_ring_l=min_l
    )
    skin = (every["skin_fraction"] >= THRESHOLDS.min_skin_fraction) & (every["ring_L"] >= min_l)
    assert skin.tolist() == [True, False, False, True]
    for name in FEATURES:
        assert np.array_equal(some[name][skin], every[name][skin]), name
    for name in ("skin_fraction", "ring_L", "ring_a", "sd_L", "sd_a", "sd_b", "response"):
        assert np.array_equal(some[name], every[name]), name
    assert some["row"][~skin].tolist() == [60.5, 14.5]  # the centre as found
    assert some["col"][~skin].tolist() == [104.5, 60.5]
    assert some["dL"][1] == 0.0 and every["dL"][1] > 8  # not measured past its ring
    assert some["diameter_px"][2] == 0.0 and every["diameter_px"][2] > 0
    a = classify_candidates(every, px_per_mm=7.0, min_ring_l=min_l)
    b = classify_candidates(some, px_per_mm=7.0, min_ring_l=min_l)
    kinds = ["milia_like", "rejected", "rejected", "milia_like"]
    assert a.kind.tolist() == b.kind.tolist() == kinds
    assert np.array_equal(a.confidence, b.confidence)


def test_papule_redness_is_measured_at_the_papule_scale_all_around_the_head() -> None:
    r = 3.0
    rr, cc = np.mgrid[:120, :140]
    d = np.hypot(rr - 60.5, cc - 70.5)
    mask = np.ones((120, 140), bool)
    cand = _cands([60.5], [70.5], [r], "L")

    def da_papule(lab: np.ndarray) -> float:
        _add_dome(lab, 60.5, 70.5, r)
        return float(measure_candidates(lab, mask, cand)["da_papule"][0])

    pustule = _skin(seed=1)
    pustule[d <= 4.5 * r, 1] += 8.0  # a red papule 3 head diameters across
    assert da_papule(pustule) == pytest.approx(8.0, abs=1.0)
    flush = _skin(seed=2)
    flush[..., 1] += 0.2 * (cc - 70.5)  # redness rising across the face: not a halo
    assert abs(da_papule(flush)) < 1.0
    one_side = _skin(seed=3)
    one_side[(cc >= 71) & (cc <= 85) & (abs(rr - 60.5) <= 14), 1] += 8.0  # red on one side
    assert da_papule(one_side) < 1.5
    assert measure_candidates(_skin(), mask, _cands([60.5], [70.5], [r], "a"))["da_papule"][0] == 0
