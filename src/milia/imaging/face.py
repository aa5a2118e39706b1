"""Face and eye location, and the facial regions placed from them.

The detectors ship inside the installed packages, so nothing is downloaded:
OpenCV's Haar cascades (``cv2.data.haarcascades``, present in
``opencv-python-headless<5``) and, as a fallback, scikit-image's LBP frontal
face cascade. Both work on a histogram-equalised gray image, which helps on
dark and on under-exposed skin, where cascade detectors are known to fail more
often. When no face is found the caller searches the skin it finds and says so.

Regions are placed as fractions of the face box, anchored on the eyes when
they are found: ``eyelids``, ``forehead``, ``nose``, ``cheeks``,
``chin_mouth``; everything else is ``other``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["REGIONS", "Face", "detect_face", "region_of"]

REGIONS = ("eyelids", "forehead", "nose", "cheeks", "chin_mouth", "other")

Box = tuple[float, float, float, float]  # row0, col0, row1, col1


@dataclass
class Face:
    """A face box and up to two eye boxes, in px of the image they came from.

    Boxes are ``(row0, col0, row1, col1)``.
    """

    box: Box
    eyes: list[Box] = field(default_factory=list)
    detector: str = "haar"

    def scaled(self, factor_row: float, factor_col: float) -> Face:
        """Return the face in another image's px (multiply rows and columns)."""

        def s(b: Box) -> Box:
            return (b[0] * factor_row, b[1] * factor_col, b[2] * factor_row, b[3] * factor_col)

        return Face(box=s(self.box), eyes=[s(e) for e in self.eyes], detector=self.detector)

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


@cache
def _haar(name: str) -> Any:
    try:
        import cv2

        path = cv2.data.haarcascades + name  # type: ignore[attr-defined]
        cascade = cv2.CascadeClassifier(path)
        return None if cascade.empty() else cascade
    except (ImportError, AttributeError):  # OpenCV 5 dropped the cascades
        return None


