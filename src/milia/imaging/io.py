"""Safe photo loading: formats, orientation, pixel limits, metadata stripping.

Every photo enters milia through :func:`open_photo`, which checks the pixel
count from the header *before* decoding (a decompression bomb raises
:class:`~milia.errors.ImageError`), applies the EXIF orientation and converts
grayscale, CMYK, 16-bit, palette and alpha images to 8-bit RGB; a photo
with an embedded ICC profile other than sRGB (Display P3, Adobe RGB) is
converted to sRGB (:mod:`~milia.imaging.colour_profile`).
:func:`strip_metadata` (:mod:`~milia.imaging.encode`, re-exported here)
re-creates an image from its pixels, so that a stored copy carries no EXIF,
GPS, XMP or ICC data from the upload.

HEIC/HEIF photos need the optional ``pillow-heif`` package
(``pip install 'milia[heif]'``).
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from milia.errors import ImageError, PixelLimitError
from milia.imaging.arrays import as_rgb_array, decode_jpeg
from milia.imaging.colour_profile import foreign_profile, to_srgb
from milia.imaging.encode import OUTPUT_FORMATS, encode_rgb, format_for_path, strip_metadata
from milia.imaging.photo_file import PhotoSource, read_photo_file
from milia.imaging.photo_file import read_source as _read_source

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "GIF_MESSAGE",
    "OUTPUT_FORMATS",
    "TRUNCATED_MESSAGE",
    "Photo",
    "PhotoSource",
    "as_rgb_array",
    "check_pixel_count",
    "encode_rgb",
    "format_for_path",
    "open_photo",
    "pil_to_rgb",
    "read_photo_file",
    "strip_metadata",
]

# issue 4: "a pixel limit (default 50 MP)". A phone's "50 MP" photo (8160 x 6144 =
# 50.1 MP) is over it: the message names --max-pixels and MILIA_MAX_IMAGE_PIXELS, and a
# 108 MP JPEG measured 3.4 s and 290 MB with the reduced decode (QA F9-C01)
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

    def _draft(self, img: Image.Image, min_width: int | None) -> int | None:
        """Ask a JPEG's decoder for the reduced size :meth:`decode` takes; its scale, or
        None when no reduced size is asked for."""
        if min_width is None or min_width >= self.width:
            return None
        ratio = min_width / self.width
        stored_w, stored_h = img.size
        size = (int(stored_w * ratio) + 1, int(stored_h * ratio) + 1)
        drafted = img.draft("RGB", size)  # (mode, stored size / scale)
        return 1 if drafted is None else round(stored_w / drafted[1][2])

    def decode_key(self, min_width: int | None) -> tuple[str, int | None]:
        """What :meth:`decode` depends on for ``min_width``: equal keys, equal decodes.

        The format and, for a JPEG, the reduced size asked of its decoder
        (None: not asked); other formats ignore ``min_width``.
        """
        img = _open(self.data, max_pixels=None)
        try:
            return str(img.format), self._draft(img, min_width) if img.format == "JPEG" else None
        finally:
            img.close()

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
            if img.format == "JPEG":
                scale = self._draft(img, min_width) or 1
                if img.mode in ("RGB", "L") and foreign_profile(img) is None:
                    # YCbCr or gray in sRGB; CMYK and other colour spaces go through Pillow
                    fast = decode_jpeg(
                        self.data, scale=scale, size=img.size, orientation=_orientation(img)
                    )
                    if fast is not None:
                        return fast
            with _strict_truncation():
                img.load()
            ImageOps.exif_transpose(img, in_place=True)  # no copy when upright
            return _to_rgb(to_srgb(img))
        except (OSError, SyntaxError, ValueError, EOFError) as err:
            reason = str(err).lower()
            if "truncated" in reason or "end of file" in reason or isinstance(err, EOFError):
                raise ImageError(
                    f"{TRUNCATED_MESSAGE}: the file ends before the picture does; "
                    "copy or send the whole photo again",
                    field="image",
                ) from None
            raise ImageError(
                f"the photo could not be decoded ({err}); the file may be truncated or "
                "damaged: export it again as JPEG or PNG",
                field="image",
            ) from None
        finally:
            img.close()


#: Start of the error message for a photo whose file was cut short.
TRUNCATED_MESSAGE = "image file is truncated; part of the photo is missing"


@contextmanager
def _strict_truncation() -> Iterator[None]:
    """Refuse truncated files even when the host set ``ImageFile.LOAD_TRUNCATED_IMAGES``.

    A truncated photo decodes with its lower part grey: counts and the skin
    model would silently cover only part of it, so milia refuses it (issue 4:
    "a truncated file raises a clear ImageError"). Pillow reads this flag as a
    module global; it is switched off only while milia decodes, and only when a
    host application had switched it on (a no-op otherwise).
    """
    if not ImageFile.LOAD_TRUNCATED_IMAGES:
        yield
        return
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = True


def check_pixel_count(
    width: int, height: int, max_pixels: int | None, *, what: str = "photo"
) -> None:
    """Refuse an image with no pixels, or with more than ``max_pixels`` (None: no limit).

    The one pixel check of every input (files, PIL images, arrays).

    Raises
    ------
    PixelLimitError
        ``width * height > max_pixels``; its fields hold both numbers.
    ImageError
        ``width`` or ``height`` is 0.
    """
    if max_pixels is not None and width * height > max_pixels:
        raise PixelLimitError(pixels=width * height, limit=max_pixels, what=what)
    if width == 0 or height == 0:
        raise ImageError(f"the {what} has no pixels", field="image")


_pillow_limit_lock = threading.Lock()


def _pillow_open(data: bytes) -> Image.Image:
    """``Image.open`` (the header only), with Pillow's own bomb limit lifted if it refuses.

    milia checks the pixel count itself, against the caller's limit, before
    anything is decoded; Pillow's fixed limit (about 179 MP) would otherwise
    refuse a 200-MP phone photo that the caller allowed (``--max-pixels``).
    Pillow reads the limit as a module global: it is lifted only while this
    header is read again, under a lock.
    """
    with warnings.catch_warnings():
        # Pillow's bomb *warning* must not become an exception under strict filters.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data))
        except Image.DecompressionBombError:
            with _pillow_limit_lock:
                saved = Image.MAX_IMAGE_PIXELS
                Image.MAX_IMAGE_PIXELS = None
                try:
                    return Image.open(io.BytesIO(data))
                finally:
                    Image.MAX_IMAGE_PIXELS = saved


def _open(data: bytes, *, max_pixels: int | None) -> Image.Image:
    """Open a photo's header and check its pixel count (``max_pixels`` None: checked before)."""
    if not data:
        raise ImageError(
            "the photo is empty (0 bytes); choose a JPEG, PNG or WebP file", field="image"
        )
    if _is_heif(data) and not _register_heif():
        raise ImageError(
            "this is a HEIC/HEIF photo and pillow-heif is not installed; "
            "install it with pip install 'milia[heif]' or export the photo as JPEG",
            field="image",
        )
    try:
        img = _pillow_open(data)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageError(
            "the file is not a readable image; use a JPEG, PNG, WebP"
            + (" or HEIC" if _register_heif() else "")
            + " photo",
            field="image",
        ) from None
    try:
        check_pixel_count(*img.size, max_pixels)
    except ImageError:
        img.close()
        raise
    return img


