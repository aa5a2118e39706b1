"""A nearly black photo's notes do not contradict each other (QA F14-11)."""

from __future__ import annotations

import numpy as np

import milia


def test_a_black_photo_is_called_too_dark_not_grayscale_and_nothing_is_said_searched() -> None:
    black = np.zeros((400, 400, 3), dtype=np.uint8)
    result = milia.analyze_photo(black)
    details = " ".join(result["quality_details"])
    assert "nearly black" in details
    assert "grayscale" not in details
    assert "the skin found is searched" not in details
    assert "No frontal face was found." in details


def test_a_gray_photo_is_still_called_grayscale() -> None:
    rng = np.random.default_rng(1)
    gray = (rng.random((400, 400)) * 200 + 30).astype(np.uint8)
    result = milia.analyze_photo(np.stack([gray] * 3, axis=-1))
    details = " ".join(result["quality_details"])
    assert "grayscale" in details and "nearly black" not in details
