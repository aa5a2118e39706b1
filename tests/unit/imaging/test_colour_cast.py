"""A strong colour cast makes the counts unreliable (QA F7-33), on no benchmark skin tone."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import milia
from milia.imaging.synth import ITA_GROUPS, make_photo


def _photo_bytes(rgb: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="PNG")
    return buffer.getvalue()


def _tinted(photo: bytes, gains: tuple[float, float, float]) -> bytes:
    with Image.open(io.BytesIO(photo)) as image:
        rgb = np.asarray(image.convert("RGB"), dtype=np.float64)
    return _photo_bytes(np.clip(rgb * np.array(gains), 0, 255).astype(np.uint8))


@pytest.mark.parametrize("group", ITA_GROUPS)
def test_no_benchmark_skin_tone_is_called_a_colour_cast(group: str) -> None:
    photo = make_photo("astronaut", ita_group=group, seed=3)
    result = milia.analyze_photo(photo.jpeg)
    assert "colour cast" not in result["quality"]
    low, high = 32.0, 72.0
    assert low < result["quality_measures"]["skin_hue"] < high


def test_a_bluish_cast_is_said_and_makes_the_counts_unreliable() -> None:
    photo = make_photo("astronaut", ita_group="light", seed=3)
    plain = milia.analyze_photo(photo.jpeg)
    assert plain["counts_reliable"]
    # a shade or LED cast (QA's stronger one, 0.75/0.90/1.25, leaves no skin found here)
    blue = milia.analyze_photo(_tinted(photo.jpeg, (0.85, 0.95, 1.15)))
    assert "colour cast" in blue["quality"]
    assert not blue["counts_reliable"]
    assert any("colour cast" in text for text in blue["quality_details"])


def _lamp_lit(photo: bytes, gains: tuple[float, float, float]) -> bytes:
    """The photo under another light: von Kries gains on linear RGB (sRGB decoded)."""
    with Image.open(io.BytesIO(photo)) as image:
        srgb = np.asarray(image.convert("RGB"), dtype=np.float64) / 255.0
    linear = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    lit = np.clip(linear * np.array(gains), 0.0, 1.0)
    out = np.where(lit <= 0.0031308, 12.92 * lit, 1.055 * lit ** (1 / 2.4) - 0.055)
    return _photo_bytes((out * 255.0 + 0.5).astype(np.uint8))


@pytest.mark.parametrize(
    ("background", "group"), [("astronaut", "light"), ("grace_hopper", "intermediate")]
)
def test_a_warm_lamp_cast_is_said_though_the_skin_hue_stays_in_range(
    background: str, group: str
) -> None:
    """A tungsten-like cast: hue 56-57 (inside 32-72) but the skin far yellower for its L*."""
    photo = make_photo(background, ita_group=group, seed=1)
    plain = milia.analyze_photo(photo.jpeg, mm_per_pixel=photo.mm_per_pixel)
    assert "colour cast" not in plain["quality"]
    warm = milia.analyze_photo(
        _lamp_lit(photo.jpeg, (1.2, 1.0, 0.72)), mm_per_pixel=photo.mm_per_pixel
    )
    assert 32.0 < warm["quality_measures"]["skin_hue"] < 72.0
    assert "colour cast" in warm["quality"]
    assert not warm["counts_reliable"]
    detail = next(text for text in warm["quality_details"] if "colour cast" in text)
    assert "may miss milia" in detail and "lamp" in detail


def test_dark_skin_under_the_same_lamp_is_not_called_a_cast() -> None:
    """Dark skin under that light lost none of its milia: its b* stays in daylight skin's range."""
    photo = make_photo("astronaut", ita_group="dark", seed=1)
    warm = milia.analyze_photo(
        _lamp_lit(photo.jpeg, (1.2, 1.0, 0.72)), mm_per_pixel=photo.mm_per_pixel
    )
    assert "colour cast" not in warm["quality"]


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        (15.0, 8.0, "bluish or pinkish"),  # hue 28: a shade or LED cast
        (2.0, 20.0, "yellow or greenish"),  # hue 84
        (10.0, 28.0, "orange, as under indoor lamp light"),  # hue 70, b* over 26 at L* 60
    ],
)
def test_colour_cast_names_the_tint_it_measured(a: float, b: float, words: str) -> None:
    from milia.imaging.colour_cast import colour_cast
    from milia.imaging.quality import LIMITS

    hue, detail = colour_cast(a, b, hue_range=LIMITS.skin_hue_deg, max_b=LIMITS.max_skin_b(60.0))
    assert detail is not None and words in detail
    assert "colours were not corrected" in detail
    assert hue == pytest.approx(np.degrees(np.arctan2(b, a)))


def test_daylight_skin_of_every_benchmark_tone_is_no_cast() -> None:
    from milia.imaging.colour_cast import colour_cast
    from milia.imaging.quality import LIMITS

    # (L*, a*, b*) of daylight skin from very light to dark (hue 44-57, b* <= 20).
    for lightness, a, b in ((75.0, 9.0, 12.0), (58.0, 12.0, 17.0), (35.0, 10.0, 15.0)):
        _, detail = colour_cast(
            a, b, hue_range=LIMITS.skin_hue_deg, max_b=LIMITS.max_skin_b(lightness)
        )
        assert detail is None
