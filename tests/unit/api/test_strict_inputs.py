"""QA round 2 (issue 5): the API is as strict as the Python calls it wraps.

- ``leave_on``, ``name`` and ``product_type`` of an ingredient check are not coerced
  (``milia.check_ingredients`` raises on ``leave_on="yes"``; the API answers 422).
- ``mm_per_pixel`` of a photo is read from the form or the query string, never ignored.
- A ``{"case": ...}`` wrapper posted to ``/assessments`` is named as such.
- A JSON body needs a JSON Content-Type (415 otherwise).
"""

from __future__ import annotations

from typing import Any

import pytest
from api_helpers import synthetic_jpeg
from fastapi.testclient import TestClient

import milia
from milia.errors import IngredientParseError

CASE = {"color": "white", "sites": ["eyelids"], "age_years": 30}


@pytest.mark.parametrize("value", ["yes", "no", "true", 0, 1, 1.0, [], {}])
def test_leave_on_is_a_strict_bool_like_the_python_call(client: TestClient, value: Any) -> None:
    with pytest.raises(IngredientParseError):
        milia.check_ingredients("Water", leave_on=value)
    answer = client.post("/api/v1/ingredients/check", json={"text": "Water", "leave_on": value})
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["field"] == "leave_on"
    assert "true, false or null" in body["detail"]


@pytest.mark.parametrize("value", [True, False, None])
def test_leave_on_bools_and_null_pass(client: TestClient, value: bool | None) -> None:
    answer = client.post("/api/v1/ingredients/check", json={"text": "Water", "leave_on": value})
    assert answer.status_code == 200, answer.text
    expected = milia.check_ingredients("Water", leave_on=value)
    assert answer.json()["summary"] == expected["summary"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", 3), ("name", True), ("name", ["Cream"]), ("product_type", 1), ("product_type", {})],
)
def test_name_and_product_type_must_be_strings(
    client: TestClient, field: str, value: object
) -> None:
    answer = client.post("/api/v1/ingredients/check", json={"text": "Water", field: value})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field


def test_wrapped_case_is_named_as_a_wrapper(client: TestClient) -> None:
    for body in ({"case": CASE}, {"id": "x1", "case": CASE}):
        answer = client.post("/api/v1/assessments", json=body)
        assert answer.status_code == 422, answer.text
        error = answer.json()
        assert error["field"] == "case"
        assert "the case itself" in error["detail"]
        assert error["suggestion"] != "associated_findings"
    # the unwrapped case is answered
    assert client.post("/api/v1/assessments", json=CASE).status_code == 200


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded"],
)
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/assessments", CASE),
        ("/api/v1/ingredients/check", {"text": "Water"}),
        ("/api/v1/auth/signup", {"email": "c@example.org", "password": "correct horse 1"}),
    ],
)
def test_json_body_needs_a_json_content_type(
    client: TestClient, path: str, body: dict[str, Any], content_type: str | None
) -> None:
    import json

    headers = {"Content-Type": content_type} if content_type else {}
    answer = client.post(path, content=json.dumps(body).encode(), headers=headers)
    assert answer.status_code == 415, answer.text
    error = answer.json()
    assert error["field"] == "content-type"
    assert "application/json" in error["detail"]


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "application/x+json", None],
)
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/assessments", CASE),
        ("/api/v1/ingredients/check", {"text": "Water, Petrolatum"}),
    ],
)
def test_json_content_types_are_accepted(
    client: TestClient, content_type: str | None, path: str, body: dict[str, Any]
) -> None:
    import json

    headers = {"Content-Type": content_type} if content_type else {}
    answer = client.post(path, content=json.dumps(body).encode(), headers=headers)
    assert answer.status_code == 200, answer.text


def _analyze(client: TestClient, **kwargs: Any) -> Any:
    files = {"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")}
    return client.post("/api/v1/photos/analyze", files=files, **kwargs)


