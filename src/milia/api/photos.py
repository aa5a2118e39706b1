"""Turn an uploaded photo into what the diary stores: a metadata-free copy,
its analysis and its overlay, all through the imaging core's public functions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from milia.config import Settings
from milia.errors import ImageError, PixelLimitError

__all__ = [
    "SCALE_HELP",
    "ProcessedPhoto",
    "analyze_upload",
    "given_scale",
    "milia_like_count",
    "one_of_each_part",
    "process_upload",
]


SCALE_HELP = (
    "Known scale of the photo in mm per pixel (0.0001-10; a phone close-up is about "
    "0.02-0.2), as the CLI's --mm-per-pixel; in the form or the query string. "
    "Without it the scale is estimated from the eyes or the face."
)


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo ready to store: ``image`` has no EXIF/GPS; ``overlay_png`` may be None."""

    image: bytes
    media_type: str
    analysis: dict[str, Any]
    overlay_png: bytes | None


def milia_like_count(
    analysis: Mapping[str, Any], *, regions: Collection[str]
) -> tuple[int, dict[str, int]] | None:
    """The milia-like findings of a photo analysis, as a diary count.

    The analysis' ``counts.by_region`` counts the findings of both kinds
    (milia-like and inflamed), so the regions are counted here from its
    ``lesions``, keeping only ``kind == "milia_like"``: a diary count is a count
    of milia, never of inflamed spots.

    Parameters
    ----------
    analysis : mapping
        A photo analysis (the photo format: ``lesions`` and ``counts``).
    regions : collection of str
        The regions a diary entry may hold; findings elsewhere count in the
        total only.

    Returns
    -------
    (int, dict) or None
        The total of milia-like findings and their number by region (regions
        with none left out); None if the analysis has no milia-like count.
    """
    counts = analysis.get("counts") or {}
    milia_like = counts.get("milia_like") if isinstance(counts, Mapping) else None
    if not isinstance(milia_like, int) or isinstance(milia_like, bool):
        return None
    by_region: dict[str, int] = {}
    for lesion in analysis.get("lesions") or []:
        if not isinstance(lesion, Mapping) or lesion.get("kind") != "milia_like":
            continue
        region = lesion.get("region")
        if isinstance(region, str) and region in regions:
            by_region[region] = by_region.get(region, 0) + 1
    return max(milia_like, sum(by_region.values())), by_region


def _require_bytes(data: bytes) -> None:
    if not data:
        raise ImageError(
            "the uploaded file is empty; choose a photo (JPEG, PNG or WebP)", field="file"
        )


_SINGLE_PARTS = ("file", "mm_per_pixel", "taken_on")


async def one_of_each_part(request: Request) -> None:
    """Refuse a photo upload that repeats its photo or one of its fields.

    A FastAPI dependency of the upload routes: a form's parser keeps the last
    of two ``file`` parts (or two ``mm_per_pixel`` values) and drops the
    others silently, so the photo analysed might not be the one meant.

    Raises
    ------
    ImageError
        If the multipart form has more than one ``file``, ``mm_per_pixel`` or
        ``taken_on``, or the query string more than one ``mm_per_pixel``.
    """
    repeats = [(len(request.query_params.getlist("mm_per_pixel")), "mm_per_pixel", "query string")]
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = await request.form()  # parsed once: FastAPI has already read it
        repeats += [(len(form.getlist(name)), name, "form") for name in _SINGLE_PARTS]
    for times, name, where in repeats:
        if times > 1:
            what = "photo" if name == "file" else "value"
            raise ImageError(
                f"the {where} has {times} '{name}' parts; send one {what} per request",
                field=name,
            )


def given_scale(form: float | None, query: float | None) -> float | None:
    """The photo's known scale, from the form field or the query string (mm per px).

    Either place may carry ``mm_per_pixel``; both may, when they agree. The
    value's range is checked by the imaging core, as for the CLI's --mm-per-pixel.

    Raises
    ------
    ImageError
        If the form and the query string give different values.
    """
    if form is not None and query is not None and form != query:
        raise ImageError(
            f"mm_per_pixel is given twice with different values ({form} in the form, "
            f"{query} in the query string); give it once",
            field="mm_per_pixel",
        )
    return form if form is not None else query


def _pixel_limit_hint(err: PixelLimitError, settings: Settings) -> PixelLimitError:
    """Say what an HTTP client can do about too many pixels (QA F4-45).

    The core's advice is for Python callers ("raise max_pixels"); a client can
    only resize, and the server's operator sets the limit. Worded from the
    error's fields.
    """
    return err.with_advice(
        f"resize it to at most {settings.max_image_pixels / 1e6:.1f} megapixels "
        "(the server's operator sets the limit: MILIA_MAX_IMAGE_PIXELS)"
    )


def analyze_upload(
    data: bytes, settings: Settings, *, mm_per_pixel: float | None = None
) -> dict[str, Any]:
    """Run the photo analysis on uploaded bytes (nothing is stored)."""
    import milia

    _require_bytes(data)
    try:
        result: dict[str, Any] = milia.analyze_photo(
            data, mm_per_pixel=mm_per_pixel, max_pixels=settings.max_image_pixels
        )
    except PixelLimitError as err:
        raise _pixel_limit_hint(err, settings) from None
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
    try:
        stripped = strip_metadata(data, fmt="JPEG", max_pixels=settings.max_image_pixels)
    except PixelLimitError as err:
        raise _pixel_limit_hint(err, settings) from None
    analysis = analyze_upload(stripped, settings, mm_per_pixel=mm_per_pixel)
    overlay = render_overlay(stripped, analysis, max_pixels=settings.max_image_pixels)
    return ProcessedPhoto(
        image=stripped, media_type="image/jpeg", analysis=analysis, overlay_png=overlay
    )