@cache
def _lbp() -> Any:
    from skimage import data, feature

    return feature.Cascade(data.lbp_frontal_face_cascade_filename())  # type: ignore[no-untyped-call]


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
    top = gray[r0 : r0 + int(0.6 * h), c0:c1]
    if top.size == 0:
        return []
    found = cascade.detectMultiScale(
        top,
        scaleFactor=1.15,
        minNeighbors=5,
        minSize=(max(8, w // 10), max(8, w // 10)),
        maxSize=(max(9, w // 3), max(9, w // 3)),
    )
    eyes: list[Box] = []
    for x, y, ew, eh in sorted(found, key=lambda e: -int(e[2])):
        cy = y + eh / 2
        cx = x + ew / 2
        if not (0.15 * h < cy < 0.55 * h) or ew > 0.4 * w:
            continue
        if any(abs(cx - (e[1] + e[3]) / 2 + c0) < 0.2 * w for e in eyes):
            continue  # same eye twice
        eyes.append((r0 + y, c0 + x, r0 + y + eh, c0 + x + ew))
        if len(eyes) == 2:
            break
    if len(eyes) == 2:
        (ra, ca), (rb, cb) = (((e[0] + e[2]) / 2, (e[1] + e[3]) / 2) for e in eyes)
        if abs(ra - rb) > 0.5 * abs(ca - cb):  # too tilted to be a pair of eyes
            eyes = eyes[:1]
    return eyes


def detect_face(rgb: NDArray[np.uint8]) -> Face | None:
    """Find the largest frontal face and its eyes.

    Parameters
    ----------
    rgb : ndarray, shape (M, N, 3), uint8
        Best at 400-800 px on the long side (downscale first; it is faster).

    Returns
    -------
    Face or None
        ``None`` when no frontal face is found.
    """
    gray = _equalised_gray(rgb)
    min_side = min(gray.shape)
    # A photo taken to show facial skin has a large face: small boxes are mostly
    # false detections in skin texture.
    min_face = max(24, min_side // 5)
    box: Box | None = None
    for name in ("haarcascade_frontalface_default.xml", "haarcascade_frontalface_alt2.xml"):
        cascade = _haar(name)
        if cascade is None:
            continue
        found = cascade.detectMultiScale(
            gray, scaleFactor=1.1, minNeighbors=5, minSize=(min_face, min_face)
        )
        if len(found):
            x, y, w, h = max(found, key=lambda f: int(f[2]) * int(f[3]))
            box = (float(y), float(x), float(y + h), float(x + w))
            break
    haar_face = None if box is None else Face(box=box, eyes=_find_eyes(gray, box), detector="haar")
    if haar_face is not None and len(haar_face.eyes) == 2:
        return haar_face
    # No Haar face, or one without both eyes (often a false box on darker skin):
    # ask the LBP cascade too and keep whichever face shows more eyes.
    found_lbp = _lbp().detect_multi_scale(
        gray,
        scale_factor=1.2,
        step_ratio=1,
        min_size=(min_face, min_face),
        max_size=(min_side, min_side),
    )
    lbp_face = None
    if found_lbp:
        best = max(found_lbp, key=lambda f: f["width"] * f["height"])
        lbp_box = (
            float(best["r"]),
            float(best["c"]),
            float(best["r"] + best["height"]),
            float(best["c"] + best["width"]),
        )
        lbp_face = Face(box=lbp_box, eyes=_find_eyes(gray, lbp_box), detector="lbp")
    if haar_face is None:
        return lbp_face
    if lbp_face is not None and len(lbp_face.eyes) > len(haar_face.eyes):
        return lbp_face
    return haar_face


def region_of(rows: NDArray[np.float64], cols: NDArray[np.float64], face: Face | None) -> list[str]:
    """Name the facial region of each point (row, col), in the face's px.

    Parameters
    ----------
    rows, cols : ndarray, shape (K,)
        Points, px.
    face : Face or None
        Without a face every point is ``"other"``.

    Returns
    -------
    list of str
        One of :data:`REGIONS` per point.
    """
    rows = np.asarray(rows, dtype=np.float64)
    cols = np.asarray(cols, dtype=np.float64)
    if face is None:
        return ["other"] * len(rows)
    r0, c0, r1, c1 = face.box
    w = max(c1 - c0, 1.0)
    h = max(r1 - r0, 1.0)
    u = (cols - c0) / w
    v = (rows - r0) / h
    centres = face.eye_centres()
    if len(centres) == 2:
        eyes_uv = [((c - c0) / w, (r - r0) / h) for r, c in centres]
    elif len(centres) == 1:
        r, c = centres[0]
        ue, ve = (c - c0) / w, (r - r0) / h
        eyes_uv = [(ue, ve), (1.0 - ue, ve)]
    else:
        eyes_uv = [(0.3, 0.38), (0.7, 0.38)]
    eye_v = (eyes_uv[0][1] + eyes_uv[1][1]) / 2
    mid_u = (eyes_uv[0][0] + eyes_uv[1][0]) / 2
    out = np.full(len(rows), "other", dtype=object)
    inside = (u > -0.08) & (u < 1.08)
    out[inside & (v > -0.45) & (v < eye_v - 0.12) & (u > 0.08) & (u < 0.92)] = "forehead"
    out[inside & (v >= eye_v + 0.06) & (v < 0.8)] = "cheeks"
    out[(np.abs(u - mid_u) < 0.13) & (v >= eye_v + 0.02) & (v < 0.72)] = "nose"
    out[(np.abs(u - mid_u) < 0.32) & (v >= 0.72) & (v < 1.25)] = "chin_mouth"
    for ue, ve in eyes_uv:
        near = (np.abs(u - ue) < 0.17) & (v > ve - 0.13) & (v < ve + 0.1)
        out[near] = "eyelids"
    return [str(x) for x in out]
