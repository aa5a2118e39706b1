"""The working copy of a photo and the search of its skin.

The analysis (:mod:`~milia.imaging.analyze`) finds the face on a small copy;
here the photo is taken at about :data:`WORK_PX_PER_MM` (a JPEG decoded
directly at a reduced size when large enough), its skin is masked from the
face's seed skin (:mod:`~milia.imaging.skin`), and the skin's bounding box is
converted to CIELAB and searched: candidates (:mod:`~milia.imaging.detect`),
their measures against the skin around them (:mod:`~milia.imaging.measure`)
and their classes (:mod:`~milia.imaging.classify`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial

import numpy as np
from numpy.typing import NDArray

from milia.imaging.background import in_turn
from milia.imaging.classify import THRESHOLDS, Classification, classify_candidates
from milia.imaging.detect import find_candidates
from milia.imaging.face import Box as FaceBox
from milia.imaging.face import Face
from milia.imaging.labimage import LabImage
from milia.imaging.measure import measure_candidates
from milia.imaging.quality import LIMITS
from milia.imaging.scale import Scale, estimate_scale
from milia.imaging.skin import SkinModel, grid_lab_soon, rgb_to_lab, skin_mask_rgb
from milia.imaging.source import Box, Source

__all__ = [
    "ACCEPT",
    "ASSUMED_SHORT_SIDE_MM",
    "MAX_SKIN_PER_EYELESS_FACE",
    "MIN_PX_PER_MM",
    "SKIN_BOX_MARGIN_MM",
    "WORK_MAX_PX_PER_MM",
    "WORK_PX_PER_MM",
    "early_grid",
    "frame",
    "prefetch_decode",
    "search",
    "search_box",
    "skin_dwarfs_face",
    "work_size",
]

#: Working scale for detection, px/mm.
WORK_PX_PER_MM = 7.0
#: A reduced JPEG decode up to this scale is used without resizing, px/mm.
WORK_MAX_PX_PER_MM = 9.5
#: Below this many px/mm a 1 mm bump is too small to see; no search is made
#: (:class:`milia.imaging.quality.QualityLimits` sets it).
MIN_PX_PER_MM = LIMITS.min_px_per_mm
#: Without a face or a given scale, assume the shorter side spans this many mm (a close-up).
ASSUMED_SHORT_SIDE_MM = 80.0
#: A decode up to this factor larger than the working size is used as it is.
ACCEPT = WORK_MAX_PX_PER_MM / WORK_PX_PER_MM


#: Margin around the skin found on the small copy within which the working copy is
#: made exactly (by the area mean), mm: the search's ring margin (6 mm), the skin
#: mask's closing (2.5 mm) and the small copy's coarser mask (a px there is about 1 mm).
SKIN_BOX_MARGIN_MM = 15.0

# Working copies made exactly only within a region (id -> the copy, its exact region,
# the whole exact copy on demand): search() takes the exact px outside that region.
_PARTIAL: dict[
    int, tuple[weakref.ref[NDArray[np.uint8]], Box, Callable[[], NDArray[np.uint8]]]
] = {}


def _skin_box(
    small: NDArray[np.uint8],
    face: Face | None,
    px_per_mm: float,
    size: tuple[int, int],
    work_wh: tuple[int, int],
) -> Box | None:
    """The skin found on the small copy, as a box of the working copy with its margin, px."""
    (width, height), (ww, wh) = size, work_wh
    sh, sw = small.shape[:2]
    face_s = face.scaled(sh / height, sw / width) if face else None
    mask_s, model_s = skin_mask_rgb(small, face=face_s, px_per_mm=px_per_mm * sw / width)
    if model_s is None or not mask_s.any():
        return None
    rows = np.nonzero(mask_s.any(axis=1))[0]
    cols = np.nonzero(mask_s.any(axis=0))[0]
    fy, fx = wh / sh, ww / sw
    margin = SKIN_BOX_MARGIN_MM * px_per_mm * ww / width
    return (
        max(0, int(rows[0] * fy - margin)),
        min(wh, int((rows[-1] + 1) * fy + margin) + 1),
        max(0, int(cols[0] * fx - margin)),
        min(ww, int((cols[-1] + 1) * fx + margin) + 1),
    )


def _exact(work: NDArray[np.uint8], r0: int, r1: int, c0: int, c1: int) -> NDArray[np.uint8]:
    """``work[r0:r1, c0:c1]`` as the exactly made working copy has it."""
    entry = _PARTIAL.get(id(work))
    if entry is not None and entry[0]() is work:
        er0, er1, ec0, ec1 = entry[1]
        if not (er0 <= r0 and r1 <= er1 and ec0 <= c0 and c1 <= ec1):
            return entry[2]()[r0:r1, c0:c1]
    return work[r0:r1, c0:c1]


def work_size(width: int, height: int, px_per_mm: float) -> tuple[int, int]:
    """Width and height, px, of the working copy of a photo at ``px_per_mm``."""
    work_f = min(1.0, WORK_PX_PER_MM / px_per_mm)
    return max(1, round(width * work_f)), max(1, round(height * work_f))


def early_grid(
    src: Source, given: float, small_size: tuple[int, int]
) -> tuple[NDArray[np.uint8], Future[NDArray[np.float32]]] | None:
    """With a given scale, the skin grid's CIELAB started as soon as the photo is decoded.

    When :func:`frame` will take the decode as it is for the working copy,
    the grid :func:`~milia.imaging.skin.skin_mask_rgb` classifies is
    converted on the background thread while the face is found (at the
    working scale :func:`frame` asks for). Returns the decode and that
    future (for :func:`frame`'s ``grid_lab``), or None.
    """
    width, height = src.width, src.height
    ww, wh = work_size(width, height, 1.0 / given)
    early = src.as_decoded(ww, accept_up_to=ACCEPT)
    if early is None or (ww, wh) == small_size:
        return None
    return early, grid_lab_soon(early, 1.0 / given * early.shape[1] / width)


#: Without a given scale, the working copy's decode is begun while the face's eyes are
#: looked for when the first face box found asks for a decode this much wider than the
#: one made (its width gives the scale to within ~8 % of the final estimate on the
#: benchmark's 12 MP photos; a wrong guess costs a decode on the background thread).
PREFETCH_MARGIN = 1.15


def prefetch_decode(src: Source, small_size: tuple[int, int], box: FaceBox) -> None:
    """Begin the decode :func:`frame` will ask for, guessed from a face box (small copy px).

    The scale the box alone gives (:func:`~milia.imaging.scale.estimate_scale`
    without eyes) sets the working copy's width; when that needs a wider
    decode than the one made (by :data:`PREFETCH_MARGIN`), it is begun on
    the background thread (:meth:`~milia.imaging.source.Source.prefetch`).
    """
    dw, dh = small_size
    guess = estimate_scale(Face(box=box).scaled(src.height / dh, src.width / dw))
    if guess.mm_per_pixel is not None:
        ww = work_size(src.width, src.height, 1.0 / guess.mm_per_pixel)[0]
        src.prefetch(ww, margin=PREFETCH_MARGIN)


def frame(
    src: Source,
    face: Face | None,
    given: float | None,
    small: NDArray[np.uint8],
    small_size: tuple[int, int],
    grid_lab: tuple[NDArray[np.uint8], Future[NDArray[np.float32]]] | None = None,
) -> tuple[Scale, NDArray[np.uint8], NDArray[np.bool_], SkinModel | None, float]:
    """Scale, working image, face and skin mask at the working size, for one face.

    ``grid_lab``: an image and its skin grid's CIELAB started early
    (:func:`~milia.imaging.skin.grid_lab_soon`, at the working scale), used
    when that image is the working image. Returns ``(scale, work, mask,
    model, px_per_mm)``; ``px_per_mm`` is in photo px (assumed from
    :data:`ASSUMED_SHORT_SIDE_MM` when the scale is unknown).
    """
    width, height = src.width, src.height
    scale = estimate_scale(face, mm_per_pixel=given)
    if scale.mm_per_pixel is not None:
        px_per_mm = 1.0 / scale.mm_per_pixel
    else:
        px_per_mm = min(width, height) / ASSUMED_SHORT_SIDE_MM
    ww, wh = work_size(width, height, px_per_mm)
    # A JPEG decoded at a reduced size between 7 and 9.5 px/mm is used as is:
    # resizing it to exactly 7 px/mm would cost more than it gains.
    if (ww, wh) == small_size:
        work = small
    else:
        # The fractional resize of a large decode costs more than the decode: it is made
        # exactly only around the skin seen on the small copy (search() takes the
        # exact px, should the skin found reach beyond).
        region = partial(_skin_box, small, face, px_per_mm, (width, height), (ww, wh))
        work, exact = src.at_region(ww, wh, region, accept_up_to=ACCEPT)
        if exact != (0, wh, 0, ww):
            key = id(work)
            _PARTIAL[key] = (
                weakref.ref(work),
                exact,
                partial(src.at, ww, wh, accept_up_to=ACCEPT),
            )
            weakref.finalize(work, _PARTIAL.pop, key, None)
    wh, ww = work.shape[:2]
    face_work = face.scaled(wh / height, ww / width) if face else None
    # CIELAB only where it is needed: the seed skin and a coarse grid for the
    # mask, then the skin's bounding box for the search.
    early = grid_lab[1] if grid_lab is not None and grid_lab[0] is work else None
    mask, model = skin_mask_rgb(
        work, face=face_work, px_per_mm=px_per_mm * ww / width, grid_lab=early
    )
    return scale, work, mask, model, px_per_mm


#: Skin area / face-box area above which a face box without eyes is taken for a
#: mouth or cheek in a close-up. Whole faces give about 1-2.5 (forehead, neck and
#: ears beyond the box; 0.8 for the bench's face in a quarter of the frame); QA
#: F4-42's lower-face close-up gave 6.
MAX_SKIN_PER_EYELESS_FACE = 3.0


def skin_dwarfs_face(mask: NDArray[np.bool_], face: Face, photo_area: float) -> bool:
    """Whether the skin found is many times the face box (a close-up, not a face).

    Parameters
    ----------
    mask : ndarray of bool
        Skin mask of the working image.
    face : Face
        The face in photo px.
    photo_area : float
        Width x height of the photo, px^2.
    """
    top, left, bottom, right = face.box
    box_area = max(1.0, (bottom - top) * (right - left))
    share = int(np.count_nonzero(mask)) / mask.size  # as mask.mean(), 8x faster
    return bool(share * photo_area / box_area > MAX_SKIN_PER_EYELESS_FACE)


def search_box(mask: NDArray[np.bool_], ppm_work: float) -> tuple[int, int, int, int]:
    """The rows ``r0:r1`` and columns ``c0:c1`` searched: the skin's bounding box plus
    6 mm for the rings (``ppm_work`` px/mm of the working image)."""
    rows_any = np.nonzero(mask.any(axis=1))[0]
    cols_any = np.nonzero(mask.any(axis=0))[0]
    margin = int(6 * ppm_work)
    r0 = max(0, int(rows_any[0]) - margin)
    r1 = min(mask.shape[0], int(rows_any[-1]) + margin + 1)
    c0 = max(0, int(cols_any[0]) - margin)
    c1 = min(mask.shape[1], int(cols_any[-1]) + margin + 1)
    return r0, r1, c0, c1


def search(
    work: NDArray[np.uint8], mask: NDArray[np.bool_], model: SkinModel, ppm_work: float
) -> tuple[NDArray[np.float64], NDArray[np.float64], Classification, NDArray[np.intp]]:
    """Find, measure and classify bumps in the skin ``mask`` of ``work``.

    Returns
    -------
    rows, cols : ndarray
        Centres of the kept findings, working px.
    cls : Classification
        Every candidate's classification.
    keep : ndarray of int
        Indices (in ``cls``) of the findings kept (not rejected), as ``rows``.
    """
    r0, r1, c0, c1 = search_box(mask, ppm_work)
    # CIELAB of the skin's bounding box only (the photo-quality report is
    # meanwhile made on the background thread).
    lab_c = LabImage.from_lab(rgb_to_lab(_exact(work, r0, r1, c0, c1)))
    mask_c = np.ascontiguousarray(mask[r0:r1, c0:c1])
    cands = find_candidates(lab_c, mask_c, px_per_mm=ppm_work)
    # Candidates the classifier cannot take for skin are measured only as far as it reads them,
    # and light ones' surrounds only where it reads them. On one thread: the measurement is
    # per-candidate Python, and its halves on two threads only took turns with the GIL
    # (idle cores, one process: 0.89-0.93 of the wall, 0.90-0.94 of the CPU; same values).
    with in_turn():
        feats = measure_candidates(
            lab_c,
            mask_c,
            cands,
            min_skin_fraction=THRESHOLDS.min_skin_fraction,
            min_ring_l=model.low_L,
            # A light candidate's surround is read only from this whiteness contrast.
            surround_from=THRESHOLDS.light_cnr,
        )
    cls = classify_candidates(feats, px_per_mm=ppm_work, min_ring_l=model.low_L)
    keep = np.nonzero(cls.kind != "rejected")[0]
    rows = np.asarray(feats["row"][keep] + r0, dtype=np.float64)
    cols = np.asarray(feats["col"][keep] + c0, dtype=np.float64)
    return rows, cols, cls, keep
