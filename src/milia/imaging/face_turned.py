"""The face search on turned copies of a photo (QA F7-12).

A photo turned a quarter or half turn without its EXIF orientation tag, or a
head tilted by 20-30 degrees, shows no upright face to the cascades of
:mod:`milia.imaging.face`. When none is found upright, :func:`turned_face`
looks again on the detection image turned by :data:`TURNS` and returns the
face in the photo's px with :attr:`~milia.imaging.face.Face.roll` set.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.face import (
    NEAR_MARGIN,
    NEAR_SIZES,
    Box,
    Face,
    _boxes,
    _face_boxes,
    _find_eyes,
)
from milia.imaging.face_cascades import haar as _haar
from milia.imaging.face_cascades import lbp_opencv as _lbp_opencv

__all__ = [
    "TURNED_HAAR_NEIGHBOURS",
    "TURNED_MIN_SYMMETRY",
    "TURNED_SCALE_FACTOR",
    "TURNED_SIDE_PX",
    "TURNS",
    "mirror_symmetry",
    "turned_face",
    "upside_down_face",
]


#: When no upright face with both eyes is found, the fast detector looks again on the
#: photo turned by these angles (degrees counter-clockwise): a photo turned a quarter
#: or half turn without its EXIF tag, then a head tilted either way (the cascades
#: themselves take about +-15 degrees of tilt).
TURNS = (90.0, 270.0, 180.0, 25.0, -25.0)
#: ... on a copy at most this many px on its longer side (a face that fills a
#: turned portrait is large; the eyes are then looked for at the full detection size).
TURNED_SIDE_PX = 320


def _turn(gray: NDArray[np.uint8], deg: float) -> tuple[NDArray[np.uint8], NDArray[np.float64]]:
    """The image turned by ``deg`` counter-clockwise on a canvas that holds all of it,
    and the 2 x 3 affine matrix from the image's (x, y) to the turned one's."""
    import cv2

    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = round(h * sin + w * cos), round(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    fill = int(np.median(gray))
    out = cv2.warpAffine(gray, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=fill)
    return np.asarray(out, dtype=np.uint8), np.asarray(m, dtype=np.float64)


def turned_face(gray: NDArray[np.uint8]) -> Face | None:
    """The face of the first turn in :data:`TURNS` whose face box shows both eyes.

    A turned face with both eyes is taken first (an upright face is kept with
    fewer): five more searches make more false boxes, and on 36 faceless
    close-up crops of the benchmark photos (cheek, forehead, mouth and chin) a
    one-eyed turned box was once kept and set a scale that called the photo too
    small (3 milia-like found before, 0). When no turn shows both eyes, the
    first turned face that the LBP cascade finds on the small copy and again at
    the full detection size, that Haar's ``alt2`` cascade sees too
    (:func:`_seen_by_haar`) and that is about as symmetric as a face
    (:data:`TURNED_MIN_SYMMETRY`) is taken, eyes or not (QA F8-14: Grace Hopper's eyes
    behind her glasses are seldom found, so her face turned or tilted was never
    found). Returned in the image's px with :attr:`Face.roll` set; None when no
    turn shows such a face.
    """
    import cv2

    f = min(1.0, TURNED_SIDE_PX / max(gray.shape))
    small = gray
    if f < 1.0:
        size = (max(1, round(gray.shape[1] * f)), max(1, round(gray.shape[0] * f)))
        small = np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_AREA), np.uint8)
    confirmed: Face | None = None  # the first turned face without both eyes seen twice
    for deg in TURNS:
        turned_small, _ = _turn(small, deg)
        boxes = _turned_boxes(turned_small)
        if not boxes:
            continue
        turned, m = _turn(gray, deg)
        fr = turned.shape[0] / turned_small.shape[0]
        fc = turned.shape[1] / turned_small.shape[1]
        b = boxes[0]
        box = (b[0] * fr, b[1] * fc, b[2] * fr, b[3] * fc)
        # The box again at the full detection size, as an upright search would give it
        # (the small copy's box was 9-16 % narrower on the benchmark's faces).
        min_face = max(24, min(turned.shape) // 5)
        refined = _face_boxes(turned, "lbp", min_face, near=box)
        box = refined[0] if refined else box
        face = Face(box=box, eyes=_find_eyes(turned, box), detector="lbp")
        if len(face.eyes) == 2:
            return _from_turned(face, m, deg)
        if (
            confirmed is None
            and refined
            and _seen_by_haar(turned, box)
            and mirror_symmetry(turned, box) >= TURNED_MIN_SYMMETRY
        ):
            # QA F8-14: eyes behind glasses are seldom found; a face the LBP cascade
            # finds at both sizes, a Haar cascade finds there too and that is about as
            # symmetric as a face is kept.
            confirmed = _from_turned(face, m, deg)
    return confirmed


#: A turned face without both eyes is kept when OpenCV's Haar cascade
#: ``haarcascade_frontalface_alt2`` finds a face of 0.6-1.6 times its width within
#: half a width of it with at least this many neighbours (raw detections grouped):
#: Grace Hopper's turned and tilted faces (glasses; eyes seldom found) 4-21 raw
#: detections, false boxes on faceless close-up crops 0-1 (one of 5: 12).
TURNED_HAAR_NEIGHBOURS = 2


#: ... and when its box (in the turned copy) is at least this mirror-symmetric
#: (:func:`mirror_symmetry`): Grace Hopper turned or tilted 0.79-0.90 (eyes behind
#: glasses; the native photo and 6 ITA groups); the astronaut turned 135 degrees,
#: boxed by the 270-degree turn (its face then 45 degrees off upright), 0.65; boxes
#: Haar confirmed on faceless crops of cheek, nose, mouth and chin 0.48-0.92.
TURNED_MIN_SYMMETRY = 0.75


def mirror_symmetry(gray: NDArray[np.uint8], box: Box) -> float:
    """The correlation of a box's left half with its right half mirrored (-1 to 1).

    The box is resized to 64 x 64 px and blurred (1.5 px) first, so that only
    the face's large features count (eyes, brows, nose, mouth, the cheeks' shading).

    Parameters
    ----------
    gray : ndarray, shape (M, N), uint8
        The image in the face's upright frame.
    box : tuple of float
        ``(row0, col0, row1, col1)`` in its px.
    """
    import cv2

    r0, c0, r1, c1 = (max(0, round(v)) for v in box)
    part = gray[r0:r1, c0:c1]
    if min(part.shape) < 8:
        return 0.0
    g = cv2.resize(part.astype(np.float32), (64, 64), interpolation=cv2.INTER_AREA)
    g = cv2.GaussianBlur(g, (0, 0), 1.5)
    left, right = g[:, :32], g[:, 32:][:, ::-1]
    left, right = left - left.mean(), right - right.mean()
    norm = float(np.sqrt((left * left).sum() * (right * right).sum()))
    return float((left * right).sum()) / norm if norm > 0 else 0.0


def _seen_by_haar(gray: NDArray[np.uint8], box: Box) -> bool:
    """Whether the Haar cascade (alt2) also finds a face at ``box`` (:data:`TURNED_HAAR_NEIGHBOURS`)."""
    cascade = _haar("haarcascade_frontalface_alt2.xml")
    if cascade is None:
        return False
    w = box[3] - box[1]
    margin = NEAR_MARGIN * w
    top, left = max(0, int(box[0] - margin)), max(0, int(box[1] - margin))
    near = np.ascontiguousarray(
        gray[top : int(box[2] + margin) + 1, left : int(box[3] + margin) + 1]
    )
    lo, hi = int(NEAR_SIZES[0] * w), int(NEAR_SIZES[1] * w)
    if lo > min(near.shape):
        return False
    found = cascade.detectMultiScale(
        near,
        scaleFactor=1.1,
        minNeighbors=TURNED_HAAR_NEIGHBOURS,
        minSize=(lo, lo),
        maxSize=(hi, hi),
    )
    return len(found) > 0


#: The turned copies' scale step, as the upright search's (1.1 costs 12 % less but lost
#: 4 of 6 turned dark faces of the benchmark).
TURNED_SCALE_FACTOR = 1.05


def _turned_boxes(gray: NDArray[np.uint8]) -> list[Box]:
    """Face boxes of the fast LBP cascade on a turned copy, largest first."""
    lbp = _lbp_opencv()
    if lbp is None:
        return []
    min_face = max(24, min(gray.shape) // 5)
    found = lbp.detectMultiScale(
        gray, scaleFactor=TURNED_SCALE_FACTOR, minNeighbors=5, minSize=(min_face, min_face)
    )
    return _boxes(found)


def _from_turned(face: Face, m: NDArray[np.float64], deg: float) -> Face:
    """A face found on a turned copy (affine ``m`` from the image to it) in the image's px."""
    import cv2

    back = cv2.invertAffineTransform(m)

    def centred(b: Box) -> Box:
        y, x = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        col = back[0, 0] * x + back[0, 1] * y + back[0, 2]
        row = back[1, 0] * x + back[1, 1] * y + back[1, 2]
        hr, hc = (b[2] - b[0]) / 2, (b[3] - b[1]) / 2
        return (float(row - hr), float(col - hc), float(row + hr), float(col + hc))

    eyes = sorted((centred(e) for e in face.eyes), key=lambda e: (e[1], e[0]))
    return Face(box=centred(face.box), eyes=eyes, detector=face.detector, roll=deg % 360.0)


