"""The photo being analysed, decoded at (about) the sizes the analysis asks for.

Every input, a file or an array, takes the same steps (docs/photo.md, "Files
and arrays"): a first copy shrunk by a whole factor (a JPEG's reduced decode,
or the area mean), then resized, a copy up to a given factor larger than asked
being used as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from milia.errors import ImageError
from milia.imaging.background import submit
from milia.imaging.io import Photo, as_rgb_array, check_pixel_count, open_photo, pil_to_rgb

__all__ = [
    "ALIGN_WINDOW_PX",
    "FULL_DECODE_BELOW_PX",
    "MAX_REGION_SHARE",
    "Box",
    "Source",
    "reduced",
    "resize",
    "resize_region",
]

#: A region: first row, row after the last, first column, column after the last, px.
Box = tuple[int, int, int, int]
#: How far (output px) the start of an exact region may move back so that it starts
#: on (nearly) the same sub-pixel phase as the whole image's resize (:func:`resize_region`).
ALIGN_WINDOW_PX = 96
#: A region larger than this share of the image is not worth it: the area mean of the
#: whole image costs about as much as the region's plus the bilinear rest (144 ms
#: against 0.83 x 144 + 24 ms on a 12 MP decode), and is exact.
MAX_REGION_SHARE = 0.8
#: A JPEG whose longer side is shorter than this, px, is decoded at full size and then
#: shrunk by the area mean, as its decoded array is: the file and the array then give the
#: same analysis (QA F9-02: the face search's copy made from a reduced DCT decode differs
#: from the array's area mean by up to 15 levels, and the face and eye cascades' yes/no
#: decisions flip on less). Up to ~6.7 MP the full decode costs little more than the
#: reduced one; a 12 MP photo (4032 x 3024 or 3354 x 3577) keeps its reduced decode.
FULL_DECODE_BELOW_PX = 3000


def resize(rgb: NDArray[np.uint8], width: int, height: int) -> NDArray[np.uint8]:
    """Resize an RGB image to ``width`` x ``height`` px (area averaging when shrinking).

    Parameters
    ----------
    rgb : numpy.ndarray
        ``(H, W, 3)`` uint8 image.
    width, height : int
        The output size, in px.

    Returns
    -------
    numpy.ndarray
        ``(height, width, 3)`` uint8 image (``rgb`` itself when the size is already right).
    """
    import cv2

    if rgb.shape[1] == width and rgb.shape[0] == height:
        return rgb
    k = int(min(rgb.shape[1] / width, rgb.shape[0] / height))
    if k >= 2:
        # Shrink by a whole factor first (OpenCV's fast path for area averaging;
        # a fractional factor costs several times more), dropping < k edge px.
        hk, wk = rgb.shape[0] // k, rgb.shape[1] // k
        shrunk = cv2.resize(rgb[: hk * k, : wk * k], (wk, hk), interpolation=cv2.INTER_AREA)
        rgb = np.asarray(shrunk, dtype=np.uint8)
        if (wk, hk) == (width, height):
            return rgb
    interp = cv2.INTER_AREA if width < rgb.shape[1] else cv2.INTER_LINEAR
    return np.asarray(cv2.resize(rgb, (width, height), interpolation=interp), dtype=np.uint8)


def _aligned_start(start: int, src_len: int, dst_len: int) -> tuple[int, int]:
    """Output px at or before ``start`` whose source position is nearest a whole px.

    Returns ``(dst_start, src_start)``: the area resize of the source from
    ``src_start`` then weighs its px as the whole image's resize does from
    ``dst_start`` (to within the distance of ``dst_start * src_len / dst_len``
    from ``src_start``: a few thousandths of a px).
    """
    best = (2.0, start, 0)
    for d in range(start, max(0, start - ALIGN_WINDOW_PX) - 1, -1):
        pos = d * src_len / dst_len
        err = abs(pos - round(pos))
        if err < best[0]:
            best = (err, d, round(pos))
        if err == 0.0:
            break
    return best[1], best[2]


def resize_region(
    rgb: NDArray[np.uint8], width: int, height: int, box: Box
) -> tuple[NDArray[np.uint8], Box]:
    """``rgb`` shrunk to width x height px, by the area mean only within (about) ``box``.

    OpenCV's fractional area mean of a 12 MP photo costs more than its decode;
    where only a region is searched, only that region needs it. The region
    (``box`` in output px, its start moved back by up to
    :data:`ALIGN_WINDOW_PX` so that its source starts on nearly the same
    sub-pixel phase) is resized alone at the whole image's scale; its px differ
    from :func:`resize`'s by at most 1 level, rarely. The rest of the image is
    resized bilinearly (for the skin mask's coarse grid and the photo-quality
    report, which read the whole frame).

    Returns
    -------
    image : ndarray, shape (height, width, 3), uint8
    exact : Box
        The region made by the area mean, output px (``box`` within it, clipped
        to the image).
    """
    import cv2

    src_h, src_w = rgb.shape[:2]
    top, left = (
        _aligned_start(max(0, box[0]), src_h, height),
        _aligned_start(max(0, box[2]), src_w, width),
    )
    r0, y0 = top
    c0, x0 = left
    r1, c1 = min(height, box[1]), min(width, box[3])
    # Source px up to the end of output px r1 - 1 (whole cells), and 2 more.
    y1 = min(src_h, -(-r1 * src_h // height) + 2)
    x1 = min(src_w, -(-c1 * src_w // width) + 2)
    part = cv2.resize(
        rgb[y0:y1, x0:x1],
        (0, 0),
        fx=width / src_w,
        fy=height / src_h,
        interpolation=cv2.INTER_AREA,
    )
    if part.shape[0] < r1 - r0 or part.shape[1] < c1 - c0 or r1 <= r0 or c1 <= c0:
        return resize(rgb, width, height), (0, height, 0, width)
    out = np.asarray(cv2.resize(rgb, (width, height), interpolation=cv2.INTER_LINEAR), np.uint8)
    out[r0:r1, c0:c1] = part[: r1 - r0, : c1 - c0]
    return out, (r0, r1, c0, c1)


class Source:
    """Decode the input at (about) a requested size."""

    def __init__(self, image: Any, max_pixels: int) -> None:
        self.photo: Photo | None = None
        self.array: NDArray[np.uint8] | None = None
        from PIL import Image

        if isinstance(image, str | Path | bytes | bytearray | memoryview) or callable(
            getattr(image, "read", None)
        ):
            self.photo = open_photo(image, max_pixels=max_pixels)
            self.width, self.height = self.photo.width, self.photo.height
        elif isinstance(image, Image.Image):
            self.array = pil_to_rgb(image, max_pixels=max_pixels)
            self.height, self.width = self.array.shape[:2]
        elif isinstance(image, np.ndarray):
            self.array = as_rgb_array(image)
            self.height, self.width = self.array.shape[:2]
            check_pixel_count(self.width, self.height, max_pixels, what="image")
        else:
            raise ImageError(
                "image must be a path, bytes, a binary file object, a PIL image or an RGB "
                f"numpy array (M, N, 3), not {type(image).__name__}",
                field="image",
            )

        self._decoded: NDArray[np.uint8] | None = None
        self._made: dict[tuple[int, int, float], NDArray[np.uint8]] = {}
        # A larger decode begun on the background thread (prefetch): its key, its result.
        self._pending: tuple[object, Future[NDArray[np.uint8]]] | None = None

    def at(self, width: int, height: int, *, accept_up_to: float = 1.0) -> NDArray[np.uint8]:
        """The image at width x height px, or a JPEG's reduced decode up to this much larger.

        The largest decode made so far is kept and reused (resized) when it is
        wide enough: every decode pays for the whole file's entropy decoding.
        """
        key = (width, height, accept_up_to)
        if key not in self._made:
            self._made[key] = self._make(width, height, accept_up_to)
        return self._made[key]

    def at_region(
        self,
        width: int,
        height: int,
        region: Callable[[], Box | None],
        *,
        accept_up_to: float = 1.0,
    ) -> tuple[NDArray[np.uint8], Box]:
        """As :meth:`at`, but only a region need be exact (:func:`resize_region`).

        ``region()`` gives that region (output px; None: the whole image); it
        is asked only when a fractional resize is to be made. Returns the image
        and the region of it that is exactly :meth:`at`'s (the whole image when
        no fractional resize is needed, or it is made already).
        """
        whole = (0, height, 0, width)
        key = (width, height, accept_up_to)
        if key in self._made:
            return self._made[key], whole
        self.decode(width)
        assert self._decoded is not None
        rgb = self._decoded
        if (
            rgb.shape[1] <= width * accept_up_to
            or min(rgb.shape[1] / width, rgb.shape[0] / height) >= 2
        ):
            return self.at(width, height, accept_up_to=accept_up_to), whole
        box = region()
        if box is None or (box[1] - box[0]) * (box[3] - box[2]) > MAX_REGION_SHARE * width * height:
            return self.at(width, height, accept_up_to=accept_up_to), whole
        return resize_region(rgb, width, height, box)

    def as_decoded(self, width: int, *, accept_up_to: float = 1.0) -> NDArray[np.uint8] | None:
        """The decoded copy itself when :meth:`at` (``width`` px wide) would return it, else None.

        Known before :meth:`at` is asked (:meth:`decode` first), so that work on the
        image can start early.
        """
        rgb = self._decoded
        if rgb is None or not width <= rgb.shape[1] <= width * accept_up_to:
            return None
        return rgb

    def prefetch(self, min_width: int, *, margin: float = 1.0) -> bool:
        """Begin :meth:`decode` for ``min_width`` on the background thread, if it would decode anew.

        Only for a large JPEG file decoded so far at a reduced size narrower than
        ``min_width / margin``; :meth:`decode` takes the result when it asks its
        decoder for the same reduced size (the same decode). Returns whether it was begun.
        """
        rgb, photo = self._decoded, self.photo
        if photo is None or self._pending is not None or rgb is None:
            return False
        if (
            rgb.shape[1] * margin >= min_width
            or max(self.width, self.height) < FULL_DECODE_BELOW_PX
        ):
            return False
        key = photo.decode_key(min_width)
        if key[0] != "JPEG":
            return False
        self._pending = (key, submit(partial(photo.decode, min_width=min_width)))
        return True

    def decode(self, min_width: int) -> None:
        """Decode at least ``min_width`` px wide (if not done yet), for later :meth:`at`.

        Every input takes the same steps: a first copy shrunk by the largest
        whole factor of 8, 4 or 2 that keeps it wider than ``min_width``
        (:func:`reduced`), then resized to the size asked for. A JPEG file is
        shrunk while it is decoded (libjpeg's DCT scaling, much faster); other
        files and arrays by the area mean. So a PNG file and its array give
        the same analysis; a JPEG file and its decoded array differ only by
        the DCT scaling's pixels (docs/photo.md, "Files and arrays"), and only
        for photos of at least :data:`FULL_DECODE_BELOW_PX` px on the longer
        side (a smaller JPEG is decoded at full size).
        """
        if self._decoded is not None and self._decoded.shape[1] >= min_width:
            return
        if self.photo is not None:
            small = max(self.width, self.height) < FULL_DECODE_BELOW_PX
            pending, self._pending = self._pending, None
            if pending is not None and pending[0] == self.photo.decode_key(min_width):
                rgb = pending[1].result()  # begun by prefetch(): the same decode
            else:
                rgb = self.photo.decode(min_width=None if small else min_width)
        else:
            assert self.array is not None
            rgb = self.array
        self._decoded = reduced(rgb, min_width)

    def crop(
        self, box: tuple[float, float, float, float], scale: float
    ) -> tuple[NDArray[np.uint8], tuple[float, float], tuple[float, float]]:
        """The photo within ``box`` (row0, col0, row1, col1; photo px), shrunk to ``scale``.

        Cut from the decoded copy (:meth:`decode` first) and shrunk by the
        area mean to ``scale`` px per photo px, or as it is when that copy is
        no finer. Returns the crop, the photo px of its top left corner (row,
        col), and the photo px per crop px (rows, cols): a crop px edge ``v``
        lies at ``corner + v * per_px`` in the photo.
        """
        assert self._decoded is not None, "decode() first"
        dec = self._decoded
        fy, fx = dec.shape[0] / self.height, dec.shape[1] / self.width
        r0, c0 = max(0, int(box[0] * fy)), max(0, int(box[1] * fx))
        r1 = min(dec.shape[0], max(r0 + 1, int(np.ceil(box[2] * fy))))
        c1 = min(dec.shape[1], max(c0 + 1, int(np.ceil(box[3] * fx))))
        part = dec[r0:r1, c0:c1]
        f = min(1.0, scale / fx)
        out = resize(
            np.ascontiguousarray(part),
            max(1, round(part.shape[1] * f)),
            max(1, round(part.shape[0] * f)),
        )
        per = (part.shape[0] / out.shape[0] / fy, part.shape[1] / out.shape[1] / fx)
        return out, (r0 / fy, c0 / fx), per

    def _make(self, width: int, height: int, accept_up_to: float) -> NDArray[np.uint8]:
        self.decode(width)
        assert self._decoded is not None
        rgb = self._decoded
        if width <= rgb.shape[1] <= width * accept_up_to:
            return rgb
        return resize(rgb, width, height)


def reduced(rgb: NDArray[np.uint8], min_width: int) -> NDArray[np.uint8]:
    """``rgb`` shrunk as a JPEG's reduced decode for ``min_width`` is (area mean).

    The factor is the largest of 8, 4, 2 that keeps the result wider than
    ``min_width``, picked as :meth:`milia.imaging.io.Photo.decode` asks
    Pillow's ``draft`` to; sizes round up, as libjpeg's do (the last row and
    column repeated). A JPEG decoded at a reduced size is returned as it is.
    """
    import cv2

    h, w = rgb.shape[:2]
    if min_width >= w:
        return rgb
    ratio = min_width / w
    fit = min(w // (int(w * ratio) + 1), h // (int(h * ratio) + 1))
    k = next((s for s in (8, 4, 2) if fit >= s), 1)
    if k == 1:
        return rgb
    hk, wk = -(-h // k), -(-w // k)
    padded = rgb
    if (hk * k, wk * k) != (h, w):
        padded = np.pad(rgb, ((0, hk * k - h), (0, wk * k - w), (0, 0)), mode="edge")
    return np.asarray(cv2.resize(padded, (wk, hk), interpolation=cv2.INTER_AREA), dtype=np.uint8)
