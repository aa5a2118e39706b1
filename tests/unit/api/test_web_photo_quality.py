"""The photo page says when a count is not reliable (QA F4-9) and does not pre-tick the diary box."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
from api_helpers import csrf_of, synthetic_jpeg
from fastapi.testclient import TestClient
from PIL import Image

from milia.imaging.synth import make_photo


def _darkened(jpeg: bytes, factor: float) -> bytes:
    rgb = np.asarray(Image.open(io.BytesIO(jpeg)).convert("RGB"), np.float32) * factor
    buffer = io.BytesIO()
    Image.fromarray(rgb.astype(np.uint8)).save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def test_photo_page_flags_an_unreliable_count(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("dark@example.org")
    token = csrf_of(web.get("/photo").text)
    face = make_photo("astronaut", ita_group="tan", n_distractors=0, seed=3).jpeg
    good = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("p.jpg", face, "image/jpeg")})  # fmt: skip
    assert good.status_code == 200
    assert 'id="count-unreliable"' not in good.text
    assert 'name="add_count" value="1" checked' in good.text
    dark = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("d.jpg", _darkened(face, 0.3), "image/jpeg")})  # fmt: skip
    assert dark.status_code == 200
    assert 'id="count-unreliable"' in dark.text and "too dark" in dark.text
    assert "do not mean there are none" in dark.text
    assert (
        'name="add_count" value="1" checked' not in dark.text
    )  # not added to the diary by default
    assert "Retake it in daylight" in dark.text  # the sentence, not only the code


def test_photo_page_doubts_a_count_without_a_face_or_a_scale(
    page_signup: Callable[[str], TestClient],
) -> None:
    # QA F4-60: without a face the skin's size is guessed (the page has no scale field).
    web = page_signup("close@example.org")
    token = csrf_of(web.get("/photo").text)
    page = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("c.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    assert page.status_code == 200
    assert 'id="count-unreliable"' in page.text
    assert "No face was found in this photo, so the size of the skin in it had to be guessed" in (
        page.text
    )
    assert 'name="add_count" value="1" checked' not in page.text
    assert "Turn the photo upright." in page.text  # no CLI or API parameter on the page
    assert "mm-per-pixel" not in page.text and "mm_per_pixel" not in page.text
