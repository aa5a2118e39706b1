"""QA F7-12: a face in a photo turned without its EXIF tag, or a tilted head, is found.

The face is looked for upright first; when none is found, on the photo turned
by 90, 270, 180, +25 and -25 degrees. The face found keeps its turn
(``Face.roll``) and the regions, the skin's seed and the eyes' cut-outs are
placed in the face's own frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from milia.imaging.analyze import analyze_photo
from milia.imaging.face import Face, detect_faces
from milia.imaging.regions import region_of
from milia.imaging.synth import make_photo

# An upright face box 200 x 200 px at (100, 100), eyes at row 175, cols 160 and 240 ...
UPRIGHT = Face(box=(100.0, 100.0, 300.0, 300.0), eyes=[(160, 140, 190, 180), (160, 220, 190, 260)])
# ... and the same face in the photo turned a quarter turn clockwise about the box's
# centre (200, 200): (row, col) -> (200 + col - 200, 200 - (row - 200)); turning the
# photo back, 90 degrees counter-clockwise, makes it upright.
TURNED = Face(
    box=(100.0, 100.0, 300.0, 300.0), eyes=[(145, 210, 175, 240), (225, 210, 255, 240)], roll=90.0
)


def clockwise(row: float, col: float) -> tuple[float, float]:
    return 200.0 + (col - 200.0), 200.0 - (row - 200.0)


def test_a_turned_face_maps_its_photo_back_to_upright() -> None:
    rows, cols = TURNED.to_upright(np.array([200.0, 200.0]), np.array([225.0, 270.0]))
    np.testing.assert_allclose(rows, [175.0, 130.0])
    np.testing.assert_allclose(cols, [200.0, 200.0])
    back = TURNED.to_upright(rows, cols, back=True)
    np.testing.assert_allclose(back, [[200.0, 200.0], [225.0, 270.0]], atol=1e-9)
    np.testing.assert_allclose(TURNED.upright().eye_centres(), UPRIGHT.eye_centres())


def test_regions_of_a_turned_face_are_named_in_its_frame() -> None:
    points = [(130.0, 200.0), (175.0, 160.0), (240.0, 140.0), (290.0, 200.0), (200.0, 200.0)]
    expected = region_of(
        np.array([p[0] for p in points]), np.array([p[1] for p in points]), UPRIGHT
    )
    assert expected == ["forehead", "eyelids", "cheeks", "chin_mouth", "nose"]
    turned = [clockwise(*p) for p in points]
    got = region_of(np.array([p[0] for p in turned]), np.array([p[1] for p in turned]), TURNED)
    assert got == expected  # before: the upright box's names at the turned points


def _small(rgb: np.ndarray) -> np.ndarray:
    import cv2

    f = 480 / max(rgb.shape[:2])
    size = (round(rgb.shape[1] * f), round(rgb.shape[0] * f))
    return np.asarray(cv2.resize(rgb, size, interpolation=cv2.INTER_AREA))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "group"), [("astronaut", "light"), ("astronaut", "dark"), ("grace_hopper", "dark")]
)
def test_a_photo_turned_without_its_exif_tag_finds_the_face(name: str, group: str) -> None:
    p = make_photo(name, ita_group=group, seed=2)
    for quarter_turns, roll in ((1, 270.0), (2, 180.0), (3, 90.0)):
        faces = detect_faces(_small(np.rot90(p.rgb, quarter_turns)))  # counter-clockwise
        assert faces, (quarter_turns, "no face")  # before: none
        assert faces[0].roll == roll
        assert faces[0].eyes


@pytest.mark.slow
def _upright_and_turned(rgb: Any) -> tuple[dict[str, Any], dict[str, Any], list[bool]]:
    """The analyses of a photo and of it turned counter-clockwise, and for each upright
    finding found again where np.rot90 put it, whether its region is named alike."""
    upright = analyze_photo(rgb)
    turned = analyze_photo(np.ascontiguousarray(np.rot90(rgb, 1)))  # counter-clockwise
    assert turned["face"] is not None  # before: no face found, no scale, every region 'other'
    ratio = turned["image"]["mm_per_pixel"] / upright["image"]["mm_per_pixel"]
    assert 0.9 < ratio < 1.1
    width = rgb.shape[1]
    same = []
    for les in upright["lesions"]:
        row, col = width - 1 - les["col"], les["row"]  # where np.rot90 put it
        there = [x for x in turned["lesions"] if np.hypot(x["row"] - row, x["col"] - col) < 10]
        if there:
            same.append(there[0]["region"] == les["region"])
    return upright, turned, same


def test_a_turned_photo_is_analysed_as_the_upright_one() -> None:
    p = make_photo("astronaut", ita_group="intermediate", seed=1)
    upright, turned, same = _upright_and_turned(p.rgb)
    assert turned["image"]["scale_source"] == "eye"
    assert len(same) >= len(upright["lesions"]) - 1  # 15 of 16
    assert sum(same) >= 0.9 * len(same)  # 15 of 15 named alike
    assert turned["counts"]["by_region"]["other"] <= upright["counts"]["by_region"]["other"] + 1


@pytest.mark.slow
def test_a_tilted_head_is_found() -> None:
    import cv2

    p = make_photo("astronaut", ita_group="intermediate", seed=2)
    small = _small(p.rgb)
    h, w = small.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), 25.0, 1.0)  # counter-clockwise
    tilted = cv2.warpAffine(small, turn, (w, h), borderMode=cv2.BORDER_REFLECT)
    faces = detect_faces(np.asarray(tilted))
    assert faces and faces[0].roll == pytest.approx(335.0)  # turned back by 25 clockwise
    assert len(faces[0].eyes) == 2


@pytest.mark.slow
def test_a_close_up_gets_no_turned_face() -> None:
    # A one-eyed box on this mouth-and-chin crop, turned by 25 degrees, was kept when
    # turned faces with one eye were: its scale called the crop too small (3 milia-like
    # found without it, 0 with it). A turned face needs both eyes.
    p = make_photo("astronaut", ita_group="dark", seed=5)
    h, w = p.rgb.shape[:2]
    crop = np.ascontiguousarray(p.rgb[int(h * 0.62) : int(h * 0.9), int(w * 0.3) : int(w * 0.7)])
    assert detect_faces(_small(crop)) == []


def test_an_upside_down_face_taken_upright_by_a_fallback_detector_is_turned() -> None:
    # QA F8-14: on this photo turned a half turn, the slow fallback cascade took the
    # upside-down face for an upright one without eyes (regions named upside down).
    p = make_photo("astronaut", ita_group="light", seed=3)
    faces = detect_faces(_small(np.ascontiguousarray(p.rgb[::-1, ::-1])))
    assert len(faces) == 1
    assert faces[0].roll == 180.0
    assert len(faces[0].eyes) == 2


def _tilted(rgb: np.ndarray, degrees: float) -> np.ndarray:
    import cv2

    h, w = rgb.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)  # counter-clockwise
    return np.asarray(cv2.warpAffine(rgb, turn, (w, h), borderMode=cv2.BORDER_REFLECT))


def test_a_turned_or_tilted_face_behind_glasses_is_found() -> None:
    # QA F8-14: Grace Hopper's eyes behind her glasses are not found, and a turned face
    # was kept only with both eyes: turned a quarter turn or tilted by 20 degrees, her
    # face was not found at all (every finding 'other', the scale a guess).
    from matplotlib import cbook
    from PIL import Image

    with Image.open(cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)) as image:
        hopper = _small(np.asarray(image.convert("RGB")))
    for photo, roll in (
        (hopper[::-1, ::-1], 180.0),  # QA F9-02: 'no face found' before
        (np.rot90(hopper, 1), 270.0),
        (np.rot90(hopper, 3), 90.0),
        (_tilted(hopper, 20.0), 335.0),
    ):
        faces = detect_faces(np.ascontiguousarray(photo))
        assert faces, roll  # before: none
        assert faces[0].roll == roll
        # the box is her face's: about 0.45 of the shorter side, at the photo's middle
        width = faces[0].width / min(photo.shape[:2])
        assert 0.35 < width < 0.55
        centre = np.array([faces[0].box[0] + faces[0].box[2], faces[0].box[1] + faces[0].box[3]])
        assert np.all(np.abs(centre / 2 / np.array(photo.shape[:2]) - 0.5) < 0.2)


@pytest.mark.slow
def test_a_turned_face_behind_glasses_is_analysed_as_the_upright_one() -> None:
    p = make_photo("grace_hopper", ita_group="light", seed=2)
    upright, _, same = _upright_and_turned(p.rgb)
    # 11 of 13 since photo-1.15: the upright analysis also finds a faint white dome on
    # the nose (a true milium, 1.5 mm, dE 18) that the turned one, resampled, misses.
    assert len(same) >= len(upright["lesions"]) - 2
    assert sum(same) >= 0.9 * len(same)  # 11 of 11 named alike
