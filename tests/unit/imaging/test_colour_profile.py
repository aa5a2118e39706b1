"""A photo with an embedded ICC profile other than sRGB is read in sRGB (QA: ICC profiles dropped).

The wide-gamut profile is Adobe RGB (1998), written here from its published
primaries and gamma (D50-adapted colorants, as in Adobe's own profile), since
no such profile ships with the installed packages.
"""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest
from imaging_helpers import icc_with_identifier
from PIL import Image, ImageCms

from milia.imaging.analyze import analyze_photo
from milia.imaging.io import open_photo, strip_metadata
from milia.imaging.overlay import render_overlay


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + b"\0" * 4 + _s15(x) + _s15(y) + _s15(z)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (
        b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_)) + ascii_
        + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67
    )  # fmt: skip


def _pad(block: bytes) -> bytes:
    return block + b"\0" * (-len(block) % 4)


def adobe_rgb_icc() -> bytes:
    """An ICC v2 display profile of Adobe RGB (1998): D50 colorants, gamma 563/256."""
    gamma = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, 0x0233)
    tags = [
        (b"desc", _desc("Adobe RGB (1998) test")),
        (b"wtpt", _xyz(0.96420, 1.0, 0.82491)),
        (b"rXYZ", _xyz(0.60974, 0.31111, 0.01947)),
        (b"gXYZ", _xyz(0.20528, 0.62567, 0.06087)),
        (b"bXYZ", _xyz(0.14919, 0.06322, 0.74457)),
        (b"rTRC", gamma),
        (b"gTRC", gamma),
        (b"bTRC", gamma),
        (b"cprt", b"text" + b"\0" * 4 + b"none\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, block in tags:
        table += sig + struct.pack(">II", offset + len(data), len(block))
        data += _pad(block)
    size = offset + len(data)
    header = (
        struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24
        + struct.pack(">I", 0) + _s15(0.9642) + _s15(1.0) + _s15(0.82491) + b"\0" * 48
    )  # fmt: skip
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def _patches() -> np.ndarray:
    """Skin tones, a saturated green and red, grey: 16 x 16 px each."""
    colours = [(224, 172, 150), (141, 85, 36), (60, 200, 70), (200, 40, 40), (128, 128, 128)]
    return np.concatenate([np.full((16, 16, 3), c, np.uint8) for c in colours], axis=1)


def _encode(rgb: np.ndarray, fmt: str, icc: bytes | None) -> bytes:
    buffer = io.BytesIO()
    kwargs: dict[str, object] = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        kwargs["quality"] = 95
    Image.fromarray(rgb).save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def _as_littlecms_says(pixels: np.ndarray, icc: bytes) -> np.ndarray:
    converted = ImageCms.profileToProfile(
        Image.fromarray(pixels),
        ImageCms.ImageCmsProfile(io.BytesIO(icc)),
        ImageCms.createProfile("sRGB"),
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        outputMode="RGB",
    )
    assert converted is not None
    return np.asarray(converted)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_an_adobe_rgb_photo_is_read_in_srgb(fmt: str) -> None:
    icc = adobe_rgb_icc()
    data = _encode(_patches(), fmt, icc)
    stored = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))  # the file's own values
    got = open_photo(data).decode()
    assert np.array_equal(got, _as_littlecms_says(stored, icc))
    # Adobe RGB's values read as sRGB would be too dull: the green is far more saturated.
    assert (
        int(got[8, 40, 1]) - int(stored[8, 40, 1]) > 10
        or int(stored[8, 40, 0]) - int(got[8, 40, 0]) > 20
    )
    assert np.abs(got.astype(int) - stored.astype(int)).max() > 20


def test_an_srgb_tagged_photo_is_unchanged() -> None:
    rgb = _patches()
    for fmt in ("PNG", "JPEG"):
        tagged = open_photo(_encode(rgb, fmt, icc_with_identifier())).decode()
        plain = open_photo(_encode(rgb, fmt, None)).decode()
        assert np.array_equal(tagged, plain)


def test_reduced_decode_and_pil_input_convert_too() -> None:
    icc = adobe_rgb_icc()
    big = np.repeat(np.repeat(_patches(), 8, axis=0), 8, axis=1)  # 128 x 640
    data = _encode(big, "JPEG", icc)
    half = open_photo(data).decode(min_width=300)
    stored_half = np.asarray(Image.open(io.BytesIO(data)).reduce(2).convert("RGB"))
    assert half.shape[1] == 320
    centres = (slice(24, 40), slice(0, 320))  # patch middles (their edges ring in a JPEG)
    want = _as_littlecms_says(stored_half, icc)
    for k in range(5):
        at = (32, 32 + 64 * k)
        assert np.abs(half[at].astype(int) - want[at].astype(int)).max() <= 3, at
    assert np.abs(half[centres].astype(int) - stored_half[centres].astype(int)).max() > 20
    from milia.imaging.io import pil_to_rgb

    with Image.open(io.BytesIO(data)) as img:
        full = pil_to_rgb(img)
    assert np.array_equal(full, open_photo(data).decode())


def test_outputs_of_a_wide_gamut_photo_carry_no_profile() -> None:
    data = _encode(np.repeat(np.repeat(_patches(), 4, axis=0), 4, axis=1), "JPEG", adobe_rgb_icc())
    result = analyze_photo(data)
    for out in (render_overlay(data, result), strip_metadata(data)):
        with Image.open(io.BytesIO(out)) as img:
            assert not img.info.get("icc_profile")
