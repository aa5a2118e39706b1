"""Bumps not counted because their centre clipped make the count unreliable (QA F8-34)."""

from __future__ import annotations

import numpy as np

from milia import analyze_photo
from milia.imaging.analyze import CLIPPED_BUMPS_UNRELIABLE
from milia.imaging.synth import make_photo


def _flash(rgb: np.ndarray, gain: float) -> np.ndarray:
    """A phone flash's soft hot-spot over the middle of the photo (x ``gain`` at its centre)."""
    h, w, _ = rgb.shape
    rows, cols = np.mgrid[0:h, 0:w]
    spot = np.exp(-(((rows - h / 2) / (0.3 * h)) ** 2 + ((cols - w / 2) / (0.3 * w)) ** 2))
    lit = rgb.astype(np.float64) * (1.0 + (gain - 1.0) * spot[..., None])
    return np.clip(lit, 0, 255).astype(np.uint8)


def test_a_flash_that_clips_milia_makes_the_count_unreliable() -> None:
    photo = make_photo("grace_hopper", ita_group="brown", px_per_mm=7.0, seed=1)
    plain = analyze_photo(photo.rgb, mm_per_pixel=1 / 7.0)
    assert "overexposed bumps" not in plain["quality"] and plain["counts_reliable"]
    flashed = analyze_photo(_flash(photo.rgb, 1.6), mm_per_pixel=1 / 7.0)
    said = [d for d in flashed["quality_details"] if "centre is overexposed" in d]
    assert said, flashed["quality_details"]
    n_clipped = int(said[0].split()[0])
    assert n_clipped >= CLIPPED_BUMPS_UNRELIABLE
    assert "overexposed bumps" in flashed["quality"]
    assert flashed["counts_reliable"] is False
    assert any("not reliable" in d for d in flashed["quality_details"])
