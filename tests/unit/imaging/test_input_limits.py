"""The pixel limit holds for every format before decoding, HEIC included (issue 4: bombs)."""

from __future__ import annotations

import numpy as np
import pytest
from imaging_helpers import encode

from milia.errors import ImageError
from milia.imaging.analyze import analyze_photo
from milia.imaging.io import open_photo


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_pixel_limit_in_every_format(fmt: str) -> None:
    if fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    data = encode(np.zeros((120, 160, 3), np.uint8), fmt)
    with pytest.raises(ImageError, match="megapixels") as info:
        open_photo(data, max_pixels=160 * 120 - 1)
    assert info.value.field == "image"
    with pytest.raises(ImageError, match="megapixels"):
        analyze_photo(data, max_pixels=160 * 120 - 1)
    assert open_photo(data, max_pixels=160 * 120).width == 160
