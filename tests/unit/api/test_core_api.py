from __future__ import annotations

from collections.abc import Callable

import pytest
from api_helpers import csrf_of
from fastapi.testclient import TestClient

import milia

CASE = {"age_years": 34, "sex": "female", "color": "white", "diameter_mm": 1.5, "count": 6,
        "surface": "smooth_dome", "sites": ["eyelids", "cheeks"], "duration_weeks": 20}  # fmt: skip
PRODUCT = "Aqua, Petrolatum, Paraffinum Liquidum, Cetearyl Alcohol, Glycolic Acid"


def test_health(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["knowledge_version"] == milia.assess(CASE)["knowledge_version"]


def test_assessment_is_the_core_result_unchanged(client: TestClient) -> None:
    answer = client.post("/api/v1/assessments", json=CASE)
    assert answer.status_code == 200
    assert answer.json() == milia.assess(CASE)


@pytest.mark.parametrize(
    ("case", "field"),
    [({"colour": "white"}, "colour"), ({"color": "white", "sites": ["eyelid"]}, "sites[0]"),
     ({"age_years": 34}, None)],
)  # fmt: skip
def test_bad_case_is_422_with_field_and_suggestion(
    client: TestClient, case: dict[str, object], field: str | None
) -> None:
    answer = client.post("/api/v1/assessments", json=case)
    assert answer.status_code == 422
    body = answer.json()
    assert body["detail"]
    if field:
        assert body["field"] == field
        assert body["suggestion"]


@pytest.mark.parametrize("raw", [b"[]", b"{", b"42", b""])
def test_non_object_case_is_422(client: TestClient, raw: bytes) -> None:
    answer = client.post("/api/v1/assessments", content=raw,
                         headers={"Content-Type": "application/json"})  # fmt: skip
    assert answer.status_code == 422


def test_assessment_with_token_is_stored(client: TestClient, alice: dict[str, str]) -> None:
    client.post("/api/v1/assessments", json=CASE, headers=alice)
    stored = client.get("/api/v1/diary/assessments", headers=alice).json()
    assert len(stored) == 1
    assert stored[0]["case"] == CASE
    assert stored[0]["knowledge_version"] == stored[0]["result"]["knowledge_version"]


def test_ingredient_check_is_the_core_result(client: TestClient) -> None:
    body = {
        "text": PRODUCT,
        "name": "Rich eye cream",
        "product_type": "eye_cream",
        "leave_on": True,
    }
    answer = client.post("/api/v1/ingredients/check", json=body)
    assert answer.status_code == 200
    expected = milia.check_ingredients(PRODUCT, name="Rich eye cream", product_type="eye_cream",
                                       leave_on=True)  # fmt: skip
    assert answer.json() == expected


@pytest.mark.parametrize("body", [{"text": 5}, {"name": "x"}, {"text": "a", "leave_on": "maybe"}])
def test_bad_ingredient_body_is_4xx(client: TestClient, body: dict[str, object]) -> None:
    answer = client.post("/api/v1/ingredients/check", json=body)
    assert 400 <= answer.status_code < 500


def test_products_are_stored_per_user(
    client: TestClient, alice: dict[str, str], bob: dict[str, str]
) -> None:
    created = client.post("/api/v1/diary/products", json={"text": PRODUCT, "name": "Cream"},
                          headers=alice)  # fmt: skip
    assert created.status_code == 201
    product = created.json()
    assert product["result"]["summary"]["milia_risk"] in ("low", "moderate", "high")
    assert client.get(f"/api/v1/diary/products/{product['id']}", headers=bob).status_code == 404
    assert client.get("/api/v1/diary/products", headers=alice).json()[0]["id"] == product["id"]


def test_product_page_highlights_and_saves(page_signup: Callable[[str], TestClient]) -> None:
    web = page_signup("kim@example.org")
    token = csrf_of(web.get("/products").text)
    page = web.post("/products", data={"csrf_token": token, "text": PRODUCT, "name": "Cream",
                    "product_type": "eye_cream", "leave_on": "leave_on", "action": "save"})  # fmt: skip
    assert page.status_code == 200
    assert 'class="ing ing-risk"' in page.text  # petrolatum
    assert 'class="ing ing-note"' in page.text  # cetearyl alcohol: a false alarm corrected
    assert "Saved to your diary" in page.text
    assert "Cream" in web.get("/diary").text


def test_openapi_lists_every_api_route(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    for path in ("/api/v1/health", "/api/v1/assessments", "/api/v1/ingredients/check",
                 "/api/v1/photos/analyze", "/api/v1/auth/signup", "/api/v1/auth/token",
                 "/api/v1/diary/entries", "/api/v1/diary/entries/{entry_id}",
                 "/api/v1/diary/photos", "/api/v1/diary/photos/{photo_id}",
                 "/api/v1/diary/treatments", "/api/v1/diary/products",
                 "/api/v1/diary/export.csv", "/api/v1/diary/export.fhir.json"):  # fmt: skip
        assert path in paths, path
    assert not any(p.startswith(("/diary", "/interview", "/signin")) for p in paths)
    body = spec["paths"]["/api/v1/assessments"]["post"]["requestBody"]
    assert body["content"]["application/json"]["example"]["color"] == "white"


def test_product_page_with_a_bad_type_keeps_the_form(client: TestClient) -> None:
    token = csrf_of(client.get("/products").text)
    answer = client.post("/products", data={"csrf_token": token, "text": PRODUCT,
                         "product_type": "potion"})  # fmt: skip
    assert answer.status_code in (200, 422)
    assert PRODUCT in answer.text  # the pasted list is not lost


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[" * 100_000, "nested too deeply"),  # QA F8-32: said as what it is
        (b'{"age_years": 1' + b"0" * 5000 + b"}", "more than 4,300 digits"),
        (b'{"color": "white",}', "not valid JSON"),
        (b'{"color": "white", "color": "red"}', "given twice"),
        (b'["white"]', "JSON array"),
        (b'{"color": "wh\xffite"}', "not UTF-8 text (invalid start byte at byte 13)"),  # F9-C08
        (b"\xc3\x28", "not UTF-8 text"),
    ],
)
def test_hostile_assessment_bodies_are_422(client: TestClient, body: bytes, words: str) -> None:
    got = client.post(
        "/api/v1/assessments", content=body, headers={"content-type": "application/json"}
    )
    assert got.status_code == 422, got.text
    assert words in got.json()["detail"]


def test_assessments_hot_path_is_lean_but_documented_and_guarded(client: TestClient) -> None:
    from starlette.routing import Route

    app = client.app
    first = app.router.routes[0]  # type: ignore[attr-defined]
    assert type(first) is Route and first.path == "/api/v1/assessments"
    spec = client.get("/api/v1/openapi.json").json()
    documented = spec["paths"]["/api/v1/assessments"]["post"]
    assert "requestBody" in documented and "200" in documented["responses"]
    # the app's middleware still applies (security headers), as do its error handlers
    answer = client.post("/api/v1/assessments", json=CASE)
    assert answer.headers["x-content-type-options"] == "nosniff"
    wrong = client.get("/api/v1/assessments")
    assert wrong.status_code == 405 and wrong.json()["detail"]
    assert client.post("/api/v1/assessments", json={"colour": "x"}).json()["field"] == "colour"
