"""A body over the limit is answered for what it is: a file upload, or a JSON/form body (QA F5-61)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

BIG = 2_100_000  # over the tests' 2,000,000-byte limit


def _json_body() -> bytes:
    return b'{"color": "white", "x": "' + b"a" * BIG + b'"}'


@pytest.mark.parametrize(
    "path", ["/api/v1/assessments", "/api/v1/ingredients/check", "/api/v1/diary/entries"]
)
def test_a_too_large_json_body_gets_a_body_message_not_the_photo_one(
    client: TestClient, path: str
) -> None:
    answer = client.post(path, content=_json_body(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    error = answer.json()
    assert error["field"] is None
    assert error["detail"].startswith("The request body is larger than the limit of 2 MB")
    assert "photo resized" not in error["detail"] and "smaller file" not in error["detail"]


def test_a_streamed_json_body_over_the_limit_gets_the_body_message(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 100_000

    answer = client.post("/api/v1/assessments", content=chunks(),
                         headers={"Content-Type": "application/json"})  # fmt: skip
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("The request body is larger")


def test_a_too_large_photo_upload_keeps_the_file_message(client: TestClient) -> None:
    answer = client.post("/api/v1/photos/analyze",
                         files={"file": ("a.jpg", b"\0" * BIG, "image/jpeg")})  # fmt: skip
    assert answer.status_code == 413
    assert answer.json()["field"] == "file"
    assert "send a smaller file" in answer.json()["detail"]


def test_a_too_large_page_form_is_not_sent_back_to_the_photo_page(
    page_signup: Callable[[str], TestClient],
) -> None:
    web = page_signup("bigform@example.org")
    token = csrf_of(web.get("/products").text)
    answer = web.post("/products", data={"csrf_token": token, "text": "Aqua, " * 400_000},
                      headers={"Accept": "text/html"})  # fmt: skip
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "The request body is larger than the limit" in answer.text
    assert "photo page" not in answer.text and "does not diagnose" in answer.text
