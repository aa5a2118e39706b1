"""The eyes of a face that is small in the face search's copy, searched again on a local crop.

The face search runs on a copy of about 480 px on the longer side. A face that
spans less than :data:`EYE_SEARCH_MIN_FACE_PX` of it has eyes of under about
20 px, the Haar eye cascade's smallest window, so they were never found (QA
F11-15: the same face with plain margins, or two faces side by side, lost both
eyes, its eyelid findings and its scale from the eyes). Such a face's eyes are
looked for again on a crop of the photo around its box, made at the size where
the box is :data:`EYE_CROP_FACE_PX` wide: the eye search no longer depends on
the margin around the face. Faces already large enough are left as they are.
"""

from __future__ import annotations

from milia.imaging.face import Face, _equalised_gray, _find_eyes
from milia.imaging.source import Source

__all__ = ["EYE_CROP_FACE_PX", "EYE_CROP_MARGIN", "EYE_SEARCH_MIN_FACE_PX", "eyes_nearer"]

#: A face box narrower than this in the face search's copy (px) without both eyes has
#: its eyes looked for again (the astronaut alone: 105 px, eyes found; with plain
#: margins: 54 px, none found) ...
EYE_SEARCH_MIN_FACE_PX = 100
#: ... on a crop in which the face box is this wide, px ...
EYE_CROP_FACE_PX = 120
#: ... and which reaches this share of the box's width beyond it on every side.
EYE_CROP_MARGIN = 0.1


def eyes_nearer(src: Source, face: Face, detect_scale: float) -> Face:
    """``face`` (photo px) with the eyes found on a local crop, when it was small and lacked them.

    Parameters
    ----------
    src : Source
        The photo, decoded already (:meth:`Source.decode`).
    face : Face
        A face found on the face search's copy, in photo px.
    detect_scale : float
        Px of that copy per photo px.

    Returns
    -------
    Face
        ``face`` itself when it is wide enough in the copy, has both eyes, is
        turned (``roll``), or the crop shows no more eyes; else the same box
        with the eyes found on the crop (photo px).
    """
    if len(face.eyes) >= 2 or face.roll or face.width * detect_scale >= EYE_SEARCH_MIN_FACE_PX:
        return face
    margin = EYE_CROP_MARGIN * face.width
    top, left, bottom, right = face.box
    crop, (row0, col0), (per_row, per_col) = src.crop(
        (top - margin, left - margin, bottom + margin, right + margin),
        EYE_CROP_FACE_PX / face.width,
    )
    if face.width / per_col < EYE_SEARCH_MIN_FACE_PX:
        return face  # the photo itself holds no larger face
    box = (
        (top - row0) / per_row,
        (left - col0) / per_col,
        (bottom - row0) / per_row,
        (right - col0) / per_col,
    )
    eyes = _find_eyes(_equalised_gray(crop), box)
    if len(eyes) <= len(face.eyes):
        return face
    found = [
        (row0 + e[0] * per_row, col0 + e[1] * per_col, row0 + e[2] * per_row, col0 + e[3] * per_col)
        for e in eyes
    ]
    return Face(box=face.box, eyes=found, detector=face.detector, roll=face.roll)
