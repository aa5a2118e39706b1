"""Safe photo loading: formats, orientation, pixel limits, metadata stripping.

Every photo enters milia through :func:`open_photo`, which checks the pixel
count from the header *before* decoding (a decompression bomb raises
:class:`~milia.errors.ImageError`), applies the EXIF orientation and converts
grayscale, CMYK, 16-bit, palette and alpha images to 8-bit RGB.
:func:`strip_metadata` re-creates an image from its pixels, so that a stored
copy carries no EXIF, GPS, XMP or ICC data from the upload.

HEIC/HEIF photos need the optional ``pillow-heif`` package
(``pip install 'milia[heif]'``).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from milia.errors import ImageError

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "Photo",
    "as_rgb_array",
    "open_photo",
    "strip_metadata",
]

DEFAULT_MAX_PIXELS = 50_000_000

_HEIF_MAGIC = (b"ftypheic", b"ftypheix", b"ftypheif", b"ftypmif1", b"ftypmsf1", b"ftyphevc")
_heif_state: dict[str, bool] = {}


def _register_heif() -> bool:
    """Register pillow-heif's opener once; return whether HEIF can be read."""
    if "ok" not in _heif_state:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
            _heif_state["ok"] = True
        except ImportError:
            _heif_state["ok"] = False
    return _heif_state["ok"]


def _is_heif(head: bytes) -> bool:
    return any(magic in head[:32] for magic in _HEIF_MAGIC)


@dataclass
class Photo:
    """An opened, not yet decoded, photo.

    Attributes
    ----------
    data : bytes
        The encoded file.
    width, height : int
        Size in px of the image as displayed (after the EXIF orientation).
    format : str
        Pillow's format name (``"JPEG"``, ``"PNG"``, ``"WEBP"``, ``"HEIF"``...).
    """

    data: bytes
    width: int
    height: int
    format: str

    def decode(self, *, min_width: int | None = None) -> NDArray[np.uint8]:
        """Decode to an RGB array of shape (M, N, 3), uint8, orientation applied.

        Parameters
        ----------
        min_width : int, optional
            When given, a JPEG may be decoded at a reduced size (1/2, 1/4 or
            1/8, via libjpeg's DCT scaling) that is still at least this many
            px wide (as displayed). Much faster for large photos.
        """
        img = _open(self.data, max_pixels=None)
        try:
            if min_width is not None and img.format == "JPEG" and min_width < self.width:
                ratio = min_width / self.width
                stored_w, stored_h = img.size
                img.draft("RGB", (int(stored_w * ratio) + 1, int(stored_h * ratio) + 1))
            img = ImageOps.exif_transpose(img)
            return _to_rgb(img)
        except (OSError, SyntaxError, ValueError) as err:
            raise ImageError(
                f"the photo could not be decoded ({err}); the file may be truncated or "
                "damaged: export it again as JPEG or PNG"
            ) from None
        finally:
            img.close()


def _read_source(source: str | Path | bytes | bytearray | memoryview) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise ImageError(
                f"no photo at {str(path)!r}; check the path", field="image", suggestion=None
            )
        return path.read_bytes()
    raise ImageError(
        f"image must be a path, bytes or an RGB numpy array, not {type(source).__name__}",
        field="image",
    )


def _open(data: bytes, *, max_pixels: int | None) -> Image.Image:
    if not data:
        raise ImageError("the photo is empty (0 bytes); choose a JPEG, PNG or WebP file")
    if _is_heif(data) and not _register_heif():
        raise ImageError(
            "this is a HEIC/HEIF photo and pillow-heif is not installed; "
            "install it with pip install 'milia[heif]' or export the photo as JPEG",
            field="image",
        )
    try:
        with warnings.catch_warnings():
            # Our own limit is checked below; Pillow's bomb *warning* must not become
            # an exception under strict warning filters, its *error* still protects us.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageError(
            "the photo has far too many pixels (a decompression bomb?); "
            "resize it below 50 megapixels",
            field="image",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageError(
            "the file is not a readable image; use a JPEG, PNG, WebP"
            + (" or HEIC" if _register_heif() else "")
            + " photo",
            field="image",
        ) from None
    if max_pixels is not None:
        w, h = img.size
        if w * h > max_pixels:
            img.close()
            raise ImageError(
                f"the photo has {w * h / 1e6:.1f} megapixels, more than the limit of "
                f"{max_pixels / 1e6:.1f}; resize it or raise max_pixels",
                field="image",
            )
        if w == 0 or h == 0:
            raise ImageError("the photo has no pixels", field="image")
    return img


