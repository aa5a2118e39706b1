"""A glint on a glasses frame is not a milium on skin (QA F8-15).

The skin mask's closing fills a thin dark frame; a light glint on it then
stood out against a ring of frame (L* 16 on skin of L* 36) and was counted
as milia-like. A spot lighter than the skin enclosed by a large piece darker
than any skin of the face is kept out of the skin mask (``skin_holes.light_in_dark_frames``).
"""

from __future__ import annotations

import numpy as np

from milia.imaging.analyze import analyze_photo
from milia.imaging.skin_holes import light_in_dark_frames
from milia.imaging.synth import make_photo

PPM = 2.0  # the skin mask's grid, px/mm


def _skin_with_band(band_rows: tuple[int, int]) -> np.ndarray:
    lum = np.full((60, 120), 36.0, np.float32)  # skin, L*
    lum[band_rows[0] : band_rows[1], 20:100] = 9.0  # a frame: 3 mm x 40 mm, L* 9
    return lum


def test_a_glint_inside_a_frame_is_kept_out() -> None:
    lum = _skin_with_band((20, 26))
    lum[22:24, 50:53] = 60.0  # a 1-1.5 mm glint on the frame
    out = light_in_dark_frames(lum, 16.0, 36.0, PPM)
    assert out is not None
    assert out[22:24, 50:53].all()
    assert not out[:16].any() and not out[30:].any()  # the skin above and below stays


def test_a_light_spot_beside_a_dark_line_stays_skin() -> None:
    """A milium just above the lash line or a frame has skin on its other side."""
    lum = _skin_with_band((20, 26))
    lum[17:20, 50:53] = 60.0  # touching the frame's upper edge
    out = light_in_dark_frames(lum, 16.0, 36.0, PPM)
    assert out is None or not out[17:20, 50:53].any()


def test_a_small_dark_ring_is_not_a_frame() -> None:
    """A mole or a pore ring (< 28 mm²) around a light spot is not a frame."""
    lum = np.full((60, 120), 36.0, np.float32)
    lum[26:34, 56:64] = 9.0  # 4 x 4 mm = 16 mm²
    lum[29:31, 59:61] = 60.0
    assert light_in_dark_frames(lum, 16.0, 36.0, PPM) is None


def test_grace_hoppers_frame_glint_is_not_counted() -> None:
    """The plain dark benchmark face (seed 7, scale given): 1 milia-like before, on the frame."""
    p = make_photo(
        "grace_hopper", ita_group="dark", n_milia=0, n_inflamed=0, n_distractors=0, seed=7
    )
    result = analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel)
    assert result["counts"]["milia_like"] == 0
