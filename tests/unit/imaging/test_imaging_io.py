"""Safe loading: formats, orientation, limits, conversions, metadata stripping."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imaging_helpers import encode, exif_with_gps, has_metadata
from PIL import Image, ImageFile, ImageOps

from milia.errors import ImageError
from milia.imaging.analyze import analyze_photo
from milia.imaging.io import (
    TRUNCATED_MESSAGE,
    as_rgb_array,
    open_photo,
    pil_to_rgb,
    strip_metadata,
)


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
    with pytest.raises(ImageError, match=r"image|empty|photo") as info:
        open_photo(data).decode()
    assert info.value.field == "image"


@pytest.mark.parametrize("load_truncated", [False, True], ids=["default", "host-allows"])
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "HEIF"])
@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_file_raises(
    gradient: np.ndarray,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    keep: float,
    load_truncated: bool,
) -> None:
    # Even when the host application told Pillow to load truncated files, milia refuses
    # them rather than analysing a photo whose lower part is missing.
    if fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", load_truncated)
    rng = np.random.default_rng(3)
    big = np.tile(gradient, (4, 4, 1)) + rng.integers(0, 6, (320, 480, 3), dtype=np.uint8)
    data = encode(big, fmt, **({"quality": 95} if fmt == "JPEG" else {}))
    cut = data[: int(len(data) * keep)]
    with pytest.raises(ImageError, match=re.escape(TRUNCATED_MESSAGE)) as info:
        open_photo(cut).decode()
    assert info.value.field == "image"
    with pytest.raises(ImageError, match="truncated"):
        open_photo(cut).decode(min_width=120)  # the reduced JPEG decode too
    assert ImageFile.LOAD_TRUNCATED_IMAGES is load_truncated  # the host's setting restored
    assert open_photo(data).decode().shape == big.shape  # the whole file still decodes


def test_truncated_photo_is_refused_by_the_analysis(
    gradient: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = encode(np.tile(gradient, (4, 4, 1)), "JPEG", quality=95)
    with pytest.raises(ImageError, match="truncated"):
        analyze_photo(data[: len(data) * 3 // 4])


def test_missing_path_folder_and_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="no photo") as info:
        open_photo("/nonexistent/photo.jpg")
    assert info.value.field == "image"
    with pytest.raises(ImageError, match="is a folder, not a photo") as info:
        open_photo(tmp_path)
    assert info.value.field == "image"
    with pytest.raises(ImageError, match="path, bytes") as info:
        open_photo(12345)  # type: ignore[arg-type]
    assert info.value.field == "image"


def test_file_objects_are_read(gradient: np.ndarray, tmp_path: Path) -> None:
    data = encode(gradient, "PNG")
    assert np.array_equal(open_photo(io.BytesIO(data)).decode(), gradient)
    path = tmp_path / "g.png"
    path.write_bytes(data)
    with path.open("rb") as handle:
        assert np.array_equal(open_photo(handle).decode(), gradient)
    with path.open("r", encoding="latin-1") as text, pytest.raises(ImageError, match="'rb'"):
        open_photo(text)  # type: ignore[arg-type]


def test_every_input_kind_gives_the_same_analysis(gradient: np.ndarray) -> None:
    data = encode(gradient, "PNG")
    reference = analyze_photo(gradient, mm_per_pixel=0.1)
    with Image.open(io.BytesIO(data)) as pil:
        inputs = [data, io.BytesIO(data), pil]
        for image in inputs:
            assert analyze_photo(image, mm_per_pixel=0.1) == reference


def test_pil_image_orientation_and_limit(gradient: np.ndarray) -> None:
    data = encode(gradient, "JPEG", quality=95, exif=exif_with_gps(orientation=6))
    with Image.open(io.BytesIO(data)) as pil:
        assert pil_to_rgb(pil).shape == (120, 80, 3)
        with pytest.raises(ImageError, match="megapixels") as info:
            pil_to_rgb(pil, max_pixels=100)
        assert info.value.field == "image"


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


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint32, np.uint64])
def test_integer_arrays_follow_one_rule(dtype: type) -> None:
    eight_bit = np.array([[[0, 128, 255]]], dtype=dtype)
    assert as_rgb_array(eight_bit).tolist() == [[[0, 128, 255]]]
    sixteen_bit = np.array([[[0, 1000, 65535]]], dtype=dtype)
    expected = np.round(np.array([0, 1000, 65535]) / 257).astype(int).tolist()
    assert as_rgb_array(sixteen_bit)[0, 0].tolist() == expected
    with pytest.raises(ImageError, match=r"0-65535.*uint8 \(0-255\)") as info:
        as_rgb_array(np.array([[[0, 0, 70000]]], dtype=dtype))
    assert info.value.field == "image"


def test_uint16_is_always_16_bit_and_bad_dtypes_state_the_rule() -> None:
    assert as_rgb_array(np.full((2, 2, 3), 257 * 200, np.uint16))[0, 0, 0] == 200
    assert as_rgb_array(np.full((2, 2, 3), 255, np.uint16))[0, 0, 0] == 1
    with pytest.raises(ImageError, match=r"0-65535"):
        as_rgb_array(np.full((2, 2, 3), -1, np.int64))
    for bad in (np.ones((2, 2, 3), bool), np.ones((2, 2, 3), complex)):
        with pytest.raises(ImageError, match=r"not supported; pass uint8 \(0-255\)"):
            as_rgb_array(bad)
    with pytest.raises(ImageError, match=r"floats in \[0, 1\]"):
        as_rgb_array(np.full((2, 2, 3), 1.5))


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


@settings(max_examples=60, deadline=None)
@given(
    dtype=st.sampled_from([np.int8, np.int16, np.int32, np.int64, np.uint16, np.uint32]),
    values=st.lists(st.integers(0, 65535), min_size=3, max_size=12),
)
def test_integer_rule_property(dtype: type, values: list[int]) -> None:
    info = np.iinfo(dtype)
    values = [min(v, int(info.max)) for v in values]
    values = values[: len(values) // 3 * 3]
    arr = np.array(values, dtype=dtype).reshape(1, -1, 3)
    out = as_rgb_array(arr)
    assert out.dtype == np.uint8 and out.shape == arr.shape
    if dtype is not np.uint16 and max(values) <= 255:
        assert out.tolist() == arr.tolist()  # 8-bit values unchanged
    else:
        assert np.all(np.abs(out.astype(float) - np.array(values).reshape(1, -1, 3) / 257) <= 0.5)


def _pillow_decode(data: bytes, scale: int = 1) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as img:
        if scale > 1:
            img.draft("RGB", (img.size[0] // scale, img.size[1] // scale))
        return np.asarray(ImageOps.exif_transpose(img.convert("RGB")))


@pytest.mark.parametrize("orientation", range(1, 9))
def test_jpeg_fast_decode_equals_pillow(orientation: int) -> None:
    # JPEGs are decoded by OpenCV's libjpeg-turbo: the same pixels as Pillow's
    # decode, full size and reduced (DCT scaling), in every EXIF orientation.
    rng = np.random.default_rng(orientation)
    stored = rng.integers(0, 256, (96, 160, 3), dtype=np.uint8)
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = encode(stored, "JPEG", quality=90, exif=exif.tobytes())
    photo = open_photo(data)
    assert np.array_equal(photo.decode(), _pillow_decode(data))
    half = photo.decode(min_width=photo.width // 3)  # 1/2 is the smallest scale wide enough
    assert half.shape[1] == photo.width // 2
    assert np.array_equal(half, _pillow_decode(data, scale=2))


def test_jpeg_with_trailer_cmyk_and_gray_decode_as_pillow(gradient: np.ndarray) -> None:
    # A trailer after the picture (as motion photos carry) and CMYK go through
    # Pillow; gray JPEGs through OpenCV; all give Pillow's pixels.
    trailer = encode(gradient, "JPEG", quality=90) + b"MotionPhoto_Data" + bytes(64)
    gray = encode(gradient[:, :, 1], "JPEG", quality=90)
    buffer = io.BytesIO()
    Image.fromarray(gradient).convert("CMYK").save(buffer, format="JPEG", quality=90)
    for data in (trailer, gray, buffer.getvalue()):
        assert np.array_equal(open_photo(data).decode(), _pillow_decode(data))


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_exif_orientation_of_other_formats(gradient: np.ndarray, fmt: str) -> None:
    # Pillow's path (every format but complete JPEGs) orients in place, as displayed.
    data = encode(gradient, fmt, exif=exif_with_gps(orientation=6), lossless=True)
    photo = open_photo(data)
    assert (photo.width, photo.height) == (80, 120)
    assert np.array_equal(photo.decode(), _pillow_decode(data))


def test_gif_is_refused_with_the_formats_to_use(gradient: np.ndarray, tmp_path: Path) -> None:
    # QA F6-05: a GIF of a clear face gave 9 confident "inflamed" findings (dithered palette).
    data = encode(gradient, "GIF")
    with pytest.raises(ImageError, match=r"GIF .* use a JPEG, PNG, WebP or HEIC"):
        open_photo(data)
    with pytest.raises(ImageError, match="GIF"):
        analyze_photo(data)
    path = tmp_path / "face.gif"
    path.write_bytes(data)
    with pytest.raises(ImageError, match="GIF"):
        analyze_photo(path)