def _oriented_size(img: Image.Image) -> tuple[int, int]:
    w, h = img.size
    try:
        orientation = img.getexif().get(0x0112, 1)
    except Exception:  # malformed EXIF: treat as upright, as viewers do
        orientation = 1
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def open_photo(
    source: str | Path | bytes | bytearray | memoryview,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Photo:
    """Open a photo and check it, without decoding its pixels.

    Parameters
    ----------
    source : str, Path or bytes
        A file path or the encoded file (JPEG, PNG, WebP, HEIC with pillow-heif).
    max_pixels : int
        Refuse images with more pixels than this (read from the header).

    Returns
    -------
    Photo

    Raises
    ------
    ImageError
        Not an image, empty, HEIC without pillow-heif, or too many pixels.
    """
    data = _read_source(source)
    img = _open(data, max_pixels=max_pixels)
    try:
        width, height = _oriented_size(img)
        fmt = str(img.format or "unknown")
    finally:
        img.close()
    return Photo(data=data, width=width, height=height, format=fmt)


def _to_rgb(img: Image.Image) -> NDArray[np.uint8]:
    img.load()
    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        top = 65535.0 if (mode.startswith("I;16") or arr.max() > 255) else 255.0
        gray = np.clip(arr / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
        return np.repeat(gray[:, :, None], 3, axis=2)
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        # Composite on white: a transparent background is not skin.
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(background, rgba)
    if img.mode != "RGB":
        img = img.convert("RGB")
    return np.array(img, dtype=np.uint8)


def as_rgb_array(image: Any) -> NDArray[np.uint8]:
    """Validate an in-memory image and return it as RGB uint8, shape (M, N, 3).

    Accepts uint8 RGB (M, N, 3), RGBA (M, N, 4) (alpha dropped), grayscale
    (M, N), and floats in [0, 1].

    Raises
    ------
    ImageError
        Wrong shape, wrong dtype, NaN, or values out of range.
    """
    arr = np.asarray(image)
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4):
        raise ImageError(
            f"image array must have shape (M, N, 3) (RGB) or (M, N); got {arr.shape}",
            field="image",
        )
    arr = arr[:, :, :3]
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ImageError("image array has no pixels", field="image")
    if arr.dtype == np.uint8:
        return np.ascontiguousarray(arr)
    if np.issubdtype(arr.dtype, np.floating):
        if not np.all(np.isfinite(arr)) or arr.min() < 0.0 or arr.max() > 1.0:
            raise ImageError(
                "a float image array must hold values in [0, 1] without NaN; "
                "scale it or pass uint8",
                field="image",
            )
        return np.ascontiguousarray(np.round(arr * 255.0).astype(np.uint8))
    if np.issubdtype(arr.dtype, np.integer) and arr.min() >= 0 and arr.max() <= 255:
        return np.ascontiguousarray(arr.astype(np.uint8))
    raise ImageError(
        f"image array dtype {arr.dtype} is not supported; pass uint8 in 0-255 or float in [0, 1]",
        field="image",
    )


def strip_metadata(
    source: str | Path | bytes | bytearray | memoryview,
    *,
    fmt: str = "JPEG",
    max_pixels: int = DEFAULT_MAX_PIXELS,
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
    max_pixels : int
        Pixel limit, as in :func:`open_photo`.
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
    rgb = open_photo(source, max_pixels=max_pixels).decode()
    return encode_rgb(rgb, fmt=fmt, quality=quality)


def encode_rgb(rgb: NDArray[np.uint8], *, fmt: str = "PNG", quality: int = 92) -> bytes:
    """Encode an RGB array (M, N, 3) as PNG or JPEG bytes, with no metadata."""
    fresh = Image.fromarray(np.ascontiguousarray(rgb))
    buffer = io.BytesIO()
    if fmt.upper() == "JPEG":
        fresh.save(buffer, format="JPEG", quality=quality)
    else:
        fresh.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
