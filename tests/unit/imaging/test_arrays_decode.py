"""decode_jpeg: OpenCV's RGB output and its BGR fallback give the same pixels."""

from __future__ import annotations

import numpy as np
import pytest
from imaging_helpers import encode

from milia.imaging.arrays import decode_jpeg

cv2 = pytest.importorskip("cv2")


@pytest.mark.parametrize("scale", [1, 2, 4, 8])
def test_rgb_decode_equals_bgr_fallback(scale: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without IMREAD_COLOR_RGB (OpenCV < 4.10) the BGR decode is swapped to RGB.
    rng = np.random.default_rng(scale)
    stored = rng.integers(0, 256, (128, 200, 3), dtype=np.uint8)
    stored[:64, :100] = (230, 40, 20)  # a red corner: RGB and BGR differ there
    data = encode(stored, "JPEG", quality=90)
    size = (200 // scale, 128 // scale)
    direct = decode_jpeg(data, scale=scale, size=size, orientation=1)
    assert direct is not None and direct.shape == (128 // scale, 200 // scale, 3)
    assert direct[4, 4, 0] > 180 and direct[4, 4, 2] < 80  # red is channel 0
    if hasattr(cv2, "IMREAD_COLOR_RGB"):
        monkeypatch.delattr(cv2, "IMREAD_COLOR_RGB")
    assert np.array_equal(decode_jpeg(data, scale=scale, size=size, orientation=1), direct)


def test_wrong_size_or_scale_is_refused() -> None:
    data = encode(np.zeros((64, 64, 3), np.uint8), "JPEG", quality=90)
    assert decode_jpeg(data, scale=2, size=(64, 64), orientation=1) is None
    assert decode_jpeg(data, scale=3, size=(21, 21), orientation=1) is None
