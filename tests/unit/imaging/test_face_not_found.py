"""A whole face not found leaves the scale a guess: not a reliable count.

Since QA F7-12 a face turned by a quarter or half turn (or tilted ~25 degrees) is
looked for turned back, so the face not found here is turned by 135 degrees.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from milia.imaging.analyze import analyze_photo
from milia.imaging.synth import SyntheticPhoto, make_photo


@cache
def face() -> SyntheticPhoto:
    return make_photo("astronaut", ita_group="light", px_per_mm=7.0, n_distractors=0, seed=3)


def turned_far(rgb: np.ndarray) -> np.ndarray:
    """The photo turned by 135 degrees (between the turns tried), on a canvas that holds it."""
    import cv2

    h, w = rgb.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 135.0, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = round(h * sin + w * cos), round(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return np.asarray(cv2.warpAffine(rgb, m, (nw, nh), borderMode=cv2.BORDER_REPLICATE))


def test_upright_face_sets_the_scale_and_the_count_stands() -> None:
    result = analyze_photo(face().rgb)
    assert result["face"] is not None and result["image"]["mm_per_pixel"] is not None
    assert result["counts_reliable"] is True


def test_face_not_found_without_a_scale_is_not_a_reliable_count() -> None:
    # QA F4-60: the sideways face was read at an assumed 80-mm close-up scale,
    # 0 of 8 milia found, and counts_reliable was true.
    result = analyze_photo(turned_far(face().rgb))
    assert result["face"] is None and "no face found" in result["quality"]
    assert result["counts_reliable"] is False
    note = " ".join(result["quality_details"])
    assert "No face was found, so the size of the skin was guessed" in note
    assert "Turn the photo upright" in note and "--mm-per-pixel" in note


def test_face_not_found_with_a_given_scale_keeps_its_count() -> None:
    photo = face()
    result = analyze_photo(turned_far(photo.rgb), mm_per_pixel=photo.mm_per_pixel)
    assert result["face"] is None
    assert result["counts_reliable"] is True
    assert "size of the skin was guessed" not in " ".join(result["quality_details"])
