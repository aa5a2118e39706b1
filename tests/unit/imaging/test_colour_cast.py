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
