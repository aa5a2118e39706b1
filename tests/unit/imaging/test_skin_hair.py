"""QA F11-04: hair (and a greyish shadow) inside the skin's colours is cut out of the skin mask.

The astronaut's own photo upscaled 6 times gave two false inflamed findings:
at the edge of her blonde fringe and at the shadow under her chin, where the
skin beside them is redder than a ring that is half hair or shadow (both
pass the skin model's broad colour ellipse). :func:`hair_like` cuts large
areas far yellower in hue than the seed skin (and, above the brows, darker
and yellower), never a milium-sized yellow spot. Not yet called by the skin
mask (docs/photo.md, session 12: its full re-measure is not finished); the
end-to-end test waits with the call in /work/notes/photo-accuracy-skin-hair.patch.
"""

from __future__ import annotations

import numpy as np

from milia.imaging.skin_hair import HAIR_MIN_WIDTH_MM, hair_like

PPM = 3.0  # px/mm of the coarse grid the mask is made on


def _face(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A 60 x 60 mm skin field (L* 76, a* 10, b* 18, mottled) and its central seed px."""
    n = int(60 * PPM)
    lum = np.float32(76.0) + rng.normal(0, 3.0, (n, n)).astype(np.float32)
    a = np.float32(10.0) + rng.normal(0, 1.5, (n, n)).astype(np.float32)
    b = np.float32(18.0) + rng.normal(0, 1.5, (n, n)).astype(np.float32)
    c = slice(n // 3, 2 * n // 3)
    seed = np.stack([lum[c, c].ravel(), a[c, c].ravel(), b[c, c].ravel()], axis=1)
    return lum, a, b, seed


def _disc(n: int, row: float, col: float, radius_mm: float) -> np.ndarray:
    rr, cc = np.mgrid[0:n, 0:n]
    return np.asarray(np.hypot(rr - row, cc - col) <= radius_mm * PPM)


def test_a_large_blonde_area_is_cut_and_a_yellow_milium_is_not() -> None:
    rng = np.random.default_rng(4)
    lum, a, b, seed = _face(rng)
    n = lum.shape[0]
    hair = np.zeros((n, n), dtype=bool)
    hair[: int(12 * PPM), :] = True  # a fringe 12 mm deep across the top
    a[hair], b[hair] = 2.0, 25.0  # QA's blonde hair: a* ~1.6-4, b* ~24-25
    milium = _disc(n, 0.75 * n, 0.5 * n, 1.25)  # a 2.5 mm yellow milium
    a[milium], b[milium] = 3.0, 26.0
    cut = hair_like(lum, a, b, seed, px_per_mm=PPM)
    assert cut is not None
    inner = np.zeros_like(hair)
    inner[: int(9 * PPM), int(3 * PPM) : -int(3 * PPM)] = True
    assert cut[inner].mean() > 0.95
    assert not cut[_disc(n, 0.75 * n, 0.5 * n, 2.5)].any()  # the milium and its ring
    assert cut[int(20 * PPM) :].mean() < 0.01  # the skin below the fringe


def test_a_spot_narrower_than_the_minimum_width_is_never_cut() -> None:
    rng = np.random.default_rng(5)
    lum, a, b, seed = _face(rng)
    n = lum.shape[0]
    spot = _disc(n, n / 2, n / 2, 0.45 * HAIR_MIN_WIDTH_MM)
    a[spot], b[spot] = 2.0, 25.0
    cut = hair_like(lum, a, b, seed, px_per_mm=PPM)
    assert cut is None or not cut[spot].any()


def test_dark_yellowish_strands_are_hair_only_above_the_brows() -> None:
    # The fringe's shaded strands (L* 47, a* 7, b* 24: 2.2 hue spreads off the seed
    # skin, 3.8 L* spreads darker) look like the shaded side of a face lit from one side.
    rng = np.random.default_rng(6)
    lum, a, b, seed = _face(rng)
    n = lum.shape[0]
    band = np.zeros((n, n), dtype=bool)
    band[: int(10 * PPM), :] = True
    lum[band], a[band], b[band] = 47.0, 7.0, 24.0
    assert hair_like(lum, a, b, seed, px_per_mm=PPM) is None
    above = np.zeros((n, n), dtype=bool)
    above[: int(15 * PPM), :] = True
    cut = hair_like(lum, a, b, seed, px_per_mm=PPM, above=above)
    assert cut is not None
    assert cut[: int(7 * PPM), int(3 * PPM) : -int(3 * PPM)].mean() > 0.95


def test_shaded_skin_of_the_skins_own_hue_is_kept() -> None:
    rng = np.random.default_rng(7)
    lum, a, b, seed = _face(rng)
    n = lum.shape[0]
    shade = np.zeros((n, n), dtype=bool)
    shade[: int(15 * PPM), :] = True
    lum[shade], a[shade], b[shade] = 45.0, 7.0, 12.6  # darker, the same hue (about 61 degrees)
    everywhere = np.ones((n, n), dtype=bool)
    assert hair_like(lum, a, b, seed, px_per_mm=PPM, above=everywhere) is None
