"""Colours of a photo that carries an ICC profile, converted to sRGB.

Phones save photos in wider colour spaces than sRGB (Display P3 on iPhones,
Adobe RGB on some cameras) and say so by an embedded ICC profile. The skin
model, the CIELAB features and the ITA are computed as if the pixels were
sRGB, so such a photo's pixels are converted to sRGB first (LittleCMS through
Pillow's ``ImageCms``, relative colorimetric: colours inside sRGB keep their
measured values, those outside are clipped). A profile that is sRGB already
(its description names sRGB, as phones' and cameras' sRGB profiles do) is
left alone, so the common case keeps the fast decode; an unreadable profile is
ignored (the pixels are taken as sRGB, as before).
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from PIL import Image

__all__ = ["foreign_profile", "to_srgb"]


@cache
def _srgb() -> Any:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _profile(icc: bytes) -> Any | None:
    """The ICC profile ``icc`` as Pillow's profile object, or None when it cannot be read."""
    from PIL import ImageCms

    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def foreign_profile(img: Image.Image) -> Any | None:
    """The image's embedded ICC profile when it is readable and not sRGB, else None."""
    from PIL import ImageCms

    icc = img.info.get("icc_profile")
    if not icc or not isinstance(icc, bytes):
        return None
    profile = _profile(icc)
    if profile is None:
        return None
    try:
        description = ImageCms.getProfileDescription(profile)
    except ImageCms.PyCMSError:
        description = ""
    if "srgb" in description.lower().replace(" ", ""):
        return None
    return profile


def to_srgb(img: Image.Image) -> Image.Image:
    """``img`` with its pixels converted from its embedded ICC profile to sRGB (RGB mode).

    Returns ``img`` itself when it has no profile, an sRGB one, or one that
    does not fit its mode (e.g. an RGB profile on a CMYK image) or cannot be
    applied.
    """
    from PIL import ImageCms

    if img.mode not in ("RGB", "CMYK"):
        return img  # gray stays gray; alpha and 16-bit are converted as before
    profile = foreign_profile(img)
    if profile is None:
        return img
    try:
        converted = ImageCms.profileToProfile(
            img,
            profile,
            _srgb(),
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            outputMode="RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img
    assert converted is not None  # not in place
    converted.info.pop("icc_profile", None)
    return converted