def upside_down_face(gray: NDArray[np.uint8], min_face: int) -> Face | None:
    """The face of the image turned a half turn, when the fast cascade finds one there.

    Called for a main face without an eye that only a fallback detector found
    upright (QA F8-14: a photo of Grace Hopper, whose eyes behind her glasses are
    never found, turned 180 degrees without its EXIF tag gave an upside-down
    "upright" face, and forehead milia were named chin_mouth). The fast LBP
    cascade finds no upright face there but finds it turned (and no face on the
    same photos upright turned upside down), so its face is taken, with
    :attr:`Face.roll` 180, eyes or not.

    Parameters
    ----------
    gray : ndarray, shape (M, N), uint8
        The equalised detection image.
    min_face : int
        Smallest face width searched, px.

    Returns
    -------
    Face or None
        In the image's px; None when the turned image shows no face either.
    """
    turned = np.ascontiguousarray(gray[::-1, ::-1])
    boxes = _face_boxes(turned, "lbp", min_face)
    if not boxes:
        return None
    h, w = gray.shape

    def back(b: Box) -> Box:
        return (h - b[2], w - b[3], h - b[0], w - b[1])

    eyes = sorted((back(e) for e in _find_eyes(turned, boxes[0])), key=lambda e: (e[1], e[0]))
    return Face(box=back(boxes[0]), eyes=eyes, detector="lbp", roll=180.0)
