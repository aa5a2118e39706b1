"""Bright bumps rejected only for a clipped core are reported, not dropped silently (QA F4-41)."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.synth import make_photo


@pytest.mark.slow
def test_clipped_white_bumps_on_fair_skin_are_named_in_the_details() -> None:
    photo = make_photo(
        "astronaut", ita_group="very_light", n_milia=6, n_inflamed=0, n_distractors=0, seed=1
    )
    rgb = photo.rgb.astype(np.float64)
    rr, cc = np.mgrid[: rgb.shape[0], : rgb.shape[1]]
    radius = 0.8 / photo.mm_per_pixel  # 1.6 mm bumps at the milia's places, clipped white-yellow
    for t in photo.truth:
        alpha = np.exp(-np.log(2) * (np.hypot(rr - t["row"], cc - t["col"]) / radius) ** 4)
        rgb += 0.97 * alpha[..., None] * (np.array([255.0, 252.0, 228.0]) - rgb)
    result = analyze_photo(
        np.clip(rgb + 0.5, 0, 255).astype(np.uint8), mm_per_pixel=photo.mm_per_pixel
    )
    notes = [d for d in result["quality_details"] if "overexposed" in d]
    assert notes, result["quality_details"]
    assert result["counts"]["milia_like"] + int(notes[0].split()[0]) >= 4
