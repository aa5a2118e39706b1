"""A whole face not found (sideways, upside down) leaves the scale a guess: not a reliable count."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.synth import SyntheticPhoto, make_photo


@cache
def face() -> SyntheticPhoto:
    return make_photo("astronaut", ita_group="light", px_per_mm=7.0, n_distractors=0, seed=3)


def test_upright_face_sets_the_scale_and_the_count_stands() -> None:
    result = analyze_photo(face().rgb)
    assert result["face"] is not None and result["image"]["mm_per_pixel"] is not None
    assert result["counts_reliable"] is True


@pytest.mark.parametrize("turns", [1, 2])
def test_face_not_found_without_a_scale_is_not_a_reliable_count(turns: int) -> None:
    # QA F4-60: the sideways face was read at an assumed 80-mm close-up scale,
    # 0 of 8 milia found, and counts_reliable was true.
    result = analyze_photo(np.ascontiguousarray(np.rot90(face().rgb, turns)))
    assert result["face"] is None and "no face found" in result["quality"]
    assert result["counts_reliable"] is False
    note = " ".join(result["quality_details"])
    assert "No face was found, so the size of the skin was guessed" in note
    assert "Turn the photo upright" in note and "--mm-per-pixel" in note


def test_face_not_found_with_a_given_scale_keeps_its_count() -> None:
    photo = face()
    result = analyze_photo(
        np.ascontiguousarray(np.rot90(photo.rgb)), mm_per_pixel=photo.mm_per_pixel
    )
    assert result["face"] is None
    assert result["counts_reliable"] is True
    assert "size of the skin was guessed" not in " ".join(result["quality_details"])
