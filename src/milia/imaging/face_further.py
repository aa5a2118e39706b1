"""Further faces beside the main one, and the check of a main face upside down.

:func:`~milia.imaging.face.detect_faces` keeps the main face; the other boxes
of the detectors it ran are sorted here (QA F4-61, F8-33). A face whose eyes are
not found (glasses, darker skin) is kept when about as large as the main face:
two people in one photo stand at about the same distance, and a face left out
is a face whose milia are not counted.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from milia.imaging.face import Box, Face, _find_eyes

__all__ = ["EYELESS_FURTHER_FACE_WIDTH", "MIN_FURTHER_FACE_WIDTH", "further_faces"]

#: A further face is kept when at least this wide, as a fraction of the first
#: face's width (two people in one photo stand at about the same distance) ...
MIN_FURTHER_FACE_WIDTH = 0.4
#: ... and, when no eye is found in it, at least this wide (QA F8-33: Grace Hopper's
#: eyes behind her glasses are never found; her box beside the astronaut's is 0.9 of
#: it). A box without an eye and much smaller than the face is mostly skin texture
#: or the scene.
EYELESS_FURTHER_FACE_WIDTH = 0.7


def _overlap(a: Box, b: Box) -> bool:
    """Whether two boxes ``(row0, col0, row1, col1)`` share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def further_faces(
    gray: NDArray[np.uint8], found: list[tuple[str, Box]], main: Face, *, max_faces: int
) -> list[Face]:
    """The main face, then the other faces among the detectors' boxes, largest first.

    Parameters
    ----------
    gray : ndarray, shape (M, N), uint8
        The equalised detection image.
    found : list of (str, tuple)
        Every box ``(row0, col0, row1, col1)`` (px) of every detector run, with its
        detector's name, in the order run (each detector's largest first).
    main : Face
        The main face.
    max_faces : int
        At most this many faces in all.

    Returns
    -------
    list of Face
        ``main`` first. A further face overlaps no face kept, is at least
        :data:`MIN_FURTHER_FACE_WIDTH` of the main face's width and shows an eye,
        or is at least :data:`EYELESS_FURTHER_FACE_WIDTH` of it (``eyes`` empty:
        :func:`milia.imaging.analyze.analyze_photo` searches it only when its
        middle is skin-coloured, and says so when not).
    """
    faces = [main]
    for detector, box in found:
        if len(faces) >= max_faces:
            break
        width = box[3] - box[1]
        if width < MIN_FURTHER_FACE_WIDTH * main.width:
            continue
        if any(_overlap(box, kept.box) for kept in faces):
            continue
        eyes = _find_eyes(gray, box)
        if eyes or width >= EYELESS_FURTHER_FACE_WIDTH * main.width:
            faces.append(Face(box=box, eyes=eyes, detector=detector))
    return faces
