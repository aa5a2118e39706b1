"""QA F12-15 (CLI text): the unreliable-count headline reads as words, and no scale 'from face'
is printed for a photo where no skin was found."""

from __future__ import annotations

from typing import Any

from milia.cli.photo import _text


def _result(quality: list[str], *, reliable: bool = False) -> dict[str, Any]:
    return {
        "image": {"width": 800, "height": 600, "mm_per_pixel": 1.9565, "scale_source": "face"},
        "counts": {"milia_like": 0, "inflamed": 0, "by_region": {}},
        "lesions": [],
        "counts_reliable": reliable,
        "quality": quality,
        "face": None,
        "disclaimer": "Screening aid; it does not diagnose.",
    }


def test_the_reasons_are_in_words() -> None:
    text = _text(_result(["no face found", "no skin found", "too small"]))
    assert "NOT A RELIABLE COUNT (no skin found; photo too small):" in text
    assert "photo no skin found" not in text
    assert "NOT A RELIABLE COUNT (photo blurred; photo too dark):" in _text(
        _result(["blurred", "too dark"])
    )


def test_no_scale_from_a_face_when_no_skin_was_found() -> None:
    text = _text(_result(["no skin found"]))
    assert "Scale: not used (no skin found)" in text and "from face" not in text
    assert "Scale: 1.9565 mm/px from face" in _text(_result([], reliable=True))
