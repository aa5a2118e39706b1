"""The pixel limit holds for every format before decoding, HEIC included (issue 4: bombs)."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from imaging_helpers import encode
from PIL import Image

from milia.errors import ImageError, PixelLimitError
from milia.imaging.analyze import analyze_photo
from milia.imaging.io import open_photo, pil_to_rgb


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


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height px (its pixel data is a few bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 10))
        + chunk(b"IEND", b"")
    )


def test_pixel_limit_error_has_fields_in_every_input() -> None:
    """Adapters word the advice from pixels and limit, never by matching the message."""
    rgb = np.zeros((120, 160, 3), np.uint8)
    for call in (
        lambda: open_photo(encode(rgb, "PNG"), max_pixels=1000),
        lambda: pil_to_rgb(Image.fromarray(rgb), max_pixels=1000),
        lambda: analyze_photo(rgb, max_pixels=1000),
    ):
        with pytest.raises(PixelLimitError) as info:
            call()
        err = info.value
        assert isinstance(err, ImageError) and err.field == "image"
        assert (err.pixels, err.limit, err.reason) == (160 * 120, 1000, "too_many_pixels")
        record = err.to_dict()
        assert record["error"] == "ImageError" and record["reason"] == "too_many_pixels"
        assert (record["pixels"], record["limit"]) == (19200, 1000)
        advised = err.with_advice("do this")
        assert advised.message.endswith("; do this") and advised.pixels == err.pixels


def test_a_raised_limit_lets_a_photo_beyond_pillows_own_limit_through() -> None:
    """A 200-MP photo allowed by the caller opens (Pillow alone refuses above ~179 MP)
    and, over the caller's limit, is refused with its own count, not a fixed '50 MP'."""
    data = _png_header(20_000, 10_000)
    assert Image.MAX_IMAGE_PIXELS is not None and 2 * Image.MAX_IMAGE_PIXELS < 200_000_000
    photo = open_photo(data, max_pixels=250_000_000)
    assert (photo.width, photo.height) == (20_000, 10_000)
    with pytest.raises(PixelLimitError, match=r"200\.0 megapixels") as info:
        open_photo(data, max_pixels=100_000_000)
    assert (info.value.pixels, info.value.limit) == (200_000_000, 100_000_000)
    with pytest.raises(Image.DecompressionBombError):  # Pillow's own limit is left as it was
        Image.open(io.BytesIO(data))


def test_qa_f9_c01_equal_roundings_say_the_counts_apart() -> None:
    """QA F9-C01: 50,003,840 pixels were "50.0 megapixels, more than the limit of
    50.0". The default stays issue 4's 50 MP (a phone's 8160 x 6144 photo is over it
    and the message names how to raise the limit)."""
    from milia.errors import PixelLimitError
    from milia.imaging.io import DEFAULT_MAX_PIXELS

    assert DEFAULT_MAX_PIXELS == 50_000_000
    message = str(PixelLimitError(pixels=50_003_840, limit=50_000_000))
    assert "50.004 megapixels, more than the limit of 50.000;" in message
    assert "71.0 megapixels, more than the limit of 70.0;" in str(
        PixelLimitError(pixels=71_000_000, limit=70_000_000)
    )
