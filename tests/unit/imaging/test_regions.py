"""Facial regions placed from a face box and its eyes (milia.imaging.regions), QA F4-64."""

from __future__ import annotations

import numpy as np

from milia.imaging import face as face_module
from milia.imaging.face import Face
from milia.imaging.regions import (
    FOREHEAD_TOP,
    HAIRLINE_ABOVE_EYES,
    REGIONS,
    region_of,
    regions_by_face,
)

# Face box 200 x 200 px at (100, 100); eye centres at row 175 (v = 0.375), cols 160 and 240.
FACE = Face(box=(100.0, 100.0, 300.0, 300.0), eyes=[(160, 140, 190, 180), (160, 220, 190, 260)])


def regions(*points: tuple[float, float]) -> list[str]:
    rows = np.array([p[0] for p in points], dtype=np.float64)
    cols = np.array([p[1] for p in points], dtype=np.float64)
    return region_of(rows, cols, FACE)


def test_between_the_eyes_is_the_nose_root_not_other() -> None:
    # QA F4-64: midway between the eyes, at eye level, was 'other'
    assert regions((175.0, 200.0), (180.0, 200.0)) == ["nose", "nose"]


def test_between_the_brows_is_forehead() -> None:
    # the glabella: 0.09 box heights above the eye line, in the midline
    assert regions((157.0, 200.0)) == ["forehead"]


def test_between_close_set_eyes_the_midline_is_not_eyelid() -> None:
    """QA F10-17: a bump between the brows above the glasses' bridge was 'eyelids'.

    With eyes 0.3 box widths apart (centres at u 0.35 and 0.65) the eyelid zones
    (0.17 box widths from each centre) met in the midline.
    """
    close = Face(
        box=(100.0, 100.0, 300.0, 300.0), eyes=[(160, 150, 190, 190), (160, 210, 190, 250)]
    )
    rows = np.array([162.0, 175.0, 162.0, 175.0])
    cols = np.array([205.0, 205.0, 180.0, 230.0])  # midline (u 0.525) twice, then over each eye
    assert region_of(rows, cols, close) == ["forehead", "nose", "eyelids", "eyelids"]


def test_hair_above_the_hairline_is_other() -> None:
    # QA F4-64: a spot in the hair was 'forehead' (it reached 0.45 box heights above the box)
    hairline_row = 175.0 - HAIRLINE_ABOVE_EYES * 200.0
    assert regions((hairline_row - 20.0, 200.0), (40.0, 150.0)) == ["other", "other"]
    assert regions((105.0, 200.0), (130.0, 150.0)) == ["forehead", "forehead"]


def test_above_the_face_box_is_not_forehead() -> None:
    # QA F8-11: a finding in the astronaut's fringe, 0.04 box heights above her face box
    # and below the hairline estimate (0.6 box heights above the eyes), was 'forehead'.
    hairline_row = 175.0 - HAIRLINE_ABOVE_EYES * 200.0
    top = 100.0 + FOREHEAD_TOP * 200.0
    assert hairline_row < top - 8.0
    assert regions((top - 8.0, 200.0), (top - 8.0, 150.0)) == ["other", "other"]
    assert regions((top + 2.0, 200.0)) == ["forehead"]


def test_lateral_gap_beside_the_eyes_stays_other() -> None:
    # the temples, beside the eyes, are none of the named regions
    assert regions((175.0, 105.0)) == ["other"]


def test_every_region_name_is_in_the_contract() -> None:
    rng = np.random.default_rng(0)
    rows, cols = rng.uniform(0, 400, 500), rng.uniform(0, 400, 500)
    assert set(region_of(rows, cols, FACE)) <= set(REGIONS)


def test_face_module_re_exports_the_region_functions() -> None:
    assert face_module.region_of is region_of
    assert face_module.regions_by_face is regions_by_face
    assert face_module.REGIONS == REGIONS


def test_neck_below_the_chin_is_other() -> None:
    # QA F6-06: 19 mm below the face box (box ~135 mm: 0.14 box heights) is the neck
    below = 300.0 + 0.14 * 200.0
    assert regions((below, 200.0)) == ["other"]
    assert regions((300.0 + 0.05 * 200.0, 200.0)) == ["chin_mouth"]
