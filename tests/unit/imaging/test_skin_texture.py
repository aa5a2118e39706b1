"""Skin texture measures behind the quality report (milia.imaging.skin_texture)."""

from __future__ import annotations

import numpy as np

from milia.imaging.skin_texture import (
    WINDOW,
    distinct_colours,
    level_step_l,
    skin_window,
    texture_measures,
)


def test_level_step_is_finer_in_the_light_than_near_black() -> None:
    # sRGB spends more levels per L* near black: the step shrinks toward white
    assert 0.0 < level_step_l(90.0) < level_step_l(20.0)


def test_distinct_colours_counts_packed_rgb() -> None:
    pixels = np.array([[1, 2, 3], [1, 2, 3], [3, 2, 1], [0, 0, 0]], np.uint8)
    assert distinct_colours(pixels) == 3


def test_skin_window_is_centred_on_the_skin_and_bounded() -> None:
    mask = np.zeros((2000, 1500), bool)
    mask[900:1100, 600:700] = True
    rows, cols = skin_window(mask)
    assert rows.stop - rows.start == WINDOW and cols.stop - cols.start == WINDOW
    assert rows.start <= 900 and rows.stop >= 1100 and cols.start <= 600 and cols.stop >= 700


def test_noise_estimate_follows_added_white_noise() -> None:
    rng = np.random.default_rng(0)
    flat = np.full((300, 300), 50.0, np.float32)
    inner = np.ones((300, 300), bool)
    for sd in (1.0, 3.0):
        noisy = (flat + rng.normal(0.0, sd, flat.shape)).astype(np.float32)
        _, _, noise = texture_measures(noisy, inner, 7.0)
        assert abs(noise - sd) < 0.1 * sd
