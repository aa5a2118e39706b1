"""No output image (overlay, stripped copy) carries EXIF or GPS from its input."""

from __future__ import annotations

import numpy as np
import pytest
from imaging_helpers import encode, exif_with_gps, has_metadata

from milia.imaging.analyze import analyze_photo
from milia.imaging.io import strip_metadata
from milia.imaging.overlay import render_overlay


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_outputs_carry_no_metadata(gradient: np.ndarray, fmt: str) -> None:
    if fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    data = encode(np.tile(gradient, (3, 3, 1)), fmt, exif=exif_with_gps())
    assert has_metadata(data)
    analysis = analyze_photo(data, mm_per_pixel=0.1)
    overlay = render_overlay(data, analysis)
    assert overlay[:8] == b"\x89PNG\r\n\x1a\n"
    assert not has_metadata(overlay)
    assert not has_metadata(strip_metadata(data))
    assert b"PhoneMaker" not in overlay and b"PhoneMaker" not in strip_metadata(data, fmt="PNG")
