"""Turn an uploaded photo into what the diary stores: a metadata-free copy,
its analysis and its overlay, all through the imaging core's public functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, field_validator
from starlette.requests import Request

from milia.config import Settings
from milia.errors import ImageError, PixelLimitError

__all__ = [
    "DATE_HELP",
    "SCALE_HELP",
    "PhotoDateIn",
    "ProcessedPhoto",
    "analyze_upload",
    "given_once",
    "milia_like_count",
    "one_of_each_part",
    "photo_date",
    "process_upload",
    "taken_on_note",
]


_V = TypeVar("_V", float, dt.date)

SCALE_HELP = (
    "Known scale of the photo in mm per pixel (0.0001-10; a phone close-up is about "
    "0.02-0.2), as the CLI's --mm-per-pixel; in the form or the query string. "
    "Without it the scale is estimated from the eyes or the face."
)
DATE_HELP = (
    "The day the photo was taken (YYYY-MM-DD, 1900-01-01 up to tomorrow, as every diary "
    "record); in the form or the query string. Without it, the camera's date in the "
    "photo (EXIF DateTimeOriginal, the date only), else today."
)


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo ready to store: ``image`` has no EXIF/GPS; ``overlay_png`` may be None.

    ``taken_on`` is the day the camera recorded (EXIF DateTimeOriginal, the date only,
    read before the metadata is stripped; QA F11-16), None when the photo has none.
    """

    image: bytes
    media_type: str
    analysis: dict[str, Any]
    overlay_png: bytes | None
    taken_on: dt.date | None = None


class PhotoDateIn(BaseModel):
    """``PATCH /diary/photos/{id}``: the day the photo was taken."""

    model_config = ConfigDict(extra="forbid")
    taken_on: dt.date

    @field_validator("taken_on")
    @classmethod
    def _plausible(cls, value: dt.date) -> dt.date:
        from milia.api.schemas import diary_date

        return diary_date(value, name="taken_on")


_EXIF_IFD = 0x8769  # the Exif sub-IFD
_DATE_TIME_ORIGINAL = 0x9003  # "YYYY:MM:DD HH:MM:SS"


def photo_date(data: bytes) -> dt.date | None:
    """The day a photo was taken, from its EXIF DateTimeOriginal: the date only.

    No time, place or camera is read. A date no diary can hold (before 1900, after
    tomorrow) or one that is not a date counts as none.

    Parameters
    ----------
    data : bytes
        The uploaded file.

    Returns
    -------
    datetime.date or None
        The date, or None when the photo has no readable, plausible one.
    """
    import io

    from PIL import Image

    from milia.api.schemas import diary_date

    try:
        with Image.open(io.BytesIO(data)) as image:
            raw = image.getexif().get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL)
        text = raw.decode("ascii", "replace") if isinstance(raw, bytes) else str(raw or "")
        day = dt.datetime.strptime(text.strip()[:10], "%Y:%m:%d").date()
        return diary_date(day, name="taken_on")
    except Exception:  # any unreadable or implausible date: the upload day instead
        return None


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


def _form_names(request: Request) -> tuple[set[str], set[str]]:
    """``(every form part the route takes, the required ones)``, its dependencies' included."""
    names: set[str] = set()
    required: set[str] = set()
    pending = [getattr(request.scope.get("route"), "dependant", None)]
    while pending:
        current = pending.pop()
        if current is None:
            continue
        for param in current.body_params:
            names.add(str(param.alias))
            if param.field_info.is_required():
                required.add(str(param.alias))
        pending.extend(current.dependencies)
    return names, required


def _refuse_unknown_parts(request: Request, form: Any) -> None:
    """Refuse form parts the route does not take (QA F7-40), as JSON bodies refuse keys.

    A misspelt part (``taken=2026-11-30``, ``mm_per_pixl=0.05``) was dropped silently
    and the photo dated today or measured at an estimated scale. The error carries the
    form, so the API's handler names the closest part the route takes
    (:func:`milia.api.body_errors.misnamed_field`); required parts that are missing are
    reported with it, so a photo sent under another name is matched to ``file``.
    """
    known, required = _form_names(request)
    sent = list(dict.fromkeys(form.keys()))
    unknown = [name for name in sent if name not in known]
    if not known or not unknown:
        return
    takes = ", ".join(sorted(known))
    message = f"not a field of this request (it takes: {takes})"
    errors: list[dict[str, Any]] = [
        {"type": "extra_forbidden", "loc": ("body", name), "input": None, "msg": message}
        for name in unknown
    ]
    errors += [
        {"type": "missing", "loc": ("body", name), "input": None, "msg": "Field required"}
        for name in sorted(required - set(sent))
    ]
    raise RequestValidationError(errors, body=form)


