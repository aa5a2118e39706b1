"""Face and eye location, and the facial regions placed from them.

The detectors ship inside the installed packages, so nothing is downloaded:
scikit-image's LBP frontal face cascade (``lbpcascade_frontalface_opencv.xml``)
run by OpenCV, which is several times faster than Haar and finds more faces
on dark skin, then OpenCV's Haar cascades (``cv2.data.haarcascades``, present
in ``opencv-python-headless<5``) when the LBP face lacks an eye. Without
OpenCV's cascade classifier (OpenCV 5), scikit-image runs the LBP cascade
itself (slower). All work on a histogram-equalised gray image, which helps on
dark and on under-exposed skin, where cascade detectors are known to fail more
often. When no face is found the caller searches the skin it finds and says so.

The cascades are loaded (once per thread) by :mod:`milia.imaging.face_cascades`;
the facial regions placed from the face and its eyes live in
:mod:`milia.imaging.regions` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from milia.imaging.face_cascades import haar as _haar
from milia.imaging.face_cascades import lbp as _lbp
from milia.imaging.face_cascades import lbp_opencv as _lbp_opencv
from milia.imaging.regions import REGIONS, region_of, regions_by_face

__all__ = [
    "REGIONS",
    "Face",
    "detect_face",
    "detect_faces",
    "region_of",
    "regions_by_face",
]

Box = tuple[float, float, float, float]  # row0, col0, row1, col1


@dataclass
class Face:
    """A face box and up to two eye boxes, in px of the image they came from.

    Boxes are ``(row0, col0, row1, col1)``.
    """

    box: Box
    eyes: list[Box] = field(default_factory=list)
    detector: str = "haar"
    #: Degrees: the face is upright in the photo turned by this angle counter-clockwise
    #: about the box's centre (0 for an upright face; 90, 180 or 270 for a photo turned
    #: without its EXIF tag, about +-25 for a tilted head). ``box`` is then the face's
    #: box in that upright frame (the same size and centre), ``eyes`` are in the photo.
    roll: float = 0.0

    def scaled(self, factor_row: float, factor_col: float) -> Face:
        """Return the face in another image's px (multiply rows and columns)."""

        def s(b: Box) -> Box:
            return (b[0] * factor_row, b[1] * factor_col, b[2] * factor_row, b[3] * factor_col)

        return Face(
            box=s(self.box),
            eyes=[s(e) for e in self.eyes],
            detector=self.detector,
            roll=self.roll,
        )

    def to_upright(
        self, rows: NDArray[np.float64], cols: NDArray[np.float64], *, back: bool = False
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Points (rows, cols) of the photo in the face's upright frame (``back``: the reverse).

        The upright frame is the photo turned by :attr:`roll` degrees
        counter-clockwise about the box's centre, in which :attr:`box` lies.
        """
        rows = np.asarray(rows, dtype=np.float64)
        cols = np.asarray(cols, dtype=np.float64)
        if not self.roll:
            return rows, cols
        cr, cc = (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2
        t = np.radians(-self.roll if back else self.roll)
        cos, sin = np.cos(t), np.sin(t)
        # OpenCV's getRotationMatrix2D with x = col, y = row (rows grow downwards).
        dc, dr = cols - cc, rows - cr
        return cr - sin * dc + cos * dr, cc + cos * dc + sin * dr

    def upright(self) -> Face:
        """The face in its upright frame (:meth:`to_upright`), with ``roll`` 0."""
        if not self.roll:
            return self
        eyes = []
        for e in self.eyes:
            (r,), (c,) = self.to_upright(
                np.array([(e[0] + e[2]) / 2]), np.array([(e[1] + e[3]) / 2])
            )
            hr, hc = (e[2] - e[0]) / 2, (e[3] - e[1]) / 2
            eyes.append((float(r) - hr, float(c) - hc, float(r) + hr, float(c) + hc))
        return Face(box=self.box, eyes=eyes, detector=self.detector)

    @property
    def width(self) -> float:
        """Width of the face box, px."""
        return self.box[3] - self.box[1]

    def eye_centres(self) -> list[tuple[float, float]]:
        """Centres (row, col) of the eyes, sorted by column."""
        return sorted(((e[0] + e[2]) / 2, (e[1] + e[3]) / 2) for e in self.eyes)

    def eye_distance(self) -> float | None:
        """Distance between the two eye centres in px, or None without two eyes."""
        centres = self.eye_centres()
        if len(centres) != 2:
            return None
        (r0, c0), (r1, c1) = centres
        return float(np.hypot(r1 - r0, c1 - c0))


def _equalised_gray(rgb: NDArray[np.uint8]) -> NDArray[np.uint8]:
    import cv2

    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    return np.asarray(clahe.apply(gray), dtype=np.uint8)


def _find_eyes(gray: NDArray[np.uint8], box: Box) -> list[Box]:
    cascade = _haar("haarcascade_eye.xml")
    if cascade is None:
        return []
    r0, c0, r1, c1 = (round(v) for v in box)
    h = r1 - r0
    w = c1 - c0
    # Eye centres are kept between 0.15 h and 0.55 h: search that band only (the
    # forehead above it would cost a third of the search for nothing).
    band0 = max(0, r0 + int(0.1 * h))
    top = gray[band0 : r0 + int(0.6 * h), c0:c1]
    if top.size == 0:
        return []
    found = cascade.detectMultiScale(
        top,
        scaleFactor=1.15,
        minNeighbors=5,
        minSize=(max(8, w // 10), max(8, w // 10)),
        maxSize=(max(9, w // 3), max(9, w // 3)),
    )
    cands: list[tuple[float, float, Box]] = []
    # OpenCV's cascades run in parallel and return their boxes in any order: sort
    # them fully (largest first, then top, then left) so that ties break the same way.
    ordered = sorted(([int(v) for v in e] for e in found), key=lambda e: (-e[2], e[1], e[0]))
    for x, y_band, ew, eh in ordered:
        y = y_band + band0 - r0  # rows from the top of the face box
        cy = y + eh / 2
        cx = x + ew / 2
        if 0.15 * h < cy < 0.55 * h and ew <= 0.4 * w:
            cands.append((cy, cx, (r0 + y, c0 + x, r0 + y + eh, c0 + x + ew)))
    return sorted(_pick_eyes(cands, w), key=lambda e: (e[1], e[0]))  # left to right


def _pick_eyes(cands: list[tuple[float, float, Box]], w: float) -> list[Box]:
    """Choose up to two eyes from cascade hits ``(row, col, box)``, rows and columns in
    px from the face box's top left corner, ``w`` the face box's width in px."""
    # The pair most symmetric about the face box's centre, level, and not the
    # same eye twice. Glasses' frames and brows also look like eyes to the
    # cascade, off to one side: a "pair" whose midpoint is more than 0.07 w
    # from the centre is one eye and a frame (on the benchmark faces true
    # pairs are within 0.03 w, eye-plus-frame pairs 0.10-0.12 w off, and
    # their distance read the scale 21-25 % off).
    best: tuple[float, list[Box]] | None = None
    for i, (cy_i, cx_i, box_i) in enumerate(cands):
        for cy_j, cx_j, box_j in cands[i + 1 :]:
            apart = abs(cx_i - cx_j)
            off_centre = abs((cx_i + cx_j) / 2 - w / 2)
            if apart < 0.2 * w or abs(cy_i - cy_j) > 0.5 * apart or off_centre > 0.07 * w:
                continue
            score = off_centre + abs(cy_i - cy_j)
            if best is None or score < best[0]:
                best = (score, [box_i, box_j])
    if best is not None:
        return best[1]
    if not cands:
        return []
    # One eye: the candidate nearest where an eye sits (about 0.22 w from the centre).
    return [min(cands, key=lambda c: abs(abs(c[1] - w / 2) - 0.22 * w))[2]]


def detect_face(rgb: NDArray[np.uint8]) -> Face | None:
    """Find the largest frontal face and its eyes (the first of :func:`detect_faces`).

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3), uint8
        Best at 400-800 px on the long side (downscale first; it is faster).

    Returns
    -------
    Face or None
        ``None`` when no frontal face is found.
    """
    faces = detect_faces(rgb, max_faces=1)
    return faces[0] if faces else None


def detect_faces(
    rgb: NDArray[np.uint8],
    *,
    max_faces: int = 4,
    on_first_box: Callable[[Box], object] | None = None,
) -> list[Face]:
    """Find the frontal faces and their eyes, the largest (the main face) first.

    The main face is chosen as before several faces were looked for: the
    largest box of the fastest detector that shows both eyes, else of the one
    that shows most eyes. Further faces are the other boxes of the detectors
    run (in that order, largest first) that overlap no face kept
    (:func:`~milia.imaging.face_further.further_faces`). A main face without an
    eye that the fast cascade did not see is checked for being upside down
    (:func:`~milia.imaging.face_turned.upside_down_face`).

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3), uint8
        Best at 400-800 px on the long side (downscale first; it is faster).
    max_faces : int
        At most this many faces.
    on_first_box : callable, optional
        Called with the first face box found (px of ``rgb``), before its eyes are
        looked for: the photo's scale can be guessed from it meanwhile.

    Returns
    -------
    list of Face
        Empty when no frontal face is found.
    """
    gray = _equalised_gray(rgb)
    min_side = min(gray.shape)
    # A photo taken to show facial skin has a large face: small boxes are mostly
    # false detections in skin texture.
    min_face = max(24, min_side // 5)
    best: Face | None = None
    found: list[tuple[str, Box]] = []  # every box of every detector run, (detector, box)
    # Fastest first; each next detector only when no face with both eyes is found
    # yet (faces on dark skin are missed more often; each detector misses others).
    for detector in ("lbp", "haar", "lbp_skimage"):
        # A later detector looks again only around the face found without both eyes
        # (:data:`NEAR_MARGIN`, :data:`NEAR_SIZES`): its own full scan cost 2-3 times
        # the first's on every face whose eyes hide behind glasses.
        boxes = _face_boxes(gray, detector, min_face, near=best.box if best else None)
        if not boxes:
            continue
        if on_first_box is not None and not found:
            on_first_box(boxes[0])
        found += [(detector, b) for b in boxes]
        face = Face(box=boxes[0], eyes=_find_eyes(gray, boxes[0]), detector=detector)
        # A face without both eyes (often a false box on darker skin): ask the
        # next detector too and keep whichever face shows more eyes.
        if best is None or len(face.eyes) > len(best.eyes):
            best = face
        if len(face.eyes) == 2:
            break
    if best is None:
        # No upright face: the photo may be turned (no EXIF tag) or the head tilted
        # (QA F7-12). Only the main face is looked for so.
        from milia.imaging.face_turned import turned_face

        turned = turned_face(gray)
        return [] if turned is None else [turned]
    if not best.eyes and all(d != "lbp" for d, _ in found):
        # QA F8-14: no eye, and the fast cascade saw no upright face: a fallback
        # detector may have taken an upside-down face for one.
        from milia.imaging.face_turned import upside_down_face

        best = upside_down_face(gray, min_face) or best
    from milia.imaging.face_further import further_faces

    return further_faces(gray, found, best, max_faces=max_faces)


def _boxes(found: Any) -> list[Box]:
    """Detections ``(x, y, w, h)`` as boxes, largest first, then top, then left.

    OpenCV's cascades run in parallel and return boxes in any order: a full
    sort makes ties break the same way on every run.
    """
    ordered = sorted(found, key=lambda f: (-int(f[2]) * int(f[3]), f[1], f[0]))
    return [
        (float(y), float(x), float(y) + float(h), float(x) + float(w)) for x, y, w, h in ordered
    ]


#: A detector run after a face was found without both eyes searches only around
#: it: the face box widened by this share of its width on every side ...
NEAR_MARGIN = 0.5
#: ... for faces this many times as wide as it (the three detectors' boxes of one
#: face differ by up to ~15 % in width on the benchmark's photos).
NEAR_SIZES = (0.6, 1.6)


def _face_boxes(
    gray: NDArray[np.uint8], detector: str, min_face: int, *, near: Box | None = None
) -> list[Box]:
    """The face boxes one detector finds, largest first.

    With ``near`` (a face box), only around that face and for faces of about
    its size (:data:`NEAR_MARGIN`, :data:`NEAR_SIZES`).
    """
    top = left = 0
    lo, hi = min_face, 0  # 0: no largest size
    if near is not None:
        w = near[3] - near[1]
        margin = NEAR_MARGIN * w
        top, left = max(0, int(near[0] - margin)), max(0, int(near[1] - margin))
        bottom = min(gray.shape[0], int(near[2] + margin) + 1)
        right = min(gray.shape[1], int(near[3] + margin) + 1)
        gray = np.ascontiguousarray(gray[top:bottom, left:right])
        lo = max(min_face, int(NEAR_SIZES[0] * w))
        hi = max(lo + 1, int(NEAR_SIZES[1] * w))
        if lo > min(gray.shape):
            return []
    boxes = _scan(gray, detector, lo, hi, min_face)
    return [(b[0] + top, b[1] + left, b[2] + top, b[3] + left) for b in boxes]


def _scan(gray: NDArray[np.uint8], detector: str, lo: int, hi: int, min_face: int) -> list[Box]:
    """One detector's face boxes from ``lo`` to ``hi`` px wide (``hi`` 0: any), largest first.

    ``min_face`` is the smallest face of a full scan; scikit-image's scale
    ladder starts from it, so a narrower scan keeps the full scan's sizes.
    """
    max_size = (hi, hi) if hi else (0, 0)
    if detector == "lbp":
        lbp = _lbp_opencv()
        if lbp is None:
            return []
        # A finer scale step than Haar's: the LBP cascade's responses are
        # narrow in scale, and 1.1 misses faces on dark skin that 1.05 finds.
        return _boxes(
            lbp.detectMultiScale(
                gray, scaleFactor=1.05, minNeighbors=5, minSize=(lo, lo), maxSize=max_size
            )
        )
    if detector == "lbp_skimage":
        # The same LBP cascade scanned by scikit-image (other scales and grouping):
        # slow, but it finds some faces the others miss; also the detector left
        # when OpenCV has no cascade classifier (OpenCV 5).
        min_side = min(gray.shape)
        steps = int(np.floor(np.log(lo / min_face) / np.log(1.2) + 1e-9)) if lo > min_face else 0
        start = max(1, int(min_face * 1.2**steps))
        top_size = min(hi, min_side) if hi else min_side
        found = _lbp().detect_multi_scale(
            gray,
            scale_factor=1.2,
            step_ratio=1,
            min_size=(start, start),
            max_size=(top_size, top_size),
        )
        return _boxes([(f["c"], f["r"], f["width"], f["height"]) for f in found])
    for name in ("haarcascade_frontalface_default.xml", "haarcascade_frontalface_alt2.xml"):
        cascade = _haar(name)
        if cascade is None:
            continue
        boxes = _boxes(
            cascade.detectMultiScale(
                gray, scaleFactor=1.1, minNeighbors=5, minSize=(lo, lo), maxSize=max_size
            )
        )
        if boxes:
            return boxes
    return []
