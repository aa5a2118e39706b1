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

from milia.imaging.face import Box, Face, _boxes, _face_boxes, _find_eyes, _lbp_opencv

__all__ = ["TURNED_SCALE_FACTOR", "TURNED_SIDE_PX", "TURNS", "turned_face", "upside_down_face"]


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

    Only a face with both eyes is kept (an upright face is kept with fewer):
    five more searches make more false boxes, and on 36 faceless close-up
    crops of the benchmark photos (cheek, forehead, mouth and chin) a one-eyed
    turned box was found once and set a scale that called the photo too small
    (3 milia-like found before, 0). Returned in the image's px with
    :attr:`Face.roll` set; None when no turn shows a face with both eyes.
    """
    import cv2

    f = min(1.0, TURNED_SIDE_PX / max(gray.shape))
    small = gray
    if f < 1.0:
        size = (max(1, round(gray.shape[1] * f)), max(1, round(gray.shape[0] * f)))
        small = np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_AREA), np.uint8)
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
        refined = _face_boxes(turned, "lbp", max(24, min(turned.shape) // 5), near=box)
        box = refined[0] if refined else box
        face = Face(box=box, eyes=_find_eyes(turned, box), detector="lbp")
        if len(face.eyes) == 2:
            return _from_turned(face, m, deg)
    return None


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
