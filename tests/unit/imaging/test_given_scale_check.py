"""QA F6-11: a given scale several times off the face's own is said, and the counts are doubted."""

from __future__ import annotations

import re

import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.face import Face
from milia.imaging.scale import MAX_GIVEN_TO_FACE_FACTOR, given_versus_face
from milia.imaging.synth import make_photo


def test_given_versus_face_is_none_within_the_factor() -> None:
    face = Face(box=(0.0, 0.0, 270.0, 270.0))  # no eyes: 135 mm / 270 px = 0.5 mm/px
    assert given_versus_face(0.5, face) is None
    assert given_versus_face(0.5 * MAX_GIVEN_TO_FACE_FACTOR * 0.99, face) is None
    assert given_versus_face(0.5 / MAX_GIVEN_TO_FACE_FACTOR * 1.01, face) is None
    off = given_versus_face(0.1, face)
    assert off is not None and off[0] == pytest.approx(0.2) and off[1].source == "face"


@pytest.mark.slow
def test_a_scale_far_off_the_face_makes_the_count_unreliable() -> None:
    p = make_photo("astronaut", ita_group="light", seed=3)
    right = analyze_photo(p.jpeg, mm_per_pixel=p.mm_per_pixel)
    assert "scale disagrees with face" not in right["quality"]
    assert right["face"] is not None
    for wrong in (p.mm_per_pixel / 5, p.mm_per_pixel * 5):
        res = analyze_photo(p.jpeg, mm_per_pixel=wrong)
        assert "scale disagrees with face" in res["quality"]
        assert res["counts_reliable"] is False
        note = " ".join(res["quality_details"])
        times = float(re.search(r"is ([0-9.]+) times", note).group(1))  # type: ignore[union-attr]
        assert 3.5 < times < 7.0  # 5x off, within the face estimate's 12-20 %
        assert ("finer" in note) == (wrong < p.mm_per_pixel)
