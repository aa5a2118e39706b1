"""QA F7-40: a diary photo's date follows the diary's date rule; no form part is ignored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from api_helpers import csrf_of, synthetic_jpeg
from fastapi.testclient import TestClient

_UPLOAD = "/api/v1/diary/photos"


def _photo() -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("p.jpg", synthetic_jpeg(width=160, height=120), "image/jpeg")}


def _stored(client: TestClient, alice: dict[str, str]) -> list[object]:
    photos: list[object] = client.get("/api/v1/diary/photos", headers=alice).json()
    return photos


@pytest.mark.parametrize("day", ["2099-01-01", "1899-12-31", "0001-01-01"])
def test_a_photo_dated_outside_the_diarys_range_is_422(
    client: TestClient, alice: dict[str, str], day: str
) -> None:
    for where in ("form", "query"):
        answer = client.post(
            _UPLOAD + (f"?taken_on={day}" if where == "query" else ""),
            files=_photo(),
            data={"taken_on": day} if where == "form" else {},
            headers=alice,
        )
        assert answer.status_code == 422, (where, answer.text)
        got = answer.json()
        assert got["field"] == "taken_on"
        assert f"{day} is outside 1900-01-01.." in got["detail"]
    assert _stored(client, alice) == []


def test_the_photo_date_has_the_rule_of_a_diary_count(
    client: TestClient, alice: dict[str, str]
) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    after = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    for day, expected in ((tomorrow, 201), (after, 422), ("1900-01-01", 201)):
        photo = client.post(_UPLOAD, files=_photo(), data={"taken_on": day}, headers=alice)
        entry = client.post("/api/v1/diary/entries", json={"date": day, "count": 1},
                            headers=alice)  # fmt: skip
        assert (photo.status_code, entry.status_code) == (expected, expected), day
        if expected == 422:
            assert (
                photo.json()["detail"].split(" is outside ")[1]
                == (entry.json()["detail"].split(" is outside ")[1])
            )


def test_taken_on_is_read_from_the_query_string_as_mm_per_pixel_is(
    client: TestClient, alice: dict[str, str]
) -> None:
    answer = client.post(_UPLOAD + "?taken_on=2026-11-29", files=_photo(), headers=alice)
    assert answer.status_code == 201, answer.text
    assert answer.json()["taken_on"] == "2026-11-29"
    both = client.post(_UPLOAD + "?taken_on=2026-11-29", files=_photo(),
                       data={"taken_on": "2026-11-29"}, headers=alice)  # fmt: skip
    assert both.status_code == 201 and both.json()["taken_on"] == "2026-11-29"
    differ = client.post(_UPLOAD + "?taken_on=2026-11-29", files=_photo(),
                         data={"taken_on": "2026-11-28"}, headers=alice)  # fmt: skip
    assert differ.status_code == 422 and differ.json()["field"] == "taken_on"
    assert "2026-11-28 in the form, 2026-11-29 in the query string" in differ.json()["detail"]
    twice = client.post(_UPLOAD + "?taken_on=2026-11-29&taken_on=2026-11-28", files=_photo(),
                        headers=alice)  # fmt: skip
    assert twice.status_code == 422 and twice.json()["field"] == "taken_on"
    assert len(_stored(client, alice)) == 2


@pytest.mark.parametrize(
    ("part", "meant"),
    [("taken", "taken_on"), ("takenon", "taken_on"), ("mm_per_pixl", "mm_per_pixel")],
)
def test_a_misspelt_form_part_is_refused_with_the_closest_name(
    client: TestClient, alice: dict[str, str], part: str, meant: str
) -> None:
    answer = client.post(_UPLOAD, files=_photo(), data={part: "2026-11-30"}, headers=alice)
    assert answer.status_code == 422
    got = answer.json()
    assert (got["field"], got["suggestion"]) == (part, meant)
    assert f"did you mean {meant!r}?" in got["detail"]
    assert _stored(client, alice) == []  # not stored dated today


def test_an_unknown_form_part_is_refused_naming_what_the_route_takes(
    client: TestClient, alice: dict[str, str]
) -> None:
    answer = client.post(_UPLOAD, files=_photo(), data={"zzz": "1"}, headers=alice)
    assert answer.status_code == 422
    got = answer.json()
    assert got["field"] == "zzz" and got["suggestion"] is None
    assert "it takes: file, mm_per_pixel, taken_on" in got["detail"]
    analyze = client.post("/api/v1/photos/analyze", files=_photo(), data={"taken_on": "2026-11-30"})
    assert analyze.status_code == 422  # the analysis stores nothing and takes no date
    assert "it takes: file, mm_per_pixel)" in analyze.json()["detail"]


def test_the_photo_page_still_uploads_with_its_own_fields(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("pho@example.org")
    token = csrf_of(web.get("/photo").text)
    answer = web.post("/photo", data={"csrf_token": token}, files=_photo())
    assert answer.status_code == 200, answer.text[:400]
    refused = web.post("/photo", data={"csrf_token": token, "taken_on": "2026-11-30"},
                       files=_photo())  # fmt: skip
    assert refused.status_code == 422
