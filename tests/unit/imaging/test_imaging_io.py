"""Safe loading: formats, orientation, limits, conversions, metadata stripping."""

from __future__ import annotations

import io

import numpy as np
import pytest
from imaging_helpers import encode, exif_with_gps, has_metadata
from PIL import Image, ImageOps

from milia.errors import ImageError
from milia.imaging.io import as_rgb_array, open_photo, strip_metadata


@pytest.mark.parametrize(("fmt", "tol"), [("PNG", 0), ("JPEG", 12), ("WEBP", 12)])
def test_formats_decode_to_rgb(gradient: np.ndarray, fmt: str, tol: int) -> None:
    kwargs = {"quality": 95} if fmt != "PNG" else {}
    photo = open_photo(encode(gradient, fmt, **kwargs))
    rgb = photo.decode()
    assert rgb.shape == gradient.shape and rgb.dtype == np.uint8
    assert np.abs(rgb.astype(int) - gradient.astype(int))[5:35, 5:55].max() <= tol


def test_heic_round_trip(gradient: np.ndarray) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    data = encode(gradient, "HEIF", quality=95)
    rgb = open_photo(data).decode()
    assert rgb.shape == gradient.shape
    assert np.abs(rgb[20, 30].astype(int) - gradient[20, 30].astype(int)).max() < 20


def test_exif_orientation_is_applied(gradient: np.ndarray) -> None:
    data = encode(gradient, "JPEG", quality=95, exif=exif_with_gps(orientation=6))
    photo = open_photo(data)
    assert (photo.width, photo.height) == (80, 120)  # rotated for display
    rgb = photo.decode()
    assert rgb.shape == (120, 80, 3)
    # Orientation 6: the stored top-left (red) ends up top-right.
    assert rgb[10, 70, 0] > 200 and rgb[10, 70, 2] < 60


def test_pixel_limit_checked_before_decoding() -> None:
    # A 20000 x 20000 1-bit PNG is tiny on disk but 400 MP once decoded.
    big = Image.new("1", (20000, 20000))
    buffer = io.BytesIO()
    big.save(buffer, format="PNG")
    with pytest.raises(ImageError, match=r"megapixels|decompression"):
        open_photo(buffer.getvalue())
    small = encode(np.zeros((100, 100, 3), np.uint8), "PNG")
    with pytest.raises(ImageError, match="megapixels"):
        open_photo(small, max_pixels=5000)


@pytest.mark.parametrize("mode", ["L", "CMYK", "P", "RGBA", "LA", "I;16"])
def test_modes_convert_to_rgb(gradient: np.ndarray, mode: str) -> None:
    img = Image.fromarray(gradient)
    if mode == "I;16":
        arr = (gradient[..., 1].astype(np.uint16) * 257).astype(np.uint16)
        img = Image.fromarray(arr)
        fmt = "PNG"
    else:
        img = img.convert(mode)
        fmt = "JPEG" if mode == "CMYK" else "PNG"
    buffer = io.BytesIO()
    img.save(buffer, format=fmt)
    rgb = open_photo(buffer.getvalue()).decode()
    assert rgb.shape == (80, 120, 3) and rgb.dtype == np.uint8
    if mode == "I;16":  # 16-bit scaled to 8-bit, not clipped
        assert rgb[10, 90, 0] > 240 and rgb[10, 10, 0] < 30


@pytest.mark.parametrize(
    "data",
    [b"", b"hello, not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20],
    ids=["empty", "text", "broken-png"],
)
def test_non_images_raise_clear_error(data: bytes) -> None:
    with pytest.raises(ImageError, match=r"image|empty|photo"):
        open_photo(data).decode()


def test_truncated_jpeg_raises(gradient: np.ndarray) -> None:
    data = encode(np.tile(gradient, (4, 4, 1)), "JPEG", quality=95)
    with pytest.raises(ImageError, match=r"truncated|damaged"):
        open_photo(data[: len(data) // 2]).decode()


def test_missing_path_and_wrong_type() -> None:
    with pytest.raises(ImageError, match="no photo"):
        open_photo("/nonexistent/photo.jpg")
    with pytest.raises(ImageError, match="path, bytes"):
        open_photo(12345)  # type: ignore[arg-type]


def test_as_rgb_array_accepts_and_validates() -> None:
    gray = np.full((4, 5), 7, np.uint8)
    assert as_rgb_array(gray).shape == (4, 5, 3)
    floats = np.full((4, 5, 3), 0.5)
    assert as_rgb_array(floats)[0, 0, 0] == 128
    with pytest.raises(ImageError, match=r"\[0, 1\]"):
        as_rgb_array(np.full((4, 5, 3), 2.0))
    with pytest.raises(ImageError, match="shape"):
        as_rgb_array(np.zeros((4, 5, 2), np.uint8))
    with pytest.raises(ImageError, match="no pixels"):
        as_rgb_array(np.zeros((0, 5, 3), np.uint8))


@pytest.mark.parametrize("out_fmt", ["JPEG", "PNG"])
@pytest.mark.parametrize("in_fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_strip_metadata_removes_exif_and_gps(
    gradient: np.ndarray, in_fmt: str, out_fmt: str
) -> None:
    if in_fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    data = encode(gradient, in_fmt, exif=exif_with_gps(orientation=6))
    assert has_metadata(data), "the test input must carry metadata"
    with Image.open(io.BytesIO(data)) as original:
        displayed = ImageOps.exif_transpose(original).size
    clean = strip_metadata(data, fmt=out_fmt)
    assert not has_metadata(clean)
    with Image.open(io.BytesIO(clean)) as img:
        assert img.size == displayed  # orientation applied before stripping
        assert img.format == out_fmt