def _orientation(img: Image.Image) -> int:
    try:
        return int(img.getexif().get(0x0112, 1))
    except Exception:  # malformed EXIF: treat as upright, as viewers do
        return 1


def _oriented_size(img: Image.Image) -> tuple[int, int]:
    w, h = img.size
    return (h, w) if _orientation(img) in (5, 6, 7, 8) else (w, h)


#: Why a GIF is refused: its palette of at most 256 colours is dithered, and the dither
#: and colour steps look like small spots to the search (a GIF of a clear face gave 9
#: "inflamed" findings).
GIF_MESSAGE = (
    "a GIF holds at most 256 colours, too few to measure skin colour: "
    "use a JPEG, PNG, WebP or HEIC photo (the camera's own file)"
)


def open_photo(
    source: PhotoSource,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Photo:
    """Open a photo and check it, without decoding its pixels.

    Parameters
    ----------
    source : str, Path, bytes or binary file object
        A file path, the encoded file (JPEG, PNG, WebP, HEIC with pillow-heif),
        or an object with a ``read()`` returning those bytes (``io.BytesIO``,
        a file opened with ``"rb"``, ``sys.stdin.buffer``).
    max_pixels : int
        Refuse images with more pixels than this (read from the header).

    Returns
    -------
    Photo

    Raises
    ------
    PixelLimitError
        More pixels than ``max_pixels`` (an :class:`~milia.errors.ImageError`).
    ImageError
        Not an image, empty, a folder, a GIF, or HEIC without pillow-heif.
    """
    data = _read_source(source)
    img = _open(data, max_pixels=max_pixels)
    try:
        width, height = _oriented_size(img)
        fmt = str(img.format or "unknown")
    finally:
        img.close()
    if fmt == "GIF":  # QA F6-05: its dithered 256 colours read as spots
        raise ImageError(GIF_MESSAGE, field="image")
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


def pil_to_rgb(img: Image.Image, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> NDArray[np.uint8]:
    """Convert an in-memory PIL image to RGB uint8 (M, N, 3), EXIF orientation applied.

    Modes are converted as for files (grayscale, 16-bit, CMYK, palette, alpha
    on white).

    Raises
    ------
    PixelLimitError
        More pixels than ``max_pixels``.
    ImageError
        No pixels, or an image Pillow cannot load.
    """
    check_pixel_count(*img.size, max_pixels, what="image")
    try:
        with _strict_truncation():
            img.load()
        return _to_rgb(to_srgb(ImageOps.exif_transpose(img)))
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise ImageError(f"the PIL image could not be loaded ({err})", field="image") from None
