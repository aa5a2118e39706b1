"""imaging.encode: metadata-free encoding, output formats (also re-exported by imaging.io)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import milia.imaging.io as mio
from milia.errors import ImageError
from milia.imaging.encode import encode_rgb, format_for_path, strip_metadata


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_encode_rgb_round_trips_size_without_exif(fmt: str) -> None:
    rgb = np.zeros((20, 30, 3), np.uint8)
    rgb[:, 15:] = 200
    with Image.open(io.BytesIO(encode_rgb(rgb, fmt=fmt))) as img:
        assert img.size == (30, 20) and img.format == fmt
        assert not img.getexif()


def test_format_for_path_and_refusals() -> None:
    assert format_for_path("a/b.JPEG") == "JPEG" and format_for_path("x.png") == "PNG"
    with pytest.raises(ImageError):
        format_for_path("out.tiff")
    with pytest.raises(ImageError):
        encode_rgb(np.zeros((2, 2, 3), np.uint8), fmt="GIF")


@pytest.mark.parametrize(
    ("name", "suggestion"), [(".", "out.png"), ("/", "/out.png"), ("..", "../out.png")]
)
def test_format_for_path_refuses_a_folder_name_with_a_file_suggestion(
    name: str, suggestion: str
) -> None:
    # QA F4-62: Path('.').with_suffix raised ValueError; '..' suggested '...png'.
    with pytest.raises(ImageError, match="is a folder") as info:
        format_for_path(name)
    assert info.value.field == "overlay" and info.value.suggestion == suggestion


def test_strip_metadata_keeps_the_pixel_limit() -> None:
    data = encode_rgb(np.full((40, 40, 3), 90, np.uint8), fmt="PNG")
    with pytest.raises(ImageError):
        strip_metadata(data, max_pixels=100)
    assert strip_metadata(data, fmt="PNG").startswith(b"\x89PNG")


def test_io_re_exports_the_same_functions() -> None:
    assert mio.strip_metadata is strip_metadata and mio.encode_rgb is encode_rgb