async def one_of_each_part(request: Request) -> None:
    """Refuse a photo upload that repeats its photo or one of its fields, or misnames one.

    A FastAPI dependency of the upload routes: a form's parser keeps the last
    of two ``file`` parts (or two ``mm_per_pixel`` values) and drops the
    others silently, so the photo analysed might not be the one meant; and a
    part the route does not take was dropped silently too.

    Raises
    ------
    ImageError
        If the multipart form has more than one ``file``, ``mm_per_pixel`` or
        ``taken_on``, or the query string more than one ``mm_per_pixel`` or ``taken_on``.
    fastapi.exceptions.RequestValidationError
        ``422`` if the form has a part the route does not take (with the closest name).
    """
    repeats = [
        (len(request.query_params.getlist(name)), name, "query string")
        for name in ("mm_per_pixel", "taken_on")
    ]
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = await request.form()  # parsed once: FastAPI has already read it
        repeats += [(len(form.getlist(name)), name, "form") for name in _SINGLE_PARTS]
        _refuse_unknown_parts(request, form)
    for times, name, where in repeats:
        if times > 1:
            what = "photo" if name == "file" else "value"
            raise ImageError(
                f"the {where} has {times} '{name}' parts; send one {what} per request",
                field=name,
            )


def given_once(field: str, form: _V | None, query: _V | None) -> _V | None:
    """A photo upload's value from the form field or the query string.

    Either place may carry ``field`` (``mm_per_pixel``, ``taken_on``); both may, when
    they agree. Each value's range is checked where it is read.

    Parameters
    ----------
    field : str
        The value's name, for the message.
    form, query : value or None
        The value given in the multipart form and in the query string.

    Returns
    -------
    value or None
        The one given; None when neither is.

    Raises
    ------
    ImageError
        If the form and the query string give different values.
    """
    if form is not None and query is not None and form != query:
        shown = [v.isoformat() if isinstance(v, dt.date) else str(v) for v in (form, query)]
        raise ImageError(
            f"{field} is given twice with different values ({shown[0]} in the form, "
            f"{shown[1]} in the query string); give it once",
            field=field,
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
    """Run the photo analysis on uploaded bytes (nothing is stored).

    Parameters
    ----------
    data : bytes
        The uploaded file.
    settings : Settings
        Its ``max_image_pixels``.
    mm_per_pixel : float, optional
        The photo's scale, mm/px; estimated from the face when None.

    Returns
    -------
    dict
        The photo-analysis contract (:func:`milia.analyze_photo`).

    Raises
    ------
    ImageError
        If the file is empty, unreadable, or has more pixels than the server
        takes (the message says to resize it).
    """
    import milia

    _require_bytes(data)
    try:
        result: dict[str, Any] = milia.analyze_photo(
            data, mm_per_pixel=mm_per_pixel, max_pixels=settings.max_image_pixels
        )
    except PixelLimitError as err:
        raise _pixel_limit_hint(err, settings) from None
    return result


def taken_on_note(camera_day: dt.date | None, day: dt.date) -> str:
    """How an upload without ``taken_on`` was dated, in words (QA F11-16).

    Examples
    --------
    >>> taken_on_note(dt.date(2026, 9, 1), dt.date(2026, 9, 1))
    'dated 2026-09-01 from the photo (the date the camera recorded); change it if wrong'
    >>> taken_on_note(None, dt.date(2026, 12, 7))
    'dated 2026-12-07, the day it was uploaded (the photo has no camera date); change it if wrong'
    """
    if camera_day is not None:
        return (
            f"dated {camera_day.isoformat()} from the photo (the date the camera recorded); "
            "change it if wrong"
        )
    return (
        f"dated {day.isoformat()}, the day it was uploaded (the photo has no camera date); "
        "change it if wrong"
    )


def process_upload(
    data: bytes, settings: Settings, *, mm_per_pixel: float | None = None
) -> ProcessedPhoto:
    """Strip metadata, analyse and draw the overlay of an uploaded photo.

    The analysis reads the uploaded bytes, exactly as ``POST /photos/analyze``
    and :func:`milia.analyze_photo` do, not the stripped JPEG re-encoded for
    storage: a user who checks a photo and then saves it to the diary sees the
    same counts (QA F9-C03: 9 milia-like, then 10 from the re-encoded copy).
    Both are upright (EXIF orientation applied), so the overlay drawn on the
    stored copy fits the analysis.

    Parameters
    ----------
    data, settings, mm_per_pixel
        As for :func:`analyze_upload`.

    Returns
    -------
    ProcessedPhoto
        The stripped JPEG to store, its analysis, the overlay (PNG) and the camera's
        date (:func:`photo_date`).

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
    analysis = analyze_upload(data, settings, mm_per_pixel=mm_per_pixel)
    overlay = render_overlay(stripped, analysis, max_pixels=settings.max_image_pixels)
    return ProcessedPhoto(
        image=stripped, media_type="image/jpeg", analysis=analysis, overlay_png=overlay,
        taken_on=photo_date(data),
    )  # fmt: skip
