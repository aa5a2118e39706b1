"""Turn an uploaded photo into what the diary stores: a metadata-free copy,
its analysis and its overlay, all through the imaging core's public functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from milia.config import Settings
from milia.errors import ImageError

__all__ = ["ProcessedPhoto", "analyze_upload", "process_upload"]


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo ready to store: ``image`` has no EXIF/GPS; ``overlay_png`` may be None."""

    image: bytes
    media_type: str
    analysis: dict[str, Any]
    overlay_png: bytes | None


def _require_bytes(data: bytes) -> None:
    if not data:
        raise ImageError(
            "the uploaded file is empty; choose a photo (JPEG, PNG or WebP)", field="file"
        )


def analyze_upload(
    data: bytes, settings: Settings, *, mm_per_pixel: float | None = None
) -> dict[str, Any]:
    """Run the photo analysis on uploaded bytes (nothing is stored)."""
    import milia

    _require_bytes(data)
    result: dict[str, Any] = milia.analyze_photo(
        data, mm_per_pixel=mm_per_pixel, max_pixels=settings.max_image_pixels
    )
    return result


def process_upload(
    data: bytes, settings: Settings, *, mm_per_pixel: float | None = None
) -> ProcessedPhoto:
    """Strip metadata, analyse and draw the overlay of an uploaded photo.

    Raises
    ------
    ImageError
        If the upload is not a readable photo or has too many pixels.
    """
    from milia.imaging.io import strip_metadata
    from milia.imaging.overlay import render_overlay

    _require_bytes(data)
    stripped = strip_metadata(data, fmt="JPEG", max_pixels=settings.max_image_pixels)
    analysis = analyze_upload(stripped, settings, mm_per_pixel=mm_per_pixel)
    overlay = render_overlay(stripped, analysis, max_pixels=settings.max_image_pixels)
    return ProcessedPhoto(
        image=stripped, media_type="image/jpeg", analysis=analysis, overlay_png=overlay
    )
