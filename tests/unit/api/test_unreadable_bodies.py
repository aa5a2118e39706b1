"""A JSON body the app cannot read is said as what it is on every JSON route, as on
/assessments (QA F9-C08: FastAPI's generic 400 "There was an error parsing the body"
said neither what nor where)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

ROUTES = ["/api/v1/ingredients/check", "/api/v1/diary/entries", "/api/v1/diary/products",
          "/api/v1/auth/signup", "/api/v1/diary/treatments"]  # fmt: skip
BODIES = [
    (b'{"text": "wh\xffite"}', "the body is not UTF-8 text (invalid start byte at byte 12)"),
    (b"\xc3\x28", "the body is not UTF-8 text (invalid continuation byte at byte 0)"),
    (b'{"text": "eyelids\xe9"}', "not UTF-8 text"),  # a Latin-1 e-acute
    (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    (b'{"text": "x", "n": 1' + b"0" * 5000 + b"}", "more than 4,300 digits"),
    (b'{"text": "x",}', "not valid JSON (Expecting property name enclosed in double quotes at "
     "character 13)"),
]  # fmt: skip


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("body", "words"), BODIES)
def test_an_unreadable_body_is_422_saying_what_and_where(
    client: TestClient, route: str, body: bytes, words: str
) -> None:
    got = client.post(route, content=body, headers={"content-type": "application/json"})
    assert got.status_code == 422, got.text[:300]
    detail = got.json()["detail"]
    assert words in detail
    assert "error parsing the body" not in detail


def test_an_api_route_answers_json_even_to_a_browser(client: TestClient) -> None:
    got = client.post(
        "/api/v1/ingredients/check",
        content=b'{"text": "wh\xffite"}',
        headers={"content-type": "application/json", "accept": "text/html"},
    )
    assert got.status_code == 422
    assert got.headers["content-type"] == "application/json"
    assert got.json() == {
        "detail": "the body is not UTF-8 text (invalid start byte at byte 12); send it as "
        "UTF-8 JSON",
        "field": None,
        "suggestion": None,
    }


def test_readable_bodies_and_other_http_errors_are_unchanged(client: TestClient) -> None:
    fine = client.post("/api/v1/ingredients/check", json={"text": "Aqua, Petrolatum"})
    assert fine.status_code == 200
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404 and "error parsing" not in missing.text
