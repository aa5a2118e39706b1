"""HTTP 422 for a misnamed field names the field meant (QA F3-44, F4-47), and too many
pixels says what a client can do (QA F4-45)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from milia.api.app import create_app
from milia.config import Settings


def _jpeg(width: int = 64, height: int = 64) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 160, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("body", "field", "meant", "more"),
    [
        ({"txt": "Aqua"}, "txt", "text", 0),  # was "text: Field required (and 1 more ...)"
        ({"text": "Aqua", "type": "eye_cream"}, "type", "product_type", 0),
        ({"type": "eye_cream"}, "type", "product_type", 1),  # text is still missing
        ({"text": "Aqua", "prodcut_type": "eye_cream"}, "prodcut_type", "product_type", 0),
        ({"text": "Aqua", "leaveon": True}, "leaveon", "leave_on", 0),
    ],
)
def test_a_misnamed_json_field_gets_the_closest_name(
    client: TestClient, body: dict[str, Any], field: str, meant: str, more: int
) -> None:
    answer = client.post("/api/v1/ingredients/check", json=body)
    assert answer.status_code == 422
    got = answer.json()
    assert got["field"] == field and got["suggestion"] == meant
    assert got["detail"].startswith(f"{field}: not a field of this request")
    assert ("more problem" in got["detail"]) == bool(more)


def test_a_field_with_no_close_name_keeps_the_plain_answer(client: TestClient) -> None:
    got = client.post("/api/v1/ingredients/check", json={"text": "Aqua", "zzzq": 1}).json()
    assert got == {
        "detail": "zzzq: Extra inputs are not permitted",
        "field": "zzzq",
        "suggestion": None,
    }
    got = client.post("/api/v1/ingredients/check", json={}).json()
    assert got["field"] == "text" and got["suggestion"] is None


@pytest.mark.parametrize("part", ["image", "photo", "upload"])
def test_a_photo_sent_under_another_part_name_suggests_file(client: TestClient, part: str) -> None:
    answer = client.post("/api/v1/photos/analyze", files={part: ("a.jpg", _jpeg(), "image/jpeg")})
    assert answer.status_code == 422
    got = answer.json()
    assert got["field"] == part and got["suggestion"] == "file"
    assert "more problem" not in got["detail"]


def test_a_misnamed_form_value_beside_the_photo(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/photos/analyze",
        files={"file": ("a.jpg", _jpeg(), "image/jpeg")},
        data={"mm_per_pxel": "0.1"},
    )
    # refused, not ignored (QA F7-40): the photo was measured at an estimated scale
    assert answer.status_code == 422
    got = answer.json()
    assert got["field"] == "mm_per_pxel" and got["suggestion"] == "mm_per_pixel"
    assert "more problem" not in got["detail"]


def test_too_many_pixels_tells_the_client_to_resize(tmp_path: Path) -> None:
    settings = Settings(
        environment="test",
        data_dir=tmp_path / "data",
        secret_key="test-secret-" + "x" * 32,
        max_image_pixels=1_000_000,
    )
    app = create_app(settings)
    try:
        with TestClient(app) as client:
            answer = client.post(
                "/api/v1/photos/analyze",
                files={"file": ("a.jpg", _jpeg(1200, 1000), "image/jpeg")},
            )
    finally:
        app.state.milia.engine.dispose()
    assert answer.status_code == 422
    got = answer.json()
    assert got["field"] == "file"  # the form part sent, not the core's argument (QA F13-08)
    assert "the photo has 1.2 megapixels" in got["detail"]
    assert "resize it to at most 1.0 megapixels" in got["detail"]
    assert "MILIA_MAX_IMAGE_PIXELS" in got["detail"] and "raise max_pixels" not in got["detail"]


def test_no_guess_from_a_short_name_or_a_text_value_for_the_photo(client: TestClient) -> None:
    got = client.post("/api/v1/photos/analyze", data={"x": "1"}).json()
    assert got["field"] == "file" and got["suggestion"] is None
    got = client.post("/api/v1/photos/analyze", data={"files": "not a photo"}).json()
    assert got["field"] == "file" and got["suggestion"] is None
    got = client.post("/api/v1/ingredients/check", json={"text": "Aqua", "t": 1}).json()
    assert got["field"] == "t" and got["suggestion"] is None
