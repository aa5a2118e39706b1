"""Face, eyes, regions and scale on the real face photos shipped in packages."""

from __future__ import annotations

import numpy as np
import pytest

from milia.imaging.face import Box, Face, _pick_eyes, detect_face, region_of
from milia.imaging.scale import EYE_DISTANCE_MM, estimate_scale
from milia.imaging.synth import background


def test_astronaut_face_and_both_eyes() -> None:
    face = detect_face(background("astronaut"))
    assert face is not None
    r0, c0, _, c1 = face.box
    # The face is at about rows 66-161, columns 177-272 (Haar on the original image).
    assert abs(r0 - 66) < 20 and abs(c0 - 177) < 20 and 70 < c1 - c0 < 130
    assert len(face.eyes) == 2
    assert face.eye_distance() == pytest.approx(45, abs=10)


def test_grace_hopper_face_found() -> None:
    face = detect_face(background("grace_hopper"))
    assert face is not None
    assert 150 < face.width < 300


def test_no_face_in_flat_image() -> None:
    assert detect_face(np.full((300, 300, 3), 180, np.uint8)) is None


def test_regions_from_face_and_eyes() -> None:
    face = Face(box=(100.0, 100.0, 300.0, 300.0), eyes=[(160, 140, 190, 180), (160, 220, 190, 260)])
    # forehead at row 120, inside the box: above its top (row 100) is other since QA F8-11
    rows = np.array([175.0, 120.0, 230.0, 240.0, 280.0, 50.0])
    cols = np.array([160.0, 200.0, 200.0, 130.0, 200.0, 20.0])
    assert region_of(rows, cols, face) == [
        "eyelids",
        "forehead",
        "nose",
        "cheeks",
        "chin_mouth",
        "other",
    ]
    assert region_of(rows, cols, None) == ["other"] * 6


def test_scale_sources() -> None:
    face = Face(box=(0.0, 0.0, 300.0, 300.0), eyes=[(90, 60, 130, 100), (90, 200, 130, 240)])
    eye = estimate_scale(face)
    assert eye.source == "eye"
    assert eye.mm_per_pixel == pytest.approx(EYE_DISTANCE_MM / 140)
    no_eyes = estimate_scale(Face(box=face.box))
    assert no_eyes.source == "face" and no_eyes.relative_uncertainty is not None
    assert estimate_scale(None).source == "none"
    assert estimate_scale(face, mm_per_pixel=0.05).source == "given"


def test_lbp_cascade_runs_in_opencv() -> None:
    # scikit-image's LBP cascade file is read by OpenCV (after fixing its misspelt tag).
    from milia.imaging.face import _lbp_opencv

    assert _lbp_opencv() is not None
    face = detect_face(background("astronaut"))
    assert face is not None and face.detector == "lbp"


def _hit(col: float, row: float = 40.0, size: float = 20.0) -> tuple[float, float, Box]:
    box = (row - size / 2, col - size / 2, row + size / 2, col + size / 2)
    return (row, col, box)


def test_eye_pair_is_symmetric_about_the_face() -> None:
    # Face box 200 px wide, centre at column 100: eyes at 55 and 145.
    left, right, frame = _hit(55), _hit(145), _hit(15)
    assert _pick_eyes([frame, left, right], 200) == [left[2], right[2]]
    # A glasses frame and one eye are not a pair: one eye is kept, the true one.
    assert _pick_eyes([frame, right], 200) == [right[2]]
    # The same eye twice, or a pair too tilted, is one eye.
    assert len(_pick_eyes([_hit(55), _hit(70)], 200)) == 1
    assert len(_pick_eyes([_hit(55, row=20), _hit(145, row=80)], 200)) == 1
    assert _pick_eyes([], 200) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["astronaut", "grace_hopper"])
@pytest.mark.parametrize("group", ["brown", "dark"])
def test_faces_and_eyes_found_on_darker_skin(name: str, group: str) -> None:
    # Cascade detectors miss more faces on dark skin: the three detectors in turn
    # must still find the face and both eyes on the recoloured benchmark faces.
    import cv2

    from milia.imaging.synth import make_photo

    photo = make_photo(
        name, ita_group=group, px_per_mm=4.0, n_milia=0, n_inflamed=0, n_distractors=0, seed=0
    )
    h, w = photo.rgb.shape[:2]
    f = 480 / max(h, w)
    small = cv2.resize(photo.rgb, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    face = detect_face(small)
    assert face is not None and len(face.eyes) == 2, face
    scale = estimate_scale(face.scaled(1 / f, 1 / f))
    assert scale.mm_per_pixel == pytest.approx(photo.mm_per_pixel, rel=0.15)


def _two_faces() -> tuple[np.ndarray, int]:
    """The two shipped faces side by side, a grey-blue wall between them; the right one's offset."""
    import cv2

    from milia.imaging.synth import BACKGROUNDS

    crops = []
    for name in ("astronaut", "grace_hopper"):
        _, (r0, r1), (c0, c1) = BACKGROUNDS[name]
        crop = background(name)[r0:r1, c0:c1]
        f = 320 / crop.shape[0]
        crops.append(cv2.resize(crop, (round(crop.shape[1] * f), 320)))
    left, right = crops
    gap = np.full((320, 120, 3), (90, 110, 140), np.uint8)
    return np.concatenate([left, gap, right], axis=1), left.shape[1] + 120


def test_every_face_is_found_largest_first() -> None:
    from milia.imaging.face import detect_faces

    both, offset = _two_faces()
    faces = detect_faces(both)
    assert len(faces) == 2
    assert faces[0].width >= faces[1].width
    sides = sorted((f.box[1] + f.box[3]) / 2 >= offset for f in faces)
    assert sides == [False, True]  # one face each side of the wall
    assert all(f.eyes for f in faces[1:])  # a further face shows an eye
    assert detect_face(both) == faces[0]
    # One face: the same face as before further faces were looked for.
    single = detect_faces(background("astronaut"))
    assert len(single) == 1 and single[0] == detect_face(background("astronaut"))


def test_later_detectors_look_only_around_a_face_without_both_eyes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Grace Hopper's glasses hide an eye from the first detector: the next ones scan only
    around its face (the box widened by NEAR_MARGIN), for faces of NEAR_SIZES its width."""
    import cv2

    from milia.imaging import face as face_module

    img = background("grace_hopper")
    h, w = img.shape[:2]
    f = 480 / max(h, w)
    small = cv2.resize(img, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    scans: list[tuple[str, tuple[int, ...], int, int]] = []
    scan = face_module._scan

    def spy(gray: np.ndarray, detector: str, lo: int, hi: int, min_face: int) -> list[Box]:
        scans.append((detector, gray.shape, lo, hi))
        return scan(gray, detector, lo, hi, min_face)

    monkeypatch.setattr(face_module, "_scan", spy)
    faces = face_module.detect_faces(small)
    assert faces and scans[0][0] == "lbp" and scans[0][1] == small.shape[:2]
    first = faces[0] if faces[0].detector == "lbp" else None
    assert len(scans) >= 2, "the first face shows both eyes: nothing to check"
    for detector, shape, lo, hi in scans[1:]:
        assert shape[0] * shape[1] < 0.8 * small.shape[0] * small.shape[1], detector
        assert 0 < lo < hi
        if first is not None:
            assert lo >= int(face_module.NEAR_SIZES[0] * first.width)
