"""No output image carries EXIF, GPS, XMP, an ICC profile or text from its input (brief point 6).

Each input carries every kind its format holds, planted with identifiers
(camera make, a person, a place, a device named in the ICC profile); the same
detector that finds them in the input must find none in any output: the
overlay in every output format, the metadata-free copy (JPEG, PNG) and what
the diary stores (:func:`milia.api.photos.process_upload`).
"""

from __future__ import annotations

import numpy as np
import pytest
from imaging_helpers import IDENTIFIERS, encode_with_everything, metadata_kinds

from milia.imaging.analyze import analyze_photo
from milia.imaging.io import strip_metadata
from milia.imaging.overlay import render_overlay

#: What each input format carries here (HEIF holds no comment or text chunk).
PLANTED = {
    "JPEG": {"exif", "gps", "xmp", "icc", "comment"},
    "PNG": {"exif", "gps", "xmp", "icc", "text"},
    "WEBP": {"exif", "gps", "xmp", "icc"},
    "HEIF": {"exif", "gps", "xmp", "icc"},
}


def _photo(fmt: str) -> bytes:
    if fmt == "HEIF":
        pytest.importorskip("pillow_heif").register_heif_opener()
    rgb = np.random.default_rng(3).integers(60, 200, (120, 160, 3), dtype=np.uint8)
    data = encode_with_everything(rgb, fmt)
    assert metadata_kinds(data) >= PLANTED[fmt]  # the detector sees each kind
    return data


def _clean(output: bytes) -> None:
    assert metadata_kinds(output) == set()
    for identifier in IDENTIFIERS:
        assert identifier not in output


@pytest.mark.parametrize("fmt", sorted(PLANTED))
def test_overlays_and_copies_carry_nothing_from_the_input(fmt: str) -> None:
    data = _photo(fmt)
    analysis = analyze_photo(data, mm_per_pixel=0.1)
    for out_fmt in ("PNG", "JPEG", "WEBP"):
        _clean(render_overlay(data, analysis, fmt=out_fmt))
    for copy_fmt in ("JPEG", "PNG"):
        _clean(strip_metadata(data, fmt=copy_fmt))


@pytest.mark.parametrize("fmt", sorted(PLANTED))
def test_what_the_diary_stores_carries_nothing_from_the_upload(fmt: str) -> None:
    pytest.importorskip("fastapi")
    from milia.api.photos import process_upload
    from milia.config import Settings

    processed = process_upload(_photo(fmt), Settings())
    _clean(processed.image)
    assert processed.overlay_png is not None
    _clean(processed.overlay_png)
