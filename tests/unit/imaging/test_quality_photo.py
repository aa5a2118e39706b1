"""A photo too blurred, dark, bright or noisy to count says so (QA F4-9): 0 is not a clean result."""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.synth import SyntheticPhoto, make_photo


@cache
def face(group: str) -> SyntheticPhoto:
    return make_photo("astronaut", ita_group=group, px_per_mm=7.0, n_distractors=0, seed=3)


def analyse(rgb: np.ndarray, photo: SyntheticPhoto) -> dict:
    return analyze_photo(np.ascontiguousarray(rgb), mm_per_pixel=photo.mm_per_pixel)


@pytest.mark.parametrize("group", ["light", "dark"])
def test_unmodified_face_is_reliable(group: str) -> None:
    photo = face(group)
    result = analyse(photo.rgb, photo)
    assert result["quality"] == []
    assert result["counts_reliable"] is True
    assert result["counts"]["milia_like"] > 0
    measures = result["quality_measures"]
    assert {"px_per_mm", "bright_level", "clipped_share", "fine_detail", "noise_l"} <= set(measures)


@pytest.mark.parametrize("group", ["light", "dark"])
def test_blurred_photo_is_flagged_not_clean(group: str) -> None:
    photo = face(group)
    blurred = cv2.GaussianBlur(photo.rgb, (0, 0), 0.6 / photo.mm_per_pixel)
    result = analyse(blurred, photo)
    assert "blurred" in result["quality"]
    assert result["counts_reliable"] is False
    assert any("does not mean there are none" in d for d in result["quality_details"])


def test_underexposed_photo_is_too_dark() -> None:
    photo = face("light")
    result = analyse((photo.rgb * 0.4).astype(np.uint8), photo)
    assert "too dark" in result["quality"] and result["counts_reliable"] is False


@pytest.mark.parametrize("gain", [1.2, 1.6])
def test_overexposed_photo_is_too_bright(gain: float) -> None:
    # Milia clip before the skin does: x1.2 clips a sixth of the skin and finds 1 of 12 (QA F4-41).
    photo = face("light")
    over = np.clip(photo.rgb.astype(np.float32) * gain, 0, 255).astype(np.uint8)
    result = analyse(over, photo)
    assert "too bright" in result["quality"] and result["counts_reliable"] is False


def test_grainy_photo_is_too_noisy() -> None:
    photo = face("light")
    noise = np.random.default_rng(0).normal(0.0, 30.0, photo.rgb.shape)
    result = analyse(np.clip(photo.rgb + noise, 0, 255).astype(np.uint8), photo)
    assert "too noisy" in result["quality"] and result["counts_reliable"] is False


def test_distant_photo_is_too_small() -> None:
    photo = face("light")
    h, w = photo.rgb.shape[:2]
    small = cv2.resize(photo.rgb, (w // 4, h // 4), interpolation=cv2.INTER_AREA)
    result = analyze_photo(small, mm_per_pixel=photo.mm_per_pixel * 4)
    assert "too small" in result["quality"] and result["counts_reliable"] is False
    assert result["lesions"] == []


def test_palette_copy_is_posterized() -> None:
    # A GIF or palette PNG (Pillow's default: the web palette, dithered); colour steps and
    # dithering look like spots.
    from PIL import Image

    photo = face("light")
    palette = Image.fromarray(photo.rgb).convert("P")
    result = analyse(np.asarray(palette.convert("RGB")), photo)
    assert "posterized" in result["quality"] and result["counts_reliable"] is False
    assert result["quality_measures"]["skin_colours"] < 64


def test_second_face_is_said_not_searched() -> None:
    # QA F4-52: a parent holding a baby; only the face found is searched, and that is said.
    photo = face("light")
    single = analyse(photo.rgb, photo)
    assert "other skin not searched" not in single["quality"]
    two = np.ascontiguousarray(np.concatenate([photo.rgb, photo.rgb], axis=1))
    result = analyse(two, photo)
    assert "other skin not searched" in result["quality"]
    # Both faces are searched since photo-1.5: the note no longer says "Only the face
    # found was searched" (QA F4-61), only that other skin may not have been.
    assert any("Skin apart from the 2 faces found" in d for d in result["quality_details"])
    assert not any("Only the face found was searched" in d for d in result["quality_details"])
    assert result["counts_reliable"] is True  # the face searched is counted as before


def _very_dark_skin(photo: SyntheticPhoto, gain: float) -> np.ndarray:
    """The photo with its skin (synth's own skin weight) darkened by ``gain`` in linear light."""
    from milia.imaging.synth import _lab, _soft_skin

    weight = _soft_skin(_lab(photo.rgb), 1.0 / photo.mm_per_pixel)[..., None]
    linear = (photo.rgb / 255.0) ** 2.2
    darker = linear * (1.0 - weight * (1.0 - gain))
    return np.clip(darker ** (1 / 2.2) * 255.0 + 0.5, 0, 255).astype(np.uint8)


def test_very_dark_skin_well_exposed_is_not_too_dark() -> None:
    # QA F4-63: skin at L* 17-22 in a well exposed photo was called "too dark" (floor L* 18);
    # the same photo underexposed as a whole still is.
    photo = face("dark")
    dark = _very_dark_skin(photo, 0.2)
    result = analyse(dark, photo)
    assert 15.0 <= result["quality_measures"]["skin_lightness"] < 18.0
    assert "too dark" not in result["quality"]
    assert result["counts_reliable"] is True
    assert result["counts"]["milia_like"] > 0
    under = (dark * 0.4).astype(np.uint8)
    result = analyse(under, photo)
    assert "too dark" in result["quality"] and result["counts_reliable"] is False
