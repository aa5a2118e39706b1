"""QA F11-15: a face small in the face search's copy has its eyes looked for on a local crop."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image
from skimage import data

from milia.imaging.analyze import analyze_photo
from milia.imaging.eyes_nearer import EYE_SEARCH_MIN_FACE_PX, eyes_nearer
from milia.imaging.face import Face
from milia.imaging.source import Source


def _astronaut(side: int) -> np.ndarray:
    return np.asarray(cv2.resize(data.astronaut(), (side, side), interpolation=cv2.INTER_CUBIC))


def _with_margins(rgb: np.ndarray) -> np.ndarray:
    """The photo with plain grey margins as wide as half of it on each side (QA's pad-both)."""
    grey = np.full((rgb.shape[0], rgb.shape[1] // 2, 3), 200, np.uint8)
    return np.concatenate([grey, rgb, grey], axis=1)


@pytest.mark.parametrize("as_file", [False, True])
def test_the_eyes_of_a_face_with_wide_margins_are_found(as_file: bool) -> None:
    alone = analyze_photo(_astronaut(1536))
    image: object = _with_margins(_astronaut(1536))
    if as_file:
        buffer = io.BytesIO()
        Image.fromarray(image).save(buffer, format="JPEG", quality=92)  # type: ignore[arg-type]
        image = buffer.getvalue()
    padded = analyze_photo(image)
    assert len(alone["face"]["eyes"]) == 2
    # Without the local search: no eye, and the scale from the face box (QA: 0.195
    # mm/px where the eyes of the same face alone said 0.240).
    assert len(padded["face"]["eyes"]) == 2
    assert padded["image"]["scale_source"] == "eye"
    assert padded["image"]["mm_per_pixel"] == pytest.approx(
        alone["image"]["mm_per_pixel"], rel=0.08
    )
    # The eyes are the same eyes, moved by the margin.
    shift = _astronaut(1536).shape[1] // 2
    for (r0, c0, r1, c1), (s0, d0, s1, d1) in zip(
        alone["face"]["eyes"], padded["face"]["eyes"], strict=True
    ):
        assert abs((r0 + r1) / 2 - (s0 + s1) / 2) < 25
        assert abs((c0 + c1) / 2 + shift - (d0 + d1) / 2) < 25


def test_a_face_large_enough_or_with_both_eyes_is_left_as_it_is() -> None:
    src = Source(_astronaut(1536), 50_000_000)
    src.decode(768)
    wide = Face(box=(300.0, 500.0, 1000.0, 1200.0))  # 700 px: 219 px in a 480 px copy
    assert eyes_nearer(src, wide, 480 / 1536) is wide
    paired = Face(box=(300.0, 500.0, 400.0, 600.0), eyes=[(1, 1, 2, 2), (1, 3, 2, 4)])
    assert eyes_nearer(src, paired, 480 / 1536) is paired
    small = Face(box=(300.0, 500.0, 400.0, 600.0))  # 100 px: 31 px in the copy
    assert small.width * 480 / 1536 < EYE_SEARCH_MIN_FACE_PX
    assert eyes_nearer(src, small, 480 / 1536).box == small.box


def test_a_face_whose_eyes_are_not_found_says_so() -> None:
    from matplotlib import cbook

    with Image.open(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) as image:
        rgb = np.asarray(image.convert("RGB"))
    for mm in (None, 0.5):
        result = analyze_photo(rgb, mm_per_pixel=mm)
        assert result["face"] is not None and result["face"]["eyes"] == []  # behind glasses
        notes = [d for d in result["quality_details"] if d.startswith("The eyes were not found")]
        assert len(notes) == 1 and "eyelids, forehead or cheeks" in notes[0]
        assert ("scale comes from the face's width" in notes[0]) is (mm is None)
    with_eyes = analyze_photo(_astronaut(1536))
    assert not any(d.startswith("The eyes were not") for d in with_eyes["quality_details"])
