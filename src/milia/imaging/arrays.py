"""Images as numpy arrays: checked and converted to RGB uint8, oriented, decoded.

One rule for every array dtype, stated in the docstring of
:func:`as_rgb_array` and in every error message. :func:`orient` applies an
EXIF orientation to an array and :func:`decode_jpeg` decodes a complete JPEG
straight to an array (the fast path of :meth:`milia.imaging.io.Photo.decode`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from milia.errors import ImageError

__all__ = ["DTYPE_RULE", "as_rgb_array", "decode_jpeg", "orient"]

DTYPE_RULE = (
    "pass uint8 (0-255), uint16 (16-bit, 0-65535), other integers within 0-255 (8-bit) "
    "or 0-65535 (16-bit), or floats in [0, 1]"
)


def as_rgb_array(image: Any) -> NDArray[np.uint8]:
    """Validate an in-memory image and return it as RGB uint8, shape (M, N, 3).

    Shapes: RGB (M, N, 3), RGBA (M, N, 4) (alpha dropped) or grayscale (M, N).
    Values, by dtype:

    - ``uint8``: used as is;
    - ``uint16``: 16-bit, 0-65535, scaled to 0-255 (divided by 257);
    - other integers (``int64``...): 0-255 are 8-bit values; when the maximum
      is above 255 and at most 65535, the array is taken as 16-bit and scaled
      as ``uint16``; negative values or values above 65535 are refused;
    - floats: in [0, 1], without NaN or infinity;
    - anything else (bool, complex, object) is refused.

    Raises
    ------
    ImageError
        Wrong shape, unsupported dtype, NaN, or values out of range; the
        message states the rule above.
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
                f"scale it or {DTYPE_RULE}",
                field="image",
            )
        return np.ascontiguousarray(np.round(arr * 255.0).astype(np.uint8))
    if np.issubdtype(arr.dtype, np.integer) and arr.dtype != np.bool_:
        lo, hi = int(arr.min()), int(arr.max())
        if lo < 0 or hi > 65535:
            raise ImageError(
                f"image array values run from {lo} to {hi}, outside 0-65535; {DTYPE_RULE}",
                field="image",
            )
        if arr.dtype == np.uint16 or hi > 255:
            scaled = (arr.astype(np.float64) / 257.0 + 0.5).astype(np.uint8)
            return np.ascontiguousarray(scaled)
        return np.ascontiguousarray(arr.astype(np.uint8))
    raise ImageError(
        f"image array dtype {arr.dtype} is not supported; {DTYPE_RULE}",
        field="image",
    )


def orient(rgb: NDArray[np.uint8], orientation: int) -> NDArray[np.uint8]:
    """Apply an EXIF orientation (1-8) to an image array, as Pillow's ``exif_transpose``.

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3)
        The image as stored.
    orientation : int
        EXIF tag 0x0112; values other than 2-8 leave the image as it is.

    Returns
    -------
    ndarray, shape (M, N, 3) or (N, M, 3)
        The image as displayed, C-contiguous.
    """
    turned = {
        2: lambda a: a[:, ::-1],
        3: lambda a: a[::-1, ::-1],
        4: lambda a: a[::-1],
        5: lambda a: a.transpose(1, 0, 2),
        6: lambda a: np.rot90(a, -1),
        7: lambda a: np.rot90(a, 2).transpose(1, 0, 2),
        8: lambda a: np.rot90(a, 1),
    }.get(orientation)
    return rgb if turned is None else np.ascontiguousarray(turned(rgb))


def decode_jpeg(
    data: bytes, *, scale: int, size: tuple[int, int], orientation: int
) -> NDArray[np.uint8] | None:
    """Decode a complete YCbCr or gray JPEG with OpenCV's libjpeg-turbo, or return None.

    The same pixels as Pillow's decode (same library), at 1/``scale`` size by
    DCT scaling, about 2.5x faster than Pillow's reduced decode. The caller
    has read the header with Pillow (format, mode, pixel limit).

    Parameters
    ----------
    data : bytes
        The JPEG file.
    scale : {1, 2, 4, 8}
        Reduction factor.
    size : (int, int)
        Width and height, px, the stored image has at this scale (Pillow's
        ``draft`` size); any other result is refused.
    orientation : int
        EXIF orientation to apply (see :func:`orient`).

    Returns
    -------
    ndarray, shape (M, N, 3), uint8, or None
        None when the file does not end with the end-of-image marker
        (truncated, or with data after the picture), or OpenCV cannot decode
        it: Pillow then decodes it with its stricter checks.
    """
    # cv2.IMREAD_REDUCED_GRAYSCALE_2/4/8; the colour bit is added below
    reduced = {1: 0, 2: 16, 4: 32, 8: 64}
    if scale not in reduced or not data.endswith(b"\xff\xd9"):
        return None
    try:
        import cv2

        # libjpeg writes RGB directly when OpenCV can ask for it (4.10+): the
        # same pixels as BGR swapped, without a pass over the image to swap them.
        colour = getattr(cv2, "IMREAD_COLOR_RGB", None)
        flags = reduced[scale] | (colour or cv2.IMREAD_COLOR) | cv2.IMREAD_IGNORE_ORIENTATION
        out = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    except Exception:  # no OpenCV, or cv2.error on a file Pillow may still read
        return None
    if out is None or out.ndim != 3 or out.shape[:2] != (size[1], size[0]):
        return None
    if colour is None:
        out = cv2.cvtColor(out, cv2.COLOR_BGR2RGB, dst=out)
    return orient(np.asarray(out, dtype=np.uint8), orientation)