def test_mm_per_pixel_in_the_query_string_is_used(client: TestClient) -> None:
    by_query = _analyze(client, params={"mm_per_pixel": "0.05"})
    by_form = _analyze(client, data={"mm_per_pixel": "0.05"})
    assert by_query.status_code == by_form.status_code == 200, by_query.text
    assert by_query.json()["image"]["scale_source"] == "given"
    assert by_query.json() == by_form.json()
    both = _analyze(client, params={"mm_per_pixel": "0.05"}, data={"mm_per_pixel": "0.05"})
    assert both.status_code == 200


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "11", "abc", "0.00001"])
def test_bad_mm_per_pixel_in_the_query_string_is_422(client: TestClient, value: str) -> None:
    answer = _analyze(client, params={"mm_per_pixel": value})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "mm_per_pixel"


def test_mm_per_pixel_given_twice_must_agree(client: TestClient) -> None:
    answer = _analyze(client, params={"mm_per_pixel": "0.05"}, data={"mm_per_pixel": "0.1"})
    assert answer.status_code == 422
    assert answer.json()["field"] == "mm_per_pixel"


def test_diary_photo_takes_mm_per_pixel_from_the_query_string(
    client: TestClient, alice: dict[str, str]
) -> None:
    files = {"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")}
    answer = client.post(
        "/api/v1/diary/photos", files=files, params={"mm_per_pixel": "0.05"}, headers=alice
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["analysis"]["image"]["scale_source"] == "given"
    bad = client.post(
        "/api/v1/diary/photos", files=files, params={"mm_per_pixel": "-2"}, headers=alice
    )
    assert bad.status_code == 422
    assert bad.json()["field"] == "mm_per_pixel"


def test_openapi_documents_the_query_scale_and_415(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/photos/analyze", "/api/v1/diary/photos"):
        params = spec["paths"][path]["post"].get("parameters", [])
        assert any(p["name"] == "mm_per_pixel" and p["in"] == "query" for p in params), path
    assert "415" in spec["paths"]["/api/v1/assessments"]["post"]["responses"]


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity"])
@pytest.mark.parametrize("where", ["params", "data"])
@pytest.mark.parametrize("path", ["/api/v1/photos/analyze", "/api/v1/diary/photos"])
def test_a_scale_that_is_not_finite_says_so(
    client: TestClient, alice: dict[str, str], value: str, where: str, path: str
) -> None:
    files = {"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")}
    answer = client.post(path, files=files, headers=alice, **{where: {"mm_per_pixel": value}})
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "mm_per_pixel"
    assert "finite number" in answer.json()["detail"], answer.json()


@pytest.mark.parametrize("path", ["/api/v1/photos/analyze", "/api/v1/diary/photos"])
def test_two_photos_in_one_request_are_refused(
    client: TestClient, alice: dict[str, str], path: str
) -> None:
    files = [("file", ("a.jpg", synthetic_jpeg(), "image/jpeg")),
             ("file", ("b.jpg", synthetic_jpeg(width=320, height=240), "image/jpeg"))]  # fmt: skip
    answer = client.post(path, files=files, headers=alice)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == "file"
    assert "2 'file' parts" in answer.json()["detail"]
    assert client.get("/api/v1/diary/photos", headers=alice).json() == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"data": {"mm_per_pixel": ["0.05", "0.1"]}}, "mm_per_pixel"),
     ({"params": [("mm_per_pixel", "0.05"), ("mm_per_pixel", "0.05")]}, "mm_per_pixel"),
     ({"data": {"taken_on": ["2026-11-01", "2026-11-02"]}}, "taken_on")],
)  # fmt: skip
def test_a_repeated_photo_field_is_refused(
    client: TestClient, alice: dict[str, str], kwargs: dict[str, Any], field: str
) -> None:
    files = {"file": ("p.jpg", synthetic_jpeg(), "image/jpeg")}
    answer = client.post("/api/v1/diary/photos", files=files, headers=alice, **kwargs)
    assert answer.status_code == 422, answer.text
    assert answer.json()["field"] == field
