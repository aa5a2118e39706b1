"""Without OpenCV's cascades (OpenCV 5 dropped them) faces are still found, on dark skin too.

scikit-image's LBP cascade is then the only face detector and no eye detector
is left: the face box alone sets the scale (its width, 20 % uncertainty), and
the analysis still searches and counts.
"""

from __future__ import annotations

import pytest

from milia.imaging import face as face_module
from milia.imaging.analyze import analyze_photo
from milia.imaging.synth import make_photo


@pytest.mark.slow
@pytest.mark.parametrize("group", ["light", "dark"])
def test_face_and_scale_from_scikit_image_alone(
    monkeypatch: pytest.MonkeyPatch, group: str
) -> None:
    monkeypatch.setattr(face_module, "_haar", lambda name: None)
    monkeypatch.setattr(face_module, "_lbp_opencv", lambda: None)
    photo = make_photo("astronaut", ita_group=group, px_per_mm=7.0, n_distractors=0, seed=3)
    result = analyze_photo(photo.rgb)
    assert result["face"] is not None and result["face"]["eyes"] == []
    assert result["image"]["scale_source"] == "face"
    assert result["image"]["mm_per_pixel"] == pytest.approx(photo.mm_per_pixel, rel=0.2)
    assert result["counts_reliable"] is True
    n_milia = sum(t["kind"] == "milia_like" for t in photo.truth)
    assert n_milia // 2 <= result["counts"]["milia_like"] <= n_milia + 2


def test_no_face_detector_at_all_degrades_to_no_face(monkeypatch: pytest.MonkeyPatch) -> None:
    # No cascade anywhere (a broken install): 'no face found', the skin still searched.
    monkeypatch.setattr(face_module, "_haar", lambda name: None)
    monkeypatch.setattr(face_module, "_lbp_opencv", lambda: None)
    monkeypatch.setattr(face_module, "_scan", lambda *a: [])
    photo = make_photo("astronaut", ita_group="dark", px_per_mm=7.0, n_distractors=0, seed=3)
    result = analyze_photo(photo.jpeg, mm_per_pixel=photo.mm_per_pixel)
    assert result["face"] is None and "no face found" in result["quality"]
    assert result["ita"] is not None and result["counts"]["milia_like"] >= 1
