"""is_achromatic: a dark colour photo still has colour; a grayscale one has none (QA F11-12)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from skimage import data

from milia.imaging.skin import is_achromatic, rgb_to_lab


@pytest.mark.parametrize("brightness", [1.0, 0.3, 0.15, 0.1, 0.05])
def test_a_colour_photo_is_not_grayscale_however_dark(brightness: float) -> None:
    rgb = (data.astronaut() * brightness).astype(np.uint8)
    assert not is_achromatic(rgb_to_lab(rgb))  # at 0.15 and under: 'grayscale' up to photo-1.14


@pytest.mark.parametrize("brightness", [1.0, 0.15, 0.05])
def test_a_grayscale_photo_is_grayscale_however_dark(brightness: float) -> None:
    gray = np.asarray(Image.fromarray(data.astronaut()).convert("L").convert("RGB"))
    assert is_achromatic(rgb_to_lab((gray * brightness).astype(np.uint8)))


@pytest.mark.parametrize("white_share", [0.5, 0.8])
def test_a_colour_photo_with_transparent_areas_is_not_grayscale(white_share: float) -> None:
    # QA F12-15: a colour PNG whose left half is transparent is composited on white
    rgb = data.astronaut().copy()
    rgb[:, : int(rgb.shape[1] * white_share)] = 255
    assert not is_achromatic(rgb_to_lab(rgb))


def test_a_grayscale_photo_with_white_areas_is_still_grayscale() -> None:
    gray = np.asarray(Image.fromarray(data.astronaut()).convert("L").convert("RGB")).copy()
    gray[:, : gray.shape[1] // 2] = 255
    assert is_achromatic(rgb_to_lab(gray))


def test_an_all_white_image_is_not_called_grayscale() -> None:
    assert not is_achromatic(rgb_to_lab(np.full((64, 64, 3), 255, np.uint8)))
