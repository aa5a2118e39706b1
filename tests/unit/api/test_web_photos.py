from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from api_helpers import csrf_of, synthetic_jpeg
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image

from milia.imaging.words import plain_region


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


def _with_inflamed(processed: Any, regions: list[str]) -> Any:
    """``processed`` with inflamed findings added as analyze_photo counts them (QA F5-1)."""
    import dataclasses

    analysis = copy.deepcopy(processed.analysis)
    for n, region in enumerate(regions):
        analysis["lesions"].append(
            {"row": 10.0 + n, "col": 10.0, "diameter_px": 8.0, "diameter_mm": None,
             "kind": "inflamed", "confidence": 0.9, "region": region}
        )  # fmt: skip
        by_region = analysis["counts"]["by_region"]
        by_region[region] = by_region.get(region, 0) + 1  # both kinds, as the core counts them
    analysis["counts"]["inflamed"] += len(regions)
    return dataclasses.replace(processed, analysis=analysis)


def test_saved_photo_count_holds_milia_like_findings_only(
    app: FastAPI, page_signup: Callable[[str], TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    from milia.api.photos import process_upload
    from milia.api.routes import pages_tools

    monkeypatch.setattr(
        pages_tools, "process_upload",
        lambda *a, **k: _with_inflamed(process_upload(*a, **k), ["cheeks", "cheeks", "other"]),
    )  # fmt: skip
    web = page_signup("kim@example.org")
    token = csrf_of(web.get("/photo").text)
    page = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    assert page.status_code == 200, page.text[:400]
    photo_id = int(page.text.split("/photo/", 1)[1].split("/", 1)[0])
    web.post(f"/photo/{photo_id}/save", data={"csrf_token": token, "add_count": "1"})
    from milia.storage.repository import Repository

    with app.state.milia.sessions() as db:
        repo = Repository(db)
        user = repo.user_by_email("kim@example.org")
        assert user is not None
        (photo,) = repo.photos(user.id)
        (entry,) = repo.entries(user.id)
        milia = [x for x in photo.analysis["lesions"] if x["kind"] == "milia_like"]
        assert milia and photo.analysis["counts"]["inflamed"] >= 3
        assert entry.count == photo.analysis["counts"]["milia_like"] == len(milia)
        expected: dict[str, int] = {}
        for lesion in milia:
            expected[lesion["region"]] = expected.get(lesion["region"], 0) + 1
        assert {r.region: r.count for r in entry.regions} == expected
    # the page lists the same milia-like counts by region (not the mixed counts.by_region)
    listed = page.text.split('id="milia-by-region"', 1)[1].split("</ul>", 1)[0]
    shown = {r: int(n) for r, n in re.findall(r"<li>([a-z ]+): (\d+)</li>", listed)}
    assert shown == {plain_region(r): n for r, n in expected.items()}


def test_milia_like_count_counts_regions_of_milia_like_findings_only() -> None:
    from milia.api.photos import milia_like_count
    from milia.api.schemas import DIARY_REGIONS

    def lesion(kind: str, region: str) -> dict[str, Any]:
        return {"kind": kind, "region": region, "row": 1.0, "col": 1.0}

    analysis = {
        "lesions": [lesion("milia_like", "cheeks"), lesion("milia_like", "cheeks"),
                    lesion("inflamed", "cheeks"), lesion("inflamed", "forehead"),
                    lesion("milia_like", "eyelids")],
        "counts": {"milia_like": 3, "inflamed": 2,
                   "by_region": {"cheeks": 3, "forehead": 1, "eyelids": 1}},
    }  # fmt: skip
    assert milia_like_count(analysis, regions=DIARY_REGIONS) == (3, {"cheeks": 2, "eyelids": 1})
    assert milia_like_count(analysis, regions=("eyelids",)) == (3, {"eyelids": 1})
    no_lesions = {"counts": {"milia_like": 4, "inflamed": 1, "by_region": {"nose": 5}}}
    assert milia_like_count(no_lesions, regions=DIARY_REGIONS) == (4, {})
    assert milia_like_count({"counts": {"milia_like": None}}, regions=DIARY_REGIONS) is None
    assert milia_like_count({}, regions=DIARY_REGIONS) is None


def test_a_diary_photos_analysis_endpoint_returns_its_record(
    client: TestClient, alice: dict[str, str]
) -> None:
    created = client.post("/api/v1/diary/photos", headers=alice,
                          files={"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")})  # fmt: skip
    assert created.status_code == 201, created.text
    record = created.json()
    answer = client.get(f"/api/v1/diary/photos/{record['id']}/analysis", headers=alice)
    assert answer.status_code == 200
    # as docs/web.md says: the whole record, the analysis in its 'analysis' field; only
    # the upload's answer says how the date was chosen (QA F11-16)
    assert record["taken_on_note"].startswith(f"dated {record['taken_on']}, the day it was")
    assert answer.json() == {**record, "taken_on_note": None}
    assert set(record) == {"id", "taken_on", "analysis", "image_url", "overlay_url",
                           "taken_on_note"}  # fmt: skip


def test_qa_f9_c03_the_diary_analyses_the_upload_as_the_analyser_does() -> None:
    """QA F9-C03: the diary analysed its re-encoded copy, the analyser the upload."""
    import milia
    from milia.api.photos import process_upload
    from milia.config import Settings
    from milia.imaging.synth import make_photo

    data = make_photo("astronaut", ita_group="light", px_per_mm=9, n_milia=10, seed=0).jpeg
    processed = process_upload(data, Settings())
    direct = milia.analyze_photo(data)
    assert processed.analysis["counts"] == direct["counts"]
    assert processed.analysis["image"] == direct["image"]  # the scale and its source
    assert processed.image[:2] == b"\xff\xd8" and processed.image != data  # stored: stripped
