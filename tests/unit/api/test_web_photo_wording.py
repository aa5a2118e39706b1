"""The Photo page speaks the page's language (QA F5-63): no API parameter it has no field for."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from milia.api.routes.pages_tools import page_notes

SCALE_NOTE = "Scale unknown: sizes in mm are not reported; pass mm_per_pixel to get them."
FACE_NOTE = (
    "No frontal face was found: the skin found is searched and every finding is in region 'other'."
)


def test_page_notes_drop_the_api_parameter_clause() -> None:
    analysis = {"quality": ["no face found"], "quality_details": [FACE_NOTE, SCALE_NOTE]}
    notes = page_notes(analysis)
    assert notes == [FACE_NOTE, "Scale unknown: sizes in mm are not reported."]
    assert not any("mm_per_pixel" in n for n in notes)
    assert page_notes({"quality": ["too dark"]}) == ["too dark"]
    assert page_notes({"quality_details": [{"message": "Retake it in daylight."}]}) == [
        "Retake it in daylight."
    ]


@pytest.fixture
def photo_page(app: FastAPI) -> Any:
    template = app.state.milia.templates.env.get_template("photo.html")

    def render(analysis: dict[str, Any]) -> str:
        photo = {"id": 7, "counts": {"milia_like": 2, "inflamed": 0}, **analysis}
        return template.render(photo=photo, notes=page_notes(analysis), csrf_token="t",
                               disclaimer="d", user_email="a@b.org", milia_regions={})  # fmt: skip

    return render


def test_a_missed_face_alone_is_worded_not_left_blank(photo_page: Any) -> None:
    """Before: 'This photo is : bumps may have been missed' (the only code was filtered out)."""
    html = photo_page({"quality": ["no face found"], "quality_details": [FACE_NOTE, SCALE_NOTE],
                       "counts_reliable": False})  # fmt: skip
    assert "This photo is :" not in html and "Problems found in this photo ()" not in html
    assert (
        "No face was found in this photo, so the size of the skin in it had to be guessed" in html
    )
    assert 'name="add_count" value="1" checked' not in html
    assert "mm_per_pixel" not in html and "Scale unknown: sizes in mm are not reported." in html


def test_other_faults_are_still_named(photo_page: Any) -> None:
    html = photo_page({"quality": ["too dark", "no face found"], "counts_reliable": False,
                       "quality_details": ["Retake it in daylight."]})  # fmt: skip
    assert "Problems found in this photo (too dark): bumps may have been missed" in html


def test_codes_that_are_no_adjective_read_as_problems_found(photo_page: Any) -> None:
    """It read "This photo is face not searched" and "This photo is scale disagrees with face"."""
    html = photo_page({"quality": ["face not searched", "overexposed bumps"],
                       "counts_reliable": False, "quality_details": ["x"]})  # fmt: skip
    assert "This photo is" not in html
    assert "Problems found in this photo (face not searched, overexposed bumps)" in html
