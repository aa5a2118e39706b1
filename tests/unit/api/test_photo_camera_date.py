"""Diary photos are dated from the camera's date, the date only (QA F11-16).

Before, every upload without ``taken_on`` was dated the upload day: the EXIF date was
dropped with the metadata, and the web photo page had no date field.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable

import pytest
from api_helpers import csrf_of, synthetic_jpeg
from fastapi.testclient import TestClient
from PIL import Image

from milia.api.photos import photo_date


def _dated(day: str | bytes, *, gps: bool = True) -> bytes:
    """The synthetic photo (with GPS and a camera make) with DateTimeOriginal ``day``."""
    image = Image.open(io.BytesIO(synthetic_jpeg(with_gps=gps)))
    exif = image.getexif()
    exif.get_ifd(0x8769)[0x9003] = day
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=92, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "day"),
    [("2026:09:01 10:11:12", dt.date(2026, 9, 1)), ("2025:01:31 00:00:00", dt.date(2025, 1, 31)),
     ("0000:00:00 00:00:00", None), ("    :  :     :  :  ", None), ("2999:01:01 10:00:00", None),
     ("1850:05:05 10:00:00", None)],
)  # fmt: skip
def test_the_camera_date_is_read_when_a_diary_can_hold_it(raw: str, day: dt.date | None) -> None:
    assert photo_date(_dated(raw)) == day


def test_no_exif_or_not_an_image_is_no_date() -> None:
    assert photo_date(synthetic_jpeg(with_gps=False)) is None
    assert photo_date(b"not an image") is None


def test_api_dates_an_upload_from_the_camera_and_keeps_no_metadata(
    client: TestClient, alice: dict[str, str]
) -> None:
    created = client.post("/api/v1/diary/photos", headers=alice,
                          files={"file": ("p.jpg", _dated("2026:09:01 10:11:12"), "image/jpeg")})  # fmt: skip
    assert created.status_code == 201, created.text
    record = created.json()
    assert record["taken_on"] == "2026-09-01"
    assert record["taken_on_note"] == (
        "dated 2026-09-01 from the photo (the date the camera recorded); change it if wrong"
    )
    stored = client.get(f"/api/v1/diary/photos/{record['id']}", headers=alice).content
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert len(exif) == 0 and not exif.get_ifd(0x8769) and not exif.get_ifd(0x8825)
    assert b"TestCam" not in stored and b"2026:09:01" not in stored
    # the date given wins over the camera's, and says nothing of it
    given = client.post("/api/v1/diary/photos", headers=alice, data={"taken_on": "2026-10-02"},
                        files={"file": ("p.jpg", _dated("2026:09:01 10:11:12"), "image/jpeg")})  # fmt: skip
    assert given.json()["taken_on"] == "2026-10-02" and given.json()["taken_on_note"] is None
    # and a wrong camera date can be changed
    changed = client.patch(f"/api/v1/diary/photos/{record['id']}", headers=alice,
                           json={"taken_on": "2026-08-30"})  # fmt: skip
    assert changed.status_code == 200 and changed.json()["taken_on"] == "2026-08-30"
    bad = client.patch(f"/api/v1/diary/photos/{record['id']}", headers=alice,
                       json={"taken_on": "30/08/2026"})  # fmt: skip
    assert bad.status_code == 422 and bad.json()["field"] == "taken_on"


def test_web_photo_form_has_a_date_defaulting_to_the_camera_date(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("dated@example.org")
    token = csrf_of(web.get("/photo").text)
    page = web.post("/photo", data={"csrf_token": token},
                    files={"file": ("p.jpg", _dated("2026:09:01 10:11:12"), "image/jpeg")})  # fmt: skip
    assert page.status_code == 200
    assert 'name="taken_on" value="2026-09-01"' in page.text
    assert "dated from the photo" in page.text
    photo_id = re.search(r'action="/photo/(\d+)/save"', page.text)
    assert photo_id
    saved = web.post(f"/photo/{photo_id.group(1)}/save", follow_redirects=False,
                     data={"csrf_token": token, "taken_on": "2026-09-01"})  # fmt: skip
    assert saved.status_code == 303
    assert "2026-09-01" in web.get("/diary").text
    # no camera date: today, changeable
    plain = web.post("/photo", data={"csrf_token": token},
                     files={"file": ("q.jpg", synthetic_jpeg(with_gps=False), "image/jpeg")})  # fmt: skip
    assert f'name="taken_on" value="{dt.date.today().isoformat()}"' in plain.text
    other = re.search(r'action="/photo/(\d+)/save"', plain.text)
    assert other
    moved = web.post(f"/photo/{other.group(1)}/save", follow_redirects=False,
                     data={"csrf_token": token, "taken_on": "2026-07-15"})  # fmt: skip
    assert moved.status_code == 303
    assert "2026-07-15" in web.get("/diary").text
