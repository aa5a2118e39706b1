"""Facial regions of findings, placed from a face box and its eyes.

Regions (contract ``../shared/spec/photo-format.md``): ``eyelids`` (around
the eyes), ``forehead``, ``nose``, ``cheeks``, ``chin_mouth`` and ``other``
(no face, or outside these). They are fractions of the face box, anchored
on the eyes when they are found (u across the box, v down it, 0-1):

- ``forehead``: above the brows (v < eye line - 0.12), across the box
  (0.08 < u < 0.92) and up to the hairline, taken as 0.6 box heights above
  the eye line (an adult's hairline lies about 70-85 mm above the pupils,
  the face box being about 135 mm tall: a team estimate), but not above the
  face box's top (:data:`FOREHEAD_TOP`, QA F8-11: a fringe of hair reaches
  below the hairline, and findings in the astronaut's hair 4 and 23 mm above
  her box were named forehead); above it lie hair or scalp, or an upper
  forehead that cannot be told from hair by place, ``other``. In the midline it reaches down to the glabella,
  between the brows (v < eye line - 0.06);
- ``nose``: the midline (|u - mid-eye| < 0.13) from its root between the
  eyes (v >= eye line - 0.06) to v < 0.72;
- ``cheeks``: below the eyes (v >= eye line + 0.06, v < 0.8);
- ``chin_mouth``: the lower midline (|u - mid-eye| < 0.32, 0.72 <= v < 1.12:
  the chin ends about a tenth of the box below it; the neck is ``other``);
- ``eyelids``: around each eye, over the others, but not in the midline strip between
  the eyes (|u - mid-eye| < 0.06: glabella above the nose's root, nose below it);
- ``other``: everything else (temples, ears, neck, hair).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from milia.imaging.face import Face

__all__ = ["FOREHEAD_TOP", "MIDLINE_NOT_EYELID", "REGIONS", "region_of", "regions_by_face"]

REGIONS = ("eyelids", "forehead", "nose", "cheeks", "chin_mouth", "other")
#: Where the chin ends, face-box heights from the box's top: the benchmark faces'
#: chins lie 0.99-1.10 box heights down; below is the neck (QA F6-06: a finding
#: 19 mm below the box, on the neck, was 'chin_mouth' when this was 1.25).
CHIN_BELOW_BOX = 1.12
#: Hairline above the eye line, face-box heights.
HAIRLINE_ABOVE_EYES = 0.6
#: The forehead's top, face-box heights from the box's top (0: the box's top edge). The
#: benchmark's forehead milia lie 0.13 box heights or more below it; all its findings
#: named forehead above it were false (4 on bench/photo_same.py's corpus).
FOREHEAD_TOP = 0.0
#: Where the forehead (glabella) meets the nose's root in the midline, face-box
#: heights above the eye line.
GLABELLA_ABOVE_EYES = 0.06
#: Half the width of the midline strip between the eyes that is never eyelid, face-box
#: widths: the glabella and the nose's root (QA F10-17: a bump between the brows was
#: 'eyelids', the eyelid zone reaching 0.17 box widths from an eye's centre). The
#: inner corners of the eyes lie about 0.11 box widths from the midline (an
#: intercanthal distance of about 30 mm in a box of about 135 mm: a team estimate).
MIDLINE_NOT_EYELID = 0.06


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
    if face.roll:  # a turned photo or a tilted head: name the points in the face's frame
        rows, cols = face.to_upright(rows, cols)
        face = face.upright()
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
    below_hair = (v > eye_v - HAIRLINE_ABOVE_EYES) & (v >= FOREHEAD_TOP)
    midline = np.abs(u - mid_u) < 0.13
    out[inside & below_hair & (v < eye_v - 0.12) & (u > 0.08) & (u < 0.92)] = "forehead"
    # The glabella, between the brows, is forehead; the nose's root between the eyes
    # is nose (QA F4-64: a bump between the eyes was 'other').
    out[midline & below_hair & (v < eye_v - GLABELLA_ABOVE_EYES)] = "forehead"
    out[inside & (v >= eye_v + 0.06) & (v < 0.8)] = "cheeks"
    out[midline & (v >= eye_v - GLABELLA_ABOVE_EYES) & (v < 0.72)] = "nose"
    out[(np.abs(u - mid_u) < 0.32) & (v >= 0.72) & (v < CHIN_BELOW_BOX)] = "chin_mouth"
    between_eyes = np.abs(u - mid_u) < MIDLINE_NOT_EYELID
    for ue, ve in eyes_uv:
        near = (np.abs(u - ue) < 0.17) & (v > ve - 0.13) & (v < ve + 0.1) & ~between_eyes
        out[near] = "eyelids"
    return [str(x) for x in out]


def regions_by_face(
    rows: NDArray[np.float64], cols: NDArray[np.float64], faces: list[Face]
) -> tuple[list[str], list[int]]:
    """Name the region of each point by the face nearest to it.

    The nearest face is the one whose box centre is closest in units of that
    face's width; with one face (or none) this is :func:`region_of` of it.

    Returns
    -------
    regions : list of str
        One of :data:`REGIONS` per point.
    index : list of int
        The index in ``faces`` of each point's face (0 without faces).
    """
    rows = np.asarray(rows, dtype=np.float64)
    cols = np.asarray(cols, dtype=np.float64)
    if len(faces) <= 1:
        return region_of(rows, cols, faces[0] if faces else None), [0] * len(rows)
    reach = np.stack(
        [
            np.hypot(rows - (f.box[0] + f.box[2]) / 2, cols - (f.box[1] + f.box[3]) / 2)
            / max(f.width, 1.0)
            for f in faces
        ]
    )
    index = [int(k) for k in np.argmin(reach, axis=0)]
    regions = ["other"] * len(rows)
    for k, face in enumerate(faces):
        mine = [j for j, i in enumerate(index) if i == k]
        for j, region in zip(mine, region_of(rows[mine], cols[mine], face), strict=True):
            regions[j] = region
    return regions, index
