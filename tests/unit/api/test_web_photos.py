from __future__ import annotations

import io
from collections.abc import Callable

from api_helpers import csrf_of, synthetic_jpeg
from fastapi.testclient import TestClient
from PIL import Image


def _no_metadata(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert len(exif) == 0, dict(exif)
    assert not exif.get_ifd(0x8825)
    assert "exif" not in image.info and "xmp" not in image.info


def test_analyze_returns_the_photo_contract_and_stores_nothing(
    client: TestClient, alice: dict[str, str]
) -> None:
    answer = client.post("/api/v1/photos/analyze",
                         files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {"image", "face", "lesions", "counts", "quality", "analysis_version"} <= set(body)
    assert body["counts"]["milia_like"] >= 1
    assert client.get("/api/v1/diary/photos", headers=alice).json() == []


def test_diary_photo_is_stripped_and_private(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    original = synthetic_jpeg(with_gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the upload has GPS
    created = client.post("/api/v1/diary/photos",
                          files={"file": ("p.jpg", original, "image/jpeg")},
                          data={"taken_on": "2026-11-20"}, headers=alice)  # fmt: skip
    assert created.status_code == 201, created.text
    photo = created.json()
    assert photo["taken_on"] == "2026-11-20"
    assert photo["analysis"]["counts"]["milia_like"] >= 1
    stored = client.get(f"/api/v1/diary/photos/{photo['id']}", headers=alice)
    assert stored.status_code == 200
    assert stored.headers["content-type"] == "image/jpeg"
    _no_metadata(stored.content)
    overlay = client.get(f"/api/v1/diary/photos/{photo['id']}/overlay", headers=alice)
    assert overlay.status_code == 200 and overlay.content[:4] == b"\x89PNG"
    _no_metadata(overlay.content)
    assert client.get(f"/api/v1/diary/photos/{photo['id']}", headers=bob).status_code == 404
    assert client.get(f"/api/v1/diary/photos/{photo['id']}").status_code == 401


def test_not_an_image_is_422(client: TestClient, alice: dict[str, str]) -> None:
    for payload in (b"", b"hello, not a photo", b"\xff\xd8\xff\xe0truncated"):
        answer = client.post("/api/v1/diary/photos",
                             files={"file": ("x.jpg", payload, "image/jpeg")}, headers=alice)  # fmt: skip
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"]
    assert client.get("/api/v1/diary/photos", headers=alice).json() == []


def test_missing_file_field_is_422(client: TestClient, alice: dict[str, str]) -> None:
    answer = client.post("/api/v1/diary/photos", data={"x": "1"}, headers=alice)
    assert answer.status_code == 422
    assert answer.json()["field"] == "file"


def test_photo_page_upload_overlay_and_save(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("lee@example.org")
    token = csrf_of(web.get("/photo").text)
    page = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    assert page.status_code == 200, page.text[:400]
    assert 'id="overlay"' in page.text
    photo_id = int(page.text.split("/photo/", 1)[1].split("/", 1)[0])
    assert web.get(f"/photo/{photo_id}/overlay.png").content[:4] == b"\x89PNG"
    assert f"photo-{photo_id}" not in web.get("/diary").text  # not in the diary until saved
    saved = web.post(f"/photo/{photo_id}/save", data={"csrf_token": token},
                     follow_redirects=False)  # fmt: skip
    assert saved.status_code == 303
    diary = web.get("/diary").text
    assert f"photo-{photo_id}" in diary
    assert f"counted on photo {photo_id}" not in diary  # the box was not ticked
    again = web.post("/photo", data={"csrf_token": token},
                     files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    second = int(again.text.split("/photo/", 1)[1].split("/", 1)[0])
    web.post(f"/photo/{second}/save", data={"csrf_token": token, "add_count": "1"})
    assert f"counted on photo {second}" in web.get("/diary").text


def test_heic_upload_is_stored_as_jpeg_without_gps(
    client: TestClient, alice: dict[str, str]
) -> None:
    import pytest

    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    source = Image.open(io.BytesIO(synthetic_jpeg(with_gps=True)))
    buffer = io.BytesIO()
    try:
        source.save(buffer, format="HEIF", exif=source.getexif().tobytes())
    except (OSError, ValueError) as exc:  # an encoder-less libheif build
        pytest.skip(f"pillow-heif cannot write HEIF here: {exc}")
    heic = buffer.getvalue()
    assert Image.open(io.BytesIO(heic)).getexif().get_ifd(0x8825)  # the upload has GPS
    created = client.post("/api/v1/diary/photos", files={"file": ("p.heic", heic, "image/heic")},
                          headers=alice)  # fmt: skip
    assert created.status_code == 201, created.text
    stored = client.get(f"/api/v1/diary/photos/{created.json()['id']}", headers=alice)
    assert stored.content[:3] == b"\xff\xd8\xff"
    _no_metadata(stored.content)
