"""Helpers for the imaging tests: photos with EXIF/GPS, in every format."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    """An EXIF block with an orientation, a camera make and a GPS position."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[GPS_IFD] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    return exif


def encode(rgb: np.ndarray, fmt: str, **kwargs: object) -> bytes:
    """Encode an array with Pillow (metadata passed through kwargs)."""
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def has_metadata(data: bytes) -> bool:
    """Whether an encoded image carries any EXIF tag (GPS included) or XMP."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # pragma: no cover - dev extra installs it
        pass
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        return bool(len(exif)) or bool(exif.get_ifd(GPS_IFD)) or "xmp" in img.info
