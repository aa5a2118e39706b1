"""Writing images: metadata-free copies of photos, and encoded arrays.

Every image milia writes is re-created from its pixels (:func:`encode_rgb`),
so it carries no EXIF (so no GPS), XMP, ICC profile or comment from the
photo it came from.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from milia.errors import ImageError

if TYPE_CHECKING:
    from milia.imaging.io import PhotoSource

__all__ = ["OUTPUT_FORMATS", "encode_rgb", "format_for_path", "strip_metadata"]


def strip_metadata(
    source: PhotoSource,
    *,
    fmt: str = "JPEG",
    max_pixels: int | None = None,
    quality: int = 92,
) -> bytes:
    """Return a copy of a photo re-created from its pixels, with no metadata.

    The orientation is applied first, so the copy displays the same way.
    No EXIF (so no GPS), XMP, ICC profile or comment is carried over.

    Parameters
    ----------
    source : str, Path or bytes
        The photo.
    fmt : {"JPEG", "PNG"}
        Output format.
    max_pixels : int, optional
        Pixel limit, as in :func:`milia.imaging.io.open_photo` (default
        :data:`milia.imaging.io.DEFAULT_MAX_PIXELS`).
    quality : int
        JPEG quality, 1-95.

    Returns
    -------
    bytes
        The encoded copy.
    """
    fmt = fmt.upper()
    if fmt not in ("JPEG", "PNG"):
        raise ImageError(f"fmt must be 'JPEG' or 'PNG', not {fmt!r}", field="fmt")
    from milia.imaging.io import DEFAULT_MAX_PIXELS, open_photo

    limit = DEFAULT_MAX_PIXELS if max_pixels is None else max_pixels
    rgb = open_photo(source, max_pixels=limit).decode()
    return encode_rgb(rgb, fmt=fmt, quality=quality)


#: Output formats milia writes, by file suffix.
OUTPUT_FORMATS: dict[str, str] = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def encode_rgb(rgb: NDArray[np.uint8], *, fmt: str = "PNG", quality: int = 92) -> bytes:
    """Encode an RGB array (M, N, 3) as PNG, JPEG or WebP bytes, with no metadata.

    Raises
    ------
    ImageError
        ``fmt`` is not PNG, JPEG or WEBP.
    """
    fmt = fmt.upper()
    if fmt not in ("PNG", "JPEG", "WEBP"):
        raise ImageError(f"fmt must be 'PNG', 'JPEG' or 'WEBP', not {fmt!r}", field="fmt")
    fresh = Image.fromarray(np.ascontiguousarray(rgb))
    buffer = io.BytesIO()
    if fmt == "PNG":
        fresh.save(buffer, format="PNG", optimize=False)
    else:
        fresh.save(buffer, format=fmt, quality=quality)
    return buffer.getvalue()


def format_for_path(path: str | Path) -> str:
    """The output format a file name asks for: ``.png``, ``.jpg``/``.jpeg`` or ``.webp``.

    Raises
    ------
    ImageError
        Any other suffix (the name would not match its content).
    """
    name = Path(path)
    if name.name in ("", ".", ".."):  # '.', '/', '..': a folder, no file name (QA F4-62)
        raise ImageError(
            f"{str(path)!r} is a folder; give a file name such as out.png",
            field="overlay",
            suggestion=str(name / "out.png"),
        )
    suffix = name.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise ImageError(
            f"cannot write {str(path)!r}: the name must end in .png, .jpg, .jpeg or .webp "
            f"(not {suffix or 'no suffix'!r})",
            field="overlay",
            suggestion=str(name.with_suffix(".png")),
        )
    return OUTPUT_FORMATS[suffix]
