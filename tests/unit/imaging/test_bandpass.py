"""Band-pass machinery: local maxima, scales, suppression."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from milia.imaging.bandpass import band_pass_peaks, local_maxima, scales, suppress


@pytest.mark.parametrize("density", [0.001, 0.3])
def test_local_maxima_match_a_3x3_dilation(density: float) -> None:
    # Few px to check (gathered neighbours) and many (one dilation): the same px.
    rng = np.random.default_rng(3)
    image = rng.normal(size=(60, 70)).astype(np.float32)
    image[10, 0] = image[0, 10] = image[59, 69] = 9.0  # maxima on the border
    where = rng.random(image.shape) < density
    where[10, 0] = where[0, 10] = where[59, 69] = True
    rr, cc = local_maxima(image, where)
    dil = cv2.dilate(image, np.ones((3, 3), np.uint8))
    er, ec = np.nonzero((image >= dil) & where)
    assert sorted(zip(rr.tolist(), cc.tolist(), strict=True)) == sorted(
        zip(er.tolist(), ec.tolist(), strict=True)
    )
    assert (10, 0) in set(zip(rr.tolist(), cc.tolist(), strict=True))


def test_scales_span_the_radii_about_1_6_apart() -> None:
    s = scales((0.25, 1.75), 8.0)
    assert s[0] == pytest.approx(0.25 * 8 / np.sqrt(2))
    assert s[-1] == pytest.approx(1.75 * 8 / np.sqrt(2))
    assert all(1.3 < b / a < 1.7 for a, b in itertools.pairwise(s))


def test_a_gaussian_blob_peaks_at_its_centre_and_scale() -> None:
    yy, xx = np.mgrid[:128, :128]
    img = np.exp(-((yy - 60.0) ** 2 + (xx - 70.0) ** 2) / (2 * 4.0**2)).astype(np.float32)
    img += np.random.default_rng(0).normal(0, 0.01, img.shape).astype(np.float32)
    mask = np.ones(img.shape, bool)
    rows, cols, resp, sig, raw = band_pass_peaks(
        img, mask, scales((0.25, 1.75), 8.0), 8.0, min_response=4.0
    )
    best = int(np.argmax(raw))
    assert abs(rows[best] - 60) <= 1.5 and abs(cols[best] - 70) <= 1.5
    assert 2.0 < sig[best] < 8.0 and resp[best] > 4.0


def test_suppress_keeps_the_strongest_of_overlapping_blobs() -> None:
    rows = np.array([10.0, 11.0, 40.0])
    cols = np.array([10.0, 10.0, 40.0])
    radii = np.array([3.0, 3.0, 3.0])
    kept = suppress(rows, cols, radii, np.array([1.0, 2.0, 0.5]))
    assert sorted(kept.tolist()) == [1, 2]


def test_a_strong_bump_does_not_hide_itself_in_its_own_local_spread() -> None:
    # The response is contrast over the local spread of the band-pass; a bump's own
    # energy (and a strong neighbour's) is part of that window. Measured as a mean
    # absolute value, not an RMS, it barely raises the spread: four times the
    # contrast gives (nearly) four times the response on the same noise.
    rng = np.random.default_rng(1)
    noise = rng.normal(0, 1.0, (160, 160)).astype(np.float32)
    yy, xx = np.mgrid[:160, :160]
    bump = np.exp(-((yy - 80.0) ** 2 + (xx - 80.0) ** 2) / (2 * 4.0**2)).astype(np.float32)
    mask = np.ones(noise.shape, bool)
    best = []
    for amplitude in (3.0, 12.0):
        rows, cols, resp, _, raw = band_pass_peaks(
            noise + amplitude * bump, mask, scales((0.25, 1.75), 8.0), 8.0, min_response=2.0
        )
        near = np.hypot(rows - 80, cols - 80) < 2
        best.append(float(resp[near][np.argmax(raw[near])]))
    assert best[0] > 4.0
    assert best[1] / best[0] >= 3.0


def test_the_response_of_gaussian_noise_is_in_units_of_its_spread() -> None:
    # On plain Gaussian noise the spread is its standard deviation: the peaks above
    # 3 spreads are those of a normal tail (22 here; a spread 20 % too small gives
    # 79, 25 % too large 3).
    noise = cv2.GaussianBlur(
        np.random.default_rng(4).normal(0, 1.0, (256, 256)).astype(np.float32), (0, 0), 1.0
    )
    mask = np.ones(noise.shape, bool)
    resp = band_pass_peaks(noise, mask, [2.0], 8.0, min_response=3.0)[2]
    assert 10 <= len(resp) <= 40


def _suppress_all_pairs(rows, cols, radii, response):  # type: ignore[no-untyped-def]
    """The greedy suppression with every pair compared (the reference)."""
    alive = np.ones(len(rows), dtype=bool)
    kept = []
    for i in np.argsort(-response):
        if alive[i]:
            kept.append(int(i))
            d = np.hypot(rows - rows[i], cols - cols[i])
            alive[d < np.maximum(radii, radii[i]) * 1.1 + 1.0] = False
    return kept


@pytest.mark.parametrize("seed", range(4))
def test_suppress_keeps_what_comparing_every_pair_keeps(seed: int) -> None:
    # Crowded blobs of mixed sizes, some on cell borders and at negative positions.
    rng = np.random.default_rng(seed)
    n = 600
    rows = rng.uniform(-20, 300, n)
    cols = rng.uniform(-20, 300, n)
    radii = rng.uniform(0.7, 12.0, n)
    rows[:20] = np.round(rows[:20] / 14.2) * 14.2  # on the grid's cell edges (reach 14.2)
    response = rng.normal(size=n)
    kept = suppress(rows, cols, radii, response)
    assert kept.tolist() == _suppress_all_pairs(rows, cols, radii, response)


def test_suppress_needs_no_scipy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, numpy as np; from milia.imaging.bandpass import suppress; "
        "suppress(np.array([1.0, 2.0]), np.array([1.0, 2.0]), np.array([3.0, 3.0]), "
        "np.array([1.0, 0.5])); print('scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
