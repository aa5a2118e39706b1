"""CIELAB of a working image, converted only where it is read, and its half-size copy.

The candidate search runs at half resolution or coarser (its finest scale,
a 0.25 mm radius, is about 1.3 px there), and only the windows around the
candidates, a central crop for the sharpness and the seed skin are read at
full resolution. :class:`LabImage` converts the full-resolution CIELAB in
tiles on first access, so that a photo whose search window is 3-12 MP pays
for the few tenths of it that are measured; :meth:`LabImage.half` is the
CIELAB of the image halved in sRGB (area averaging over exact 2 x 2 blocks),
a quarter of the pixels to convert.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from milia.imaging.skin import rgb_to_lab

_Num = TypeVar("_Num", np.uint8, np.float32)

__all__ = ["TILE_PX", "LabImage", "LabLike", "as_lab_image", "halve", "halved_lab"]

#: Side of the tiles converted on demand, px.
TILE_PX = 64


def halve(image: NDArray[_Num]) -> NDArray[_Num]:
    """``image`` at half size by area averaging over exact 2 x 2 blocks.

    An odd last row or column is dropped: pixel (i, j) of the result covers
    rows 2i-2i+1 and columns 2j-2j+1 of the input exactly (OpenCV's fast
    path; a size that is not exactly half costs several times more). The
    dtype is kept (uint8 results are rounded).
    """
    import cv2

    h, w = image.shape[0] // 2, image.shape[1] // 2
    even = image[: 2 * h, : 2 * w]
    return np.asarray(cv2.resize(even, (w, h), interpolation=cv2.INTER_AREA), dtype=image.dtype)


def halved_lab(lab: NDArray[np.float32]) -> NDArray[np.float32]:
    """A CIELAB image at half size, (M // 2, N // 2, 3), by area averaging, float32.

    An odd side is averaged over the whole of it (OpenCV's general area
    resize; slower than :func:`halve`, and what the search was tuned on).
    """
    import cv2

    size = (lab.shape[1] // 2, lab.shape[0] // 2)
    return np.asarray(cv2.resize(lab, size, interpolation=cv2.INTER_AREA), np.float32)


class LabImage:
    """CIELAB (float32) of an RGB image, converted in tiles when read.

    ``lab[rows, cols]`` (two slices) returns the CIELAB of that window,
    the same values as ``rgb_to_lab(rgb)[rows, cols]`` (the conversion is
    per pixel). Build it with :meth:`from_rgb`, or wrap an image already
    converted with :meth:`from_lab`.

    Attributes
    ----------
    shape : tuple of int
        (M, N, 3).
    """

    def __init__(
        self,
        *,
        rgb: NDArray[np.uint8] | None = None,
        lab: NDArray[np.float32] | None = None,
    ) -> None:
        if (rgb is None) == (lab is None):
            raise ValueError("give exactly one of rgb and lab")
        self._rgb = rgb
        self._half: NDArray[np.float32] | None = None
        if lab is not None:
            self._lab = np.asarray(lab, dtype=np.float32)
            self._done = np.ones((1, 1), dtype=bool)
            self.all_done = True
        else:
            assert rgb is not None
            h, w = rgb.shape[:2]
            # Uninitialised: pages are only touched (and paid for) where tiles are written.
            self._lab = np.empty((h, w, 3), dtype=np.float32)
            self._done = np.zeros((-(-h // TILE_PX), -(-w // TILE_PX)), dtype=bool)
            self.all_done = False
        self.shape: tuple[int, int, int] = (self._lab.shape[0], self._lab.shape[1], 3)

    @classmethod
    def from_rgb(cls, rgb: NDArray[np.uint8]) -> LabImage:
        """CIELAB of an sRGB uint8 image (M, N, 3), converted when read."""
        return cls(rgb=rgb)

    @classmethod
    def from_lab(cls, lab: NDArray[np.float32]) -> LabImage:
        """Wrap a CIELAB image already converted (M, N, 3)."""
        return cls(lab=lab)

    def __getitem__(self, key: tuple[slice, slice]) -> NDArray[np.float32]:
        rows, cols = key
        r0, r1, _ = rows.indices(self.shape[0])
        c0, c1, _ = cols.indices(self.shape[1])
        if not self.all_done and r1 > r0 and c1 > c0:
            self._convert(r0, r1, c0, c1)
        return self._lab[rows, cols]

    def full(self) -> NDArray[np.float32]:
        """The whole CIELAB image (converting what is left)."""
        return self[:, :]

    def half(self) -> NDArray[np.float32]:
        """CIELAB at half size, shape (M // 2, N // 2, 3), float32 (made once).

        The full-resolution CIELAB halved by :func:`halved_lab`.
        """
        if self._half is None:
            self._half = halved_lab(self.full())
        return self._half

    def _convert(self, r0: int, r1: int, c0: int, c1: int) -> None:
        """Convert the tiles that cover rows r0:r1 and columns c0:c1 and are not done yet."""
        assert self._rgb is not None
        t = TILE_PX
        ty0, ty1 = r0 // t, (r1 - 1) // t + 1
        tx0, tx1 = c0 // t, (c1 - 1) // t + 1
        done = self._done
        if done[ty0:ty1, tx0:tx1].all():
            return
        h, w = self.shape[:2]
        for ty in range(ty0, ty1):
            todo = np.nonzero(~done[ty, tx0:tx1])[0] + tx0
            if len(todo) == 0:
                continue
            # Runs of neighbouring tiles are converted in one call.
            breaks = np.nonzero(np.diff(todo) > 1)[0]
            starts = np.concatenate([todo[:1], todo[breaks + 1]])
            ends = np.concatenate([todo[breaks], todo[-1:]]) + 1
            ys, ye = ty * t, min(h, (ty + 1) * t)
            for a, b in zip(starts, ends, strict=True):
                xs, xe = int(a) * t, min(w, int(b) * t)
                _lab_into(self._rgb[ys:ye, xs:xe], self._lab[ys:ye, xs:xe])
            done[ty, todo] = True
        if done.all():
            self.all_done = True


def _lab_into(rgb: NDArray[np.uint8], out: NDArray[np.float32]) -> None:
    """Write :func:`~milia.imaging.skin.rgb_to_lab` of ``rgb`` into ``out`` (in place when contiguous)."""
    import cv2

    if not out.flags.c_contiguous:
        out[...] = rgb_to_lab(rgb)
        return
    np.multiply(rgb, np.float32(1 / 255), out=out, dtype=np.float32)
    cv2.cvtColor(out, cv2.COLOR_RGB2Lab, dst=out)


#: What the search and the measurement read CIELAB from.
LabLike = NDArray[np.float32] | LabImage


def as_lab_image(lab: LabLike) -> LabImage:
    """``lab`` as a :class:`LabImage` (an array is wrapped, not copied)."""
    return lab if isinstance(lab, LabImage) else LabImage.from_lab(lab)
