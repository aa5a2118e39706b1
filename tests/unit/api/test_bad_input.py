"""Every kind of bad input over HTTP: a 4xx JSON answer with a message and the field at fault.

The issue's rule: errors are JSON (a message, and the field at fault); bad input gets a
4xx, never a 500. Each row is one bad request and the status and field it must get.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient

J = {"Content-Type": "application/json"}


def _jpeg(size: int = 64) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (200, 160, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


# (method, path, request keywords, needs a token, status, field)
CASES: list[tuple[str, str, dict[str, Any], bool, int, str | None]] = [
    ("POST", "/api/v1/assessments", {"content": b'{"age_years": NaN}', "headers": J}, False, 422, "age_years"),
    ("POST", "/api/v1/assessments", {"content": b"\xff\xfe", "headers": J}, False, 422, None),
    ("POST", "/api/v1/assessments", {"content": b'{"age_years": "34"}', "headers": J}, False, 422, "age_years"),
    ("POST", "/api/v1/assessments", {"content": b'{"count": 1.5}', "headers": J}, False, 422, "count"),
    ("POST", "/api/v1/assessments", {"content": b'{"sites": "eyelids"}', "headers": J}, False, 422, "sites"),
    ("POST", "/api/v1/assessments", {"json": {"color": "white"}, "headers": {"Authorization": "Bearer x"}}, False, 401, None),
    ("GET", "/api/v1/assessments", {}, False, 405, None),
    ("POST", "/api/v1/ingredients/check", {"json": {}}, False, 422, "text"),
    ("POST", "/api/v1/ingredients/check", {"json": {"text": 3}}, False, 422, "text"),
    ("POST", "/api/v1/ingredients/check", {"json": {"text": ""}}, False, 422, "text"),
    ("POST", "/api/v1/ingredients/check", {"json": {"text": " ,;, \x00"}}, False, 422, "text"),
    ("POST", "/api/v1/ingredients/check", {"json": {"text": "Aqua", "leave_on": "maybe"}}, False, 422, "leave_on"),
    ("POST", "/api/v1/ingredients/check", {"json": {"text": "Aqua", "product_type": "rocket"}}, False, 422, "product_type"),
    ("POST", "/api/v1/ingredients/check", {"json": ["Aqua"]}, False, 422, "body"),  # QA F14-03
    ("POST", "/api/v1/ingredients/check", {"content": b"{", "headers": J}, False, 422, None),
    ("POST", "/api/v1/photos/analyze", {}, False, 422, "file"),
    ("POST", "/api/v1/photos/analyze", {"files": {"file": ("a.jpg", b"", "image/jpeg")}}, False, 422, "file"),
    ("POST", "/api/v1/photos/analyze", {"files": {"file": ("a.txt", b"hello", "text/plain")}}, False, 422, "file"),  # the part sent (QA F13-08)
    ("POST", "/api/v1/photos/analyze", {"files": {"file": ("a.jpg", _jpeg()[:200], "image/jpeg")}}, False, 422, "file"),
    ("POST", "/api/v1/photos/analyze", {"files": {"file": ("a.jpg", _jpeg(), "image/jpeg")}, "data": {"mm_per_pixel": "nan"}}, False, 422, "mm_per_pixel"),
    ("POST", "/api/v1/photos/analyze", {"files": {"file": ("a.jpg", b"\0" * 2_100_000, "image/jpeg")}}, False, 413, "file"),
    ("POST", "/api/v1/auth/signup", {"json": {"email": "not-an-email", "password": "correct horse 1"}}, False, 422, "email"),
    ("POST", "/api/v1/auth/signup", {"json": {"email": "b@example.org", "password": "short"}}, False, 422, "password"),
    ("POST", "/api/v1/auth/signup", {"json": {"email": "ALICE@example.org ", "password": "correct horse 1"}}, False, 409, "email"),
    ("POST", "/api/v1/auth/signup", {"content": b"[]", "headers": J}, False, 422, "body"),  # QA F14-03
    ("POST", "/api/v1/auth/token", {"data": {}}, False, 422, "username"),
    ("POST", "/api/v1/auth/token", {"data": {"username": "a@b.org", "password": "x", "grant_type": "client_credentials"}}, False, 422, "grant_type"),
    ("GET", "/api/v1/auth/me", {"headers": {"Authorization": "Bearer "}}, False, 401, None),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-13-01", "count": 1}}, True, 422, "date"),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-11-01", "count": -1}}, True, 422, "count"),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-11-01", "by_region": {"elbow": 2}}}, True, 422, "by_region"),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-11-01", "count": 1, "by_region": {"eyelids": 2}}}, True, 422, "by_region"),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-11-01"}}, True, 422, "count"),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-11-01", "count": 2**70}}, True, 422, "count"),
    ("POST", "/api/v1/diary/entries", {"json": {"count": 1}}, True, 422, "date"),
    ("POST", "/api/v1/diary/entries", {"json": {"date": "2026-11-01", "count": 1}}, False, 401, None),
    ("GET", "/api/v1/diary/entries/abc", {}, True, 422, "entry_id"),
    ("GET", "/api/v1/diary/entries/99999999999999999999999", {}, True, 404, "id"),
    ("DELETE", "/api/v1/diary/entries/12345", {}, True, 404, "id"),
    ("GET", "/api/v1/diary/photos/1/overlay", {}, True, 404, "id"),
    ("POST", "/api/v1/diary/photos", {"files": {"file": ("a.jpg", _jpeg(), "image/jpeg")}, "data": {"taken_on": "yesterday"}}, True, 422, "taken_on"),
    ("POST", "/api/v1/diary/treatments", {"json": {"what": "x", "from": "2026-11-10", "to": "2026-11-01"}}, True, 422, "to"),
    ("POST", "/api/v1/diary/treatments", {"json": {"what": "", "from": "2026-11-10"}}, True, 422, "what"),
    ("POST", "/api/v1/diary/products", {"json": {"text": ""}}, True, 422, "text"),
    ("POST", "/api/v1/diary/diagnoses", {"json": {"diagnosed_on": "2999-01-01"}}, True, 422, "diagnosed_on"),
    ("GET", "/api/v1/nope", {}, False, 404, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "signed_in", "status", "field"),
    CASES,
    ids=[f"{m} {p} {i}" for i, (m, p, *_rest) in enumerate(CASES)],
)
def test_bad_input_is_a_4xx_json_error_naming_its_field(
    client: TestClient, alice: dict[str, str], method: str, path: str, kwargs: dict[str, Any],
    signed_in: bool, status: int, field: str | None,
) -> None:  # fmt: skip
    if signed_in:
        kwargs = {**kwargs, "headers": {**kwargs.get("headers", {}), **alice}}
    answer = client.request(method, path, **kwargs)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body = answer.json()
    assert set(body) == {"detail", "field", "suggestion"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert not body["detail"].startswith("Value error")
    assert body["field"] == field, body
